package org.apache.kafka.connect.cli;

import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.Worker;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.runtime.rest.RestRequestForwarder;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.storage.FileOffsetBackingStore;
import org.apache.kafka.connect.storage.MemoryStatusBackingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * {@code connect-standalone}: one worker that runs the connectors given as files on the command line (and any
 * created over REST), keeping configs and statuses in memory and source offsets in a file.
 */
public class ConnectStandalone extends AbstractConnectCli<StandaloneHerder, StandaloneConfig> {

    private static final Logger log = LoggerFactory.getLogger(ConnectStandalone.class);

    public ConnectStandalone(String... args) {
        super(args);
    }

    public static void main(String[] args) {
        new ConnectStandalone(args).run();
    }

    @Override
    protected String usage() {
        return "ConnectStandalone worker.properties [connector1.properties connector2.json ...]";
    }

    @Override
    protected StandaloneConfig createConfig(Map<String, String> workerProps) {
        return new StandaloneConfig(workerProps);
    }

    @Override
    protected HerderWithForwarder<StandaloneHerder> createHerderWithForwarder(
            StandaloneConfig config, URI restUrl, String workerId, Plugins plugins,
            ConnectorClientConfigOverridePolicy overridePolicy, String kafkaClusterId) {
        // The worker configures and starts the offset store.
        FileOffsetBackingStore offsetStore = new FileOffsetBackingStore();
        MemoryStatusBackingStore statusStore = new MemoryStatusBackingStore();
        statusStore.configure(config);
        Worker worker = new Worker(workerId, Time.SYSTEM, plugins, config, offsetStore, overridePolicy, statusStore,
                kafkaClusterId);
        return new HerderWithForwarder<>(new StandaloneHerder(worker, kafkaClusterId, overridePolicy, statusStore),
                RestRequestForwarder.NONE);
    }

    /** Creates each connector file's connector, in order and one at a time, then reports start-up complete. */
    @Override
    protected void processExtraArgs(Connect<StandaloneHerder> connect, String[] connectorFiles) {
        StandaloneHerder herder = connect.herder();
        for (String file : connectorFiles) {
            ConnectorConfigFile connector = ConnectorConfigFile.read(Path.of(file));
            CompletableFuture<Herder.Created<ConnectorInfo>> created = new CompletableFuture<>();
            herder.putConnectorConfig(connector.name(), connector.config(), connector.initialState(), false,
                    (error, result) -> {
                        if (error != null) {
                            created.completeExceptionally(error);
                        } else {
                            created.complete(result);
                        }
                    });
            try {
                log.info("Created connector {}", created.get().result().name());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while creating connector " + connector.name(), e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("Failed to create connector " + connector.name() + " from "
                        + file + ": " + e.getCause().getMessage(), e.getCause());
            }
        }
        herder.ready();
    }
}
