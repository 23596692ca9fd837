package org.apache.kafka.connect.cli;

import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.Worker;
import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.apache.kafka.connect.runtime.distributed.DistributedHerder;
import org.apache.kafka.connect.runtime.distributed.RequestTargetException;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.runtime.rest.HttpRestRequestForwarder;
import org.apache.kafka.connect.runtime.rest.RestRequestTimeouts;
import org.apache.kafka.connect.storage.KafkaConfigBackingStore;
import org.apache.kafka.connect.storage.KafkaOffsetBackingStore;
import org.apache.kafka.connect.storage.KafkaStatusBackingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;

/**
 * {@code connect-distributed}: one worker of a Connect cluster. Workers sharing a {@code group.id} split the
 * connectors and tasks among themselves and keep configs, source offsets and statuses in Kafka topics; a REST request
 * that another worker must serve is forwarded there.
 */
public class ConnectDistributed extends AbstractConnectCli<DistributedHerder, DistributedConfig> {

    private static final Logger log = LoggerFactory.getLogger(ConnectDistributed.class);

    public ConnectDistributed(String... args) {
        super(args);
    }

    public static void main(String[] args) {
        new ConnectDistributed(args).run();
    }

    @Override
    protected String usage() {
        return "ConnectDistributed worker.properties";
    }

    @Override
    protected DistributedConfig createConfig(Map<String, String> workerProps) {
        return new DistributedConfig(workerProps);
    }

    /**
     * Builds the stores, the worker and the herder (runtime-behaviour §1.2 step 7). The herder starts the worker and
     * the stores, and closes the forwarder when it stops. Each store creates or checks its own topic with a
     * short-lived admin client, so no shared admin client is kept open.
     */
    @Override
    protected HerderWithForwarder<DistributedHerder> createHerderWithForwarder(
            DistributedConfig config, URI restUrl, String workerId, Plugins plugins,
            ConnectorClientConfigOverridePolicy overridePolicy, String kafkaClusterId) {
        KafkaOffsetBackingStore offsetStore = new KafkaOffsetBackingStore(Time.SYSTEM);
        // Built before the worker, which records the topics source tasks use in it (topic tracking).
        KafkaStatusBackingStore statusStore = new KafkaStatusBackingStore(Time.SYSTEM);
        statusStore.configure(config);
        Worker worker = new Worker(workerId, Time.SYSTEM, plugins, config, offsetStore, overridePolicy,
                statusStore, kafkaClusterId);
        KafkaConfigBackingStore configStore = new KafkaConfigBackingStore(config, Time.SYSTEM);
        HttpRestRequestForwarder forwarder = new HttpRestRequestForwarder(config, RestRequestTimeouts.DEFAULT,
                RequestTargetException::forwardTarget);
        DistributedHerder herder = new DistributedHerder(config, Time.SYSTEM, worker, kafkaClusterId, statusStore,
                configStore, restUrl.toString(), forwarder, overridePolicy, forwarder);
        return new HerderWithForwarder<>(herder, forwarder);
    }

    /** A distributed worker takes no argument besides its properties file; more are ignored, as Apache does. */
    @Override
    protected void processExtraArgs(Connect<DistributedHerder> connect, String[] extraArgs) {
        if (extraArgs.length > 0) {
            log.warn("Ignoring the extra arguments {}; usage: {}", Arrays.toString(extraArgs), usage());
        }
    }
}
