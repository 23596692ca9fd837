package org.apache.kafka.connect.runtime.rest;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.runtime.rest.errors.ConnectExceptionMapper;
import org.apache.kafka.connect.runtime.rest.resources.ConnectorPluginsResource;
import org.apache.kafka.connect.runtime.rest.resources.ConnectorsResource;
import org.apache.kafka.connect.runtime.rest.resources.RootResource;

import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.CustomRequestLog;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.Slf4jRequestLogWriter;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The worker's embedded HTTP server: Jetty 12 with one connector per entry of {@code listeners} (plus connectors
 * named {@code Admin} for a separate {@code admin.listeners}), serving the Connect resources through Jersey with
 * Jackson for JSON. The sockets are bound by {@link #initializeServer()} before the herder exists, so the worker id
 * (advertised host and port) is known early; {@link #initializeResources} then installs the resources.
 * Every request is logged on this class's logger in NCSA extended format followed by its latency in ms.
 */
public class RestServer {

    private static final Logger log = LoggerFactory.getLogger(RestServer.class);

    static final long GRACEFUL_SHUTDOWN_TIMEOUT_MS = 60_000L;
    static final String ADMIN_CONNECTOR_NAME = "Admin";
    private static final String REGULAR_CONNECTOR_NAME = "Regular";

    private final WorkerConfig config;
    private final RestRequestTimeouts timeouts;
    private final List<RestListener> listeners;
    /** Null: admin endpoints on the regular listeners; empty: admin endpoints disabled. */
    private final List<RestListener> adminListeners;
    private final Server server;
    private final ContextHandlerCollection contexts = new ContextHandlerCollection();
    private final List<ServerConnector> regularConnectors = new ArrayList<>();
    private final List<ServerConnector> adminConnectors = new ArrayList<>();

    /**
     * @throws ConfigException if a listener is malformed or uses a protocol this server does not support yet
     */
    public RestServer(WorkerConfig config) {
        this(config, RestRequestTimeouts.DEFAULT);
    }

    public RestServer(WorkerConfig config, RestRequestTimeouts timeouts) {
        this.config = config;
        this.timeouts = timeouts;
        this.listeners = parseListeners(config.listeners());
        List<String> admin = config.adminListeners();
        this.adminListeners = admin == null ? null : parseListeners(admin);
        this.server = new Server();
        server.setStopTimeout(GRACEFUL_SHUTDOWN_TIMEOUT_MS);
    }

    private static List<RestListener> parseListeners(List<String> urls) {
        List<RestListener> parsed = new ArrayList<>();
        for (String url : urls) {
            RestListener listener = RestListener.parse(url);
            if (listener.protocol().equals(RestListener.HTTPS)) {
                // TLS (listeners.https.* / ssl.* settings) arrives with the next issue.
                throw new ConfigException("HTTPS listeners are not yet supported: " + url);
            }
            parsed.add(listener);
        }
        return parsed;
    }

    /** Binds every listener and starts Jetty; requests get 404 until {@link #initializeResources} has run. */
    public void initializeServer() {
        log.info("Adding listeners for the REST API: {}", config.listeners());
        boolean separateAdmin = adminListeners != null && !adminListeners.isEmpty();
        for (RestListener listener : listeners) {
            regularConnectors.add(createConnector(listener, separateAdmin ? REGULAR_CONNECTOR_NAME : null));
        }
        if (separateAdmin) {
            for (RestListener listener : adminListeners) {
                adminConnectors.add(createConnector(listener, ADMIN_CONNECTOR_NAME));
            }
        }
        List<Connector> all = new ArrayList<>(regularConnectors);
        all.addAll(adminConnectors);
        server.setConnectors(all.toArray(new Connector[0]));

        Slf4jRequestLogWriter requestLogWriter = new Slf4jRequestLogWriter();
        requestLogWriter.setLoggerName(RestServer.class.getName());
        server.setRequestLog(new CustomRequestLog(requestLogWriter, CustomRequestLog.EXTENDED_NCSA_FORMAT + " %{ms}T"));
        // GracefulHandler lets stop() wait for requests in flight, up to the stop timeout.
        server.setHandler(new GracefulHandler(contexts));

        try {
            server.start();
        } catch (Exception e) {
            stopQuietly();
            throw new ConnectException("Unable to initialize REST server", e);
        }
        log.info("REST server listening at {}, advertising URL {}", serverUrl(), advertisedUrl());
        if (!adminConnectors.isEmpty()) {
            log.info("REST admin endpoints at {}", adminUrl());
        }
    }

    private ServerConnector createConnector(RestListener listener, String name) {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(listener.host());
        connector.setPort(listener.port());
        connector.setIdleTimeout(timeouts.requestTimeoutMs());
        if (name != null) {
            connector.setName(name);
        }
        return connector;
    }

    /** Installs the Connect resources for a worker that never forwards requests (standalone). */
    public void initializeResources(Herder herder) {
        initializeResources(herder, RestRequestForwarder.NONE);
    }

    /** Installs the Connect resources; {@code forwarder} sends requests on to other workers (distributed). */
    public void initializeResources(Herder herder, RestRequestForwarder forwarder) {
        log.info("Initializing REST resources");
        ResourceConfig resources = baseResourceConfig();
        // Resources are registered as classes with their collaborators injected: Jersey 3.1 warns about every
        // resource registered as an instance.
        resources.register(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(herder).to(Herder.class);
                bind(config).to(WorkerConfig.class);
                bind(forwarder).to(RestRequestForwarder.class);
                bind(timeouts).to(RestRequestTimeouts.class);
            }
        });
        resources.register(RootResource.class);
        resources.register(ConnectorsResource.class);
        resources.register(ConnectorPluginsResource.class);
        boolean separateAdmin = !adminConnectors.isEmpty();
        if (adminListeners == null) {
            adminResources(herder).forEach(resources::register);
        }
        addContext(resources, separateAdmin ? REGULAR_CONNECTOR_NAME : null);

        if (separateAdmin) {
            ResourceConfig admin = baseResourceConfig();
            adminResources(herder).forEach(admin::register);
            addContext(admin, ADMIN_CONNECTOR_NAME);
        }
        log.info("REST resources initialized; server is started and ready to handle requests");
    }

    /** Resources served on the admin listeners ({@code /admin/loggers}); none yet. */
    private List<Object> adminResources(Herder herder) {
        return List.of();
    }

    private static ResourceConfig baseResourceConfig() {
        ResourceConfig resources = new ResourceConfig();
        resources.register(new JacksonJsonProvider(RestObjectMapper.create()));
        resources.register(new ConnectExceptionMapper());
        resources.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        return resources;
    }

    /** Serves {@code resources} at {@code /}, only on the connectors named {@code connectorName} when not null. */
    private void addContext(ResourceConfig resources, String connectorName) {
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new ServletContainer(resources)), "/*");
        if (connectorName != null) {
            context.setVirtualHosts(List.of("@" + connectorName));
        }
        contexts.addHandler(context);
        try {
            context.start();
        } catch (Exception e) {
            throw new ConnectException("Unable to initialize REST resources", e);
        }
    }

    /** The URL of the first regular listener as bound (actual port), e.g. {@code http://localhost:8083/}. */
    public URI serverUrl() {
        return connectorUrl(firstRegularConnector(), null);
    }

    /** The port the first regular listener is bound to. */
    public int boundPort() {
        return firstRegularConnector().getLocalPort();
    }

    /**
     * The URL other workers use to reach this one: the scheme of {@code rest.advertised.listener} (default: http if
     * any listener is http, else https), the host of {@code rest.advertised.host.name} (default: the listener's host,
     * else this machine's address) and the port of {@code rest.advertised.port} (default: the bound port). Always
     * ends with {@code /}.
     */
    public URI advertisedUrl() {
        String scheme = config.restAdvertisedListener();
        if (scheme == null) {
            boolean anyHttp = listeners.stream().anyMatch(l -> l.protocol().equals(RestListener.HTTP));
            scheme = anyHttp || listeners.isEmpty() ? RestListener.HTTP : RestListener.HTTPS;
        }
        ServerConnector connector = firstRegularConnector();
        for (int i = 0; i < listeners.size(); i++) {
            if (listeners.get(i).protocol().equals(scheme)) {
                connector = regularConnectors.get(i);
                break;
            }
        }
        String host = config.restAdvertisedHostName() != null ? config.restAdvertisedHostName() : hostOf(connector);
        int port = config.restAdvertisedPort() != null ? config.restAdvertisedPort() : connector.getLocalPort();
        return url(scheme, host, port);
    }

    /**
     * Where the admin endpoints are served: the first admin listener if {@code admin.listeners} is set, the
     * advertised URL if it is unset, null if it is empty (admin endpoints disabled).
     */
    public URI adminUrl() {
        if (adminListeners == null) {
            return advertisedUrl();
        }
        if (adminConnectors.isEmpty()) {
            return null;
        }
        return connectorUrl(adminConnectors.get(0), adminListeners.get(0).protocol());
    }

    /** Stops accepting requests and waits up to 60 s for those in flight to finish. */
    public void stop() {
        log.info("Stopping REST server");
        try {
            server.stop();
            server.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while stopping the REST server", e);
        } catch (Exception e) {
            throw new ConnectException("Unable to stop REST server", e);
        } finally {
            server.destroy();
        }
        log.info("REST server stopped");
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (Exception e) {
            log.debug("Failed to stop the REST server after a failed start", e);
        }
    }

    private ServerConnector firstRegularConnector() {
        if (regularConnectors.isEmpty()) {
            throw new IllegalStateException("The REST server has not been initialized");
        }
        return regularConnectors.get(0);
    }

    private URI connectorUrl(ServerConnector connector, String scheme) {
        int index = regularConnectors.indexOf(connector);
        String protocol = scheme != null ? scheme : listeners.get(Math.max(index, 0)).protocol();
        return url(protocol, hostOf(connector), connector.getLocalPort());
    }

    /** The connector's configured host, or this machine's address when it binds all interfaces. */
    private static String hostOf(ServerConnector connector) {
        if (connector.getHost() != null) {
            return connector.getHost();
        }
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static URI url(String scheme, String host, int port) {
        String bracketed = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return URI.create(scheme + "://" + bracketed + ":" + port + "/");
    }
}
