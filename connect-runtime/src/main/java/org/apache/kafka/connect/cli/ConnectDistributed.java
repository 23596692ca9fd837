package org.apache.kafka.connect.cli;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.runtime.ClientConfigs;
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
import java.util.HashMap;
import java.util.Map;

/**
 * {@code connect-distributed}: one worker of a Connect cluster. Workers sharing a {@code group.id} split the
 * connectors and tasks among themselves and keep configs, source offsets and statuses in Kafka topics; a REST request
 * that another worker must serve is forwarded there.
 */
public class ConnectDistributed extends AbstractConnectCli<DistributedHerder, DistributedConfig> {

    private static final Logger log = LoggerFactory.getLogger(ConnectDistributed.class);

    static final String SHARED_ADMIN_CLIENT_ID_SUFFIX = "shared-admin";

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
     * Builds the shared admin client, the stores, the worker and the herder (runtime-behaviour §1.2 step 7). The
     * herder starts the worker and the stores, and closes the shared admin client and the forwarder when it stops.
     */
    @Override
    protected HerderWithForwarder<DistributedHerder> createHerderWithForwarder(
            DistributedConfig config, URI restUrl, String workerId, Plugins plugins,
            ConnectorClientConfigOverridePolicy overridePolicy, String kafkaClusterId) {
        Admin sharedAdmin = Admin.create(sharedAdminConfigs(config, kafkaClusterId));
        try {
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
                    configStore, restUrl.toString(), forwarder, overridePolicy, sharedAdmin, forwarder);
            return new HerderWithForwarder<>(herder, forwarder);
        } catch (RuntimeException e) {
            Utils.closeQuietly(sharedAdmin, "shared admin client");
            throw e;
        }
    }

    /**
     * Settings of the worker's shared admin client (worker-config.md §4): every worker setting, with the client id
     * {@code <group.id>-[<client.id>-]shared-admin} and the Connect metrics labels. The stores do not use it yet:
     * each creates a short-lived admin client of its own to create or check its topic.
     */
    static Map<String, Object> sharedAdminConfigs(DistributedConfig config, String kafkaClusterId) {
        Map<String, Object> props = new HashMap<>(config.originals());
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, config.internalClientIdBase() + SHARED_ADMIN_CLIENT_ID_SUFFIX);
        ClientConfigs.addMetricsContext(props, config, kafkaClusterId);
        return props;
    }

    /** A distributed worker takes no argument besides its properties file; more are ignored, as Apache does. */
    @Override
    protected void processExtraArgs(Connect<DistributedHerder> connect, String[] extraArgs) {
        if (extraArgs.length > 0) {
            log.warn("Ignoring the extra arguments {}; usage: {}", Arrays.toString(extraArgs), usage());
        }
    }
}
