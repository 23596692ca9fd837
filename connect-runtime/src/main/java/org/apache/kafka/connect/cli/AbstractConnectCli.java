package org.apache.kafka.connect.cli;

import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.runtime.rest.RestAdditions;
import org.apache.kafka.connect.runtime.rest.RestRequestForwarder;
import org.apache.kafka.connect.runtime.rest.RestServer;
import org.apache.kafka.connect.util.ConnectUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;

/**
 * The start-up sequence both worker command lines share (runtime-behaviour §1.2): plugins, worker config, REST
 * listeners, worker id, override policy, herder, then herder and REST resources started together. Subclasses supply
 * the config definition, the herder (with, for a distributed worker, the forwarder its REST resources use), and what
 * to do with extra arguments.
 *
 * <p>Exit codes: 1 usage, 2 failure while starting, 3 failure of the herder/REST start or of an extra argument.
 *
 * @param <H> the herder kind
 * @param <T> the worker config kind
 */
public abstract class AbstractConnectCli<H extends Herder, T extends WorkerConfig> {

    private static final Logger log = LoggerFactory.getLogger(AbstractConnectCli.class);

    private final String[] args;

    protected AbstractConnectCli(String... args) {
        this.args = args;
    }

    /** The usage line, without the {@code Usage: } prefix. */
    protected abstract String usage();

    protected abstract T createConfig(Map<String, String> workerProps);

    /**
     * Creates the herder and the forwarder through which the REST resources re-issue requests the herder says
     * another worker must serve ({@link RestRequestForwarder#NONE} for a worker that serves everything itself).
     *
     * @param restUrl the URL this worker advertises to the others ({@code scheme://host:port/})
     */
    protected abstract HerderWithForwarder<H> createHerderWithForwarder(T config, URI restUrl, String workerId,
                                                                        Plugins plugins,
                                                                        ConnectorClientConfigOverridePolicy policy,
                                                                        String kafkaClusterId);

    /**
     * Handles the arguments after the worker properties file, once the worker has started; also marks the end of
     * start-up where the herder needs it.
     */
    protected abstract void processExtraArgs(Connect<H> connect, String[] extraArgs);

    /** Runs the worker until it is stopped; exits the JVM on bad usage or a failed start. */
    public void run() {
        if (args.length < 1 || Arrays.asList(args).contains("--help")) {
            log.info("Usage: {}", usage());
            Exit.exit(1);
            return;
        }
        Connect<H> connect;
        try {
            String workerPropsFile = args[0];
            Map<String, String> workerProps = workerPropsFile.isEmpty()
                    ? Map.of()
                    : Utils.propsToStringMap(Utils.loadProps(workerPropsFile));
            connect = startWorker(workerProps);
        } catch (StartFailedException e) {
            Exit.exit(3);
            return;
        } catch (Throwable t) {
            log.error("Stopping due to error", t);
            Exit.exit(2);
            return;
        }
        try {
            processExtraArgs(connect, Arrays.copyOfRange(args, 1, args.length));
        } catch (Throwable t) {
            log.error("Stopping after connector error", t);
            connect.stop();
            Exit.exit(3);
            return;
        }
        log.info("Kafka Connect started");
        connect.awaitStop();
    }

    /**
     * Builds and starts a worker from its properties, with no extra arguments: on return the herder runs, has
     * finished start-up, and the REST API is served. For embedding the worker (tests).
     *
     * @throws StartFailedException if the herder or the REST server failed to start (both are then stopped)
     */
    public Connect<H> startConnect(Map<String, String> workerProps) {
        Connect<H> connect = startWorker(workerProps);
        try {
            processExtraArgs(connect, new String[0]);
        } catch (RuntimeException e) {
            connect.stop();
            throw e;
        }
        return connect;
    }

    private Connect<H> startWorker(Map<String, String> workerProps) {
        log.info("Kafka Connect worker initializing ...");
        logRuntimeInfo();

        log.info("Scanning for plugin classes. This might take a moment ...");
        Plugins plugins = new Plugins(workerProps);
        // Worker config classes (converters, policies) may be aliases that only the delegating loader resolves.
        Thread.currentThread().setContextClassLoader(plugins.delegatingLoader());
        T config = createConfig(workerProps);
        log.debug("Kafka cluster id lookup for {}", config.bootstrapServers());
        String kafkaClusterId = ConnectUtils.lookupKafkaClusterId(config);

        RestServer rest = new RestServer(config);
        rest.initializeServer();
        HerderWithForwarder<H> created;
        RestAdditions restAdditions;
        try {
            URI advertisedUrl = rest.advertisedUrl();
            String workerId = advertisedUrl.getHost() + ":" + advertisedUrl.getPort();
            ConnectorClientConfigOverridePolicy overridePolicy = plugins.newPlugin(
                    config.getString(WorkerConfig.CONNECTOR_CLIENT_POLICY_CLASS_CONFIG),
                    ConnectorClientConfigOverridePolicy.class);
            overridePolicy.configure(config.originals());
            created = createHerderWithForwarder(config, advertisedUrl, workerId, plugins, overridePolicy,
                    kafkaClusterId);
            restAdditions = RestAdditions.install(rest, config, plugins, created.herder());
        } catch (RuntimeException e) {
            rest.stop();
            throw e;
        }
        Connect<H> connect = new Connect<>(created.herder(), rest, restAdditions, created.forwarder());
        try {
            connect.start();
        } catch (RuntimeException e) {
            // Connect.start has logged the failure and stopped herder and REST server.
            throw new StartFailedException(e);
        }
        return connect;
    }

    private static void logRuntimeInfo() {
        Runtime runtime = Runtime.getRuntime();
        log.info("WorkerInfo: JVM {} {} ({}), OS {} {} {}, {} processors, max heap {} MB",
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                System.getProperty("java.vendor"), System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"), runtime.availableProcessors(), runtime.maxMemory() / (1024 * 1024));
    }

    /**
     * A new herder and what its REST resources forward requests with; the herder closes the forwarder when it stops.
     *
     * @param <H> the herder kind
     */
    protected record HerderWithForwarder<H extends Herder>(H herder, RestRequestForwarder forwarder) {
    }

    /** The herder or the REST server failed to start; distinguished because it exits with a code of its own. */
    static final class StartFailedException extends RuntimeException {
        StartFailedException(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
