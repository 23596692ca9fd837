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
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.Slf4jRequestLogWriter;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.server.handler.CrossOriginHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
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
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The worker's embedded HTTP server: Jetty 12 with one connector per entry of {@code listeners} (plus connectors
 * named {@code Admin} for a separate {@code admin.listeners}), serving the Connect resources through Jersey with
 * Jackson for JSON. The sockets are bound by {@link #initializeServer()} before the herder exists, so the worker id
 * (advertised host and port) is known early; {@link #initializeResources} then installs the resources.
 * HTTPS listeners take their TLS settings from {@link SslContextFactories}. The main context answers CORS requests
 * when {@code access.control.allow.origin} is set and adds the {@code response.http.headers.config} headers.
 * Every request is logged on this class's logger in NCSA extended format followed by its latency in ms.
 *
 * <p>Admin endpoints ({@link #registerAdminResource}) and REST extensions ({@link #addResourceConfigCustomizer})
 * are added between construction and {@link #initializeResources}.
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
    private final ResponseHeadersHandler responseHeaders;
    private final List<Object> adminResources = new ArrayList<>();
    private final List<ResourceConfigCustomizer> customizers = new ArrayList<>();
    private volatile boolean resourcesInitialized;

    /**
     * Adds components to the Jersey configuration of a context before it starts, e.g. the filters and resources of
     * REST extensions.
     */
    @FunctionalInterface
    public interface ResourceConfigCustomizer {
        /**
         * @param resources    the configuration of the context being built
         * @param adminContext true for the context of separate admin listeners; false for the main context (which
         *                     also serves the admin endpoints when {@code admin.listeners} is unset)
         */
        void customize(ResourceConfig resources, boolean adminContext);
    }

    /**
     * @throws ConfigException if a listener is malformed, the TLS settings of an HTTPS listener are invalid or
     *                         {@code response.http.headers.config} is malformed
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
        // Fail at startup, not at the first request, on bad TLS settings or header rules.
        checkTlsSettings(listeners, SslContextFactories.LISTENERS_PREFIX);
        if (adminListeners != null) {
            checkTlsSettings(adminListeners, SslContextFactories.ADMIN_LISTENERS_PREFIX);
        }
        this.responseHeaders = new ResponseHeadersHandler(config.getString(WorkerConfig.RESPONSE_HTTP_HEADERS_CONFIG));
        this.server = new Server();
        server.setStopTimeout(GRACEFUL_SHUTDOWN_TIMEOUT_MS);
    }

    private static List<RestListener> parseListeners(List<String> urls) {
        return urls.stream().map(RestListener::parse).toList();
    }

    /** Loads the key material once to report errors early; each HTTPS connector later builds its own factory. */
    private void checkTlsSettings(List<RestListener> group, String prefix) {
        if (group.stream().anyMatch(l -> l.protocol().equals(RestListener.HTTPS))) {
            SslContextFactories.forServer(config, prefix);
        }
    }

    /**
     * Serves {@code resource} on the admin endpoints: on the admin listeners if {@code admin.listeners} is set, on
     * the regular listeners if it is unset, nowhere if it is empty. Must be called before
     * {@link #initializeResources}; the resource can inject {@link Herder}, {@link WorkerConfig},
     * {@link RestRequestForwarder} and {@link RestRequestTimeouts}.
     *
     * @param resource a resource class, or an instance (e.g. one built with its collaborators), or any other
     *                 Jersey component such as a binder
     */
    public void registerAdminResource(Object resource) {
        checkNotInitialized();
        adminResources.add(resource);
    }

    /**
     * Runs {@code customizer} on each Jersey configuration this server builds: once for the main context and, when
     * admin listeners are separate, once more for the admin context. Must be called before
     * {@link #initializeResources}.
     */
    public void addResourceConfigCustomizer(ResourceConfigCustomizer customizer) {
        checkNotInitialized();
        customizers.add(customizer);
    }

    private void checkNotInitialized() {
        if (resourcesInitialized) {
            throw new IllegalStateException("The REST resources have already been initialized");
        }
    }

    /** Binds every listener and starts Jetty; requests get 404 until {@link #initializeResources} has run. */
    public void initializeServer() {
        log.info("Adding listeners for the REST API: {}", config.listeners());
        boolean separateAdmin = adminListeners != null && !adminListeners.isEmpty();
        for (RestListener listener : listeners) {
            regularConnectors.add(createConnector(listener, separateAdmin ? REGULAR_CONNECTOR_NAME : null,
                    SslContextFactories.LISTENERS_PREFIX));
        }
        if (separateAdmin) {
            for (RestListener listener : adminListeners) {
                adminConnectors.add(createConnector(listener, ADMIN_CONNECTOR_NAME,
                        SslContextFactories.ADMIN_LISTENERS_PREFIX));
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

    /** @param sslPrefix where the TLS settings of an HTTPS listener live */
    private ServerConnector createConnector(RestListener listener, String name, String sslPrefix) {
        ServerConnector connector;
        if (listener.protocol().equals(RestListener.HTTPS)) {
            // One TLS factory per connector: each connector starts and stops its own.
            SslContextFactory.Server ssl = SslContextFactories.forServer(config, sslPrefix);
            HttpConfiguration https = new HttpConfiguration();
            // Marks requests secure (https URIs, client certificates). No SNI host check: workers reach each other
            // by advertised name or address, which need not be on the certificate when host names are not verified.
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false);
            https.addCustomizer(secure);
            connector = new ServerConnector(server, ssl, new HttpConnectionFactory(https));
        } else {
            connector = new ServerConnector(server);
        }
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
        checkNotInitialized();
        resourcesInitialized = true;
        ResourceConfig resources = baseResourceConfig(herder, forwarder);
        resources.register(RootResource.class);
        resources.register(ConnectorsResource.class);
        resources.register(ConnectorPluginsResource.class);
        boolean separateAdmin = !adminConnectors.isEmpty();
        if (adminListeners == null) {
            adminResources.forEach(resource -> register(resources, resource));
        }
        customizers.forEach(customizer -> customizer.customize(resources, false));
        ServletContextHandler main = newContext(resources, separateAdmin ? REGULAR_CONNECTOR_NAME : null);
        CrossOriginHandler crossOrigin = crossOriginHandler();
        if (crossOrigin != null) {
            main.insertHandler(crossOrigin);
        }
        // Inserted last, so outermost: CORS answers to preflight requests get the headers too.
        main.insertHandler(responseHeaders);
        startContext(main);

        if (separateAdmin) {
            ResourceConfig admin = baseResourceConfig(herder, forwarder);
            adminResources.forEach(resource -> register(admin, resource));
            customizers.forEach(customizer -> customizer.customize(admin, true));
            startContext(newContext(admin, ADMIN_CONNECTOR_NAME));
        }
        log.info("REST resources initialized; server is started and ready to handle requests");
    }

    /** Registers a component given either as a class or as an instance. */
    private static void register(ResourceConfig resources, Object component) {
        if (component instanceof Class<?> type) {
            resources.register(type);
        } else {
            resources.register(component);
        }
    }

    /**
     * Jetty's CORS handler for {@code access.control.allow.origin} (comma-separated origins, {@code *} a wildcard)
     * and {@code access.control.allow.methods} (blank: Jetty's default GET, POST, HEAD); null when no origin is set.
     */
    private CrossOriginHandler crossOriginHandler() {
        String origins = config.getString(WorkerConfig.ACCESS_CONTROL_ALLOW_ORIGIN_CONFIG);
        if (origins == null || origins.isBlank()) {
            return null;
        }
        CrossOriginHandler handler = new CrossOriginHandler();
        handler.setAllowedOriginPatterns(commaSeparated(origins).stream()
                .map(RestServer::originPattern).collect(Collectors.toCollection(LinkedHashSet::new)));
        String methods = config.getString(WorkerConfig.ACCESS_CONTROL_ALLOW_METHODS_CONFIG);
        if (methods != null && !methods.isBlank()) {
            handler.setAllowedMethods(commaSeparated(methods));
        }
        return handler;
    }

    private static Set<String> commaSeparated(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(item -> !item.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Jetty takes regular expressions; origins are configured as literals where {@code *} matches anything. */
    private static String originPattern(String origin) {
        return Arrays.stream(origin.split("\\*", -1)).map(part -> part.isEmpty() ? "" : Pattern.quote(part))
                .collect(Collectors.joining(".*"));
    }

    /** JSON, error mapping and the collaborators resources inject. */
    private ResourceConfig baseResourceConfig(Herder herder, RestRequestForwarder forwarder) {
        ResourceConfig resources = new ResourceConfig();
        resources.register(new JacksonJsonProvider(RestObjectMapper.create()));
        resources.register(new ConnectExceptionMapper());
        resources.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        // Everything is registered explicitly; skipping Jersey's class path discovery shortens worker start-up.
        resources.property(ServerProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true);
        resources.property(ServerProperties.METAINF_SERVICES_LOOKUP_DISABLE, true);
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
        return resources;
    }

    /** Serves {@code resources} at {@code /}, only on the connectors named {@code connectorName} when not null. */
    private static ServletContextHandler newContext(ResourceConfig resources, String connectorName) {
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new ServletContainer(resources)), "/*");
        if (connectorName != null) {
            context.setVirtualHosts(List.of("@" + connectorName));
        }
        return context;
    }

    private void startContext(ServletContextHandler context) {
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
