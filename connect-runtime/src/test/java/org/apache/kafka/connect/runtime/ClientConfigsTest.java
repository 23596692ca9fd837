package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.connector.policy.AllConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.connector.policy.NoneConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.isolation.LoaderSwap;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClientConfigsTest {

    private static final ConnectorTaskId TASK = new ConnectorTaskId("conn", 2);
    private static final String CLUSTER = "cluster-1";
    private static Plugins plugins;

    @BeforeAll
    static void discoverPlugins() {
        plugins = new Plugins(Map.of("plugin.discovery", "service_load"));
    }

    private static WorkerConfig worker(String... extra) {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", "a:9092,b:9092");
        props.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("offset.storage.file.filename", "/tmp/offsets");
        props.put("producer.linger.ms", "7");
        props.put("producer.acks", "1");
        props.put("consumer.max.poll.records", "11");
        props.put("admin.retries", "3");
        props.put("security.protocol", "SSL");
        for (int i = 0; i < extra.length; i += 2) {
            props.put(extra[i], extra[i + 1]);
        }
        try (LoaderSwap swap = plugins.withClassLoader(plugins.delegatingLoader())) {
            return new StandaloneConfig(props);
        }
    }

    private static ConnectorConfig connector(String... overrides) {
        Map<String, String> props = new HashMap<>();
        props.put("name", "conn");
        props.put("connector.class", "SomeConnector");
        for (int i = 0; i < overrides.length; i += 2) {
            props.put(overrides[i], overrides[i + 1]);
        }
        try (LoaderSwap swap = plugins.withClassLoader(plugins.delegatingLoader())) {
            return new ConnectorConfig(plugins, props);
        }
    }

    private static final ConnectorClientConfigOverridePolicy ALL = new AllConnectorClientConfigOverridePolicy();

    @Test
    void producerLayersWorkerDefaultsWorkerSettingsMetricsContextAndConnectorOverrides() {
        Map<String, Object> producer = ClientConfigs.sourceProducerConfigs(TASK, "connector-producer-conn-2",
                worker(), connector("producer.override.acks", "0", "producer.override.batch.size", "10"),
                Source.class, ALL, CLUSTER);

        assertEquals("a:9092,b:9092", producer.get("bootstrap.servers"));
        assertEquals(ByteArraySerializer.class.getName(), producer.get("key.serializer"));
        assertEquals(ByteArraySerializer.class.getName(), producer.get("value.serializer"));
        assertEquals(Long.toString(Long.MAX_VALUE), producer.get("max.block.ms"));
        assertEquals("false", producer.get("enable.idempotence"));
        assertEquals("1", producer.get("max.in.flight.requests.per.connection"));
        assertEquals(Integer.toString(Integer.MAX_VALUE), producer.get("delivery.timeout.ms"));
        assertEquals("connector-producer-conn-2", producer.get("client.id"));
        assertEquals("7", producer.get("linger.ms"), "worker producer. setting");
        assertEquals("0", producer.get("acks"), "connector override beats the worker's producer.acks");
        assertEquals("10", producer.get("batch.size"));
        assertEquals(CLUSTER, producer.get("metrics.context.connect.kafka.cluster.id"));
        assertFalse(producer.containsKey("metrics.context.connect.group.id"), "standalone workers have no group");
        assertFalse(producer.containsKey("security.protocol"), "unprefixed worker settings are not inherited");
    }

    @Test
    void sinkConsumerUsesTheConnectorsGroupUnlessOverridden() {
        Map<String, Object> consumer = ClientConfigs.sinkConsumerConfigs(TASK, "connector-consumer-conn-2", worker(),
                connector(), Sink.class, ALL, CLUSTER);

        assertEquals("connect-conn", consumer.get("group.id"));
        assertEquals("connector-consumer-conn-2", consumer.get("client.id"));
        assertEquals("false", consumer.get("enable.auto.commit"));
        assertEquals("earliest", consumer.get("auto.offset.reset"));
        assertEquals(ByteArrayDeserializer.class.getName(), consumer.get("key.deserializer"));
        assertEquals(ByteArrayDeserializer.class.getName(), consumer.get("value.deserializer"));
        assertEquals("11", consumer.get("max.poll.records"));

        Map<String, Object> overridden = ClientConfigs.sinkConsumerConfigs(TASK, "c", worker(),
                connector("consumer.override.group.id", "shared"), Sink.class, ALL, CLUSTER);
        assertEquals("shared", overridden.get("group.id"));
    }

    @Test
    void adminInheritsUnprefixedWorkerSettingsThenAdminSettingsThenOverrides() {
        Map<String, Object> admin = ClientConfigs.adminConfigs("conn", "connector-adminclient-conn-2", worker(),
                connector("admin.override.request.timeout.ms", "99"), Source.class, ALL, CLUSTER);

        assertEquals("SSL", admin.get("security.protocol"));
        assertEquals("3", admin.get("retries"));
        assertEquals("99", admin.get("request.timeout.ms"));
        assertEquals("connector-adminclient-conn-2", admin.get("client.id"));
        assertFalse(admin.containsKey("linger.ms"));
        assertFalse(admin.containsKey("producer.linger.ms"));
        assertEquals(CLUSTER, admin.get("metrics.context.connect.kafka.cluster.id"));
    }

    @Test
    void overridesThePolicyRejectsFailTheClientConfig() {
        ConnectException e = assertThrows(ConnectException.class, () -> ClientConfigs.sinkConsumerConfigs(TASK, "c",
                worker(), connector("consumer.override.max.poll.records", "5"), Sink.class,
                new NoneConnectorClientConfigOverridePolicy(), CLUSTER));

        assertEquals("Client Config Overrides not allowed [[max.poll.records,5,[],[The 'None' policy does not "
                + "allow 'max.poll.records' to be overridden in the connector configuration.],true]]",
                e.getMessage());
        ClientConfigs.sinkConsumerConfigs(TASK, "c", worker(), connector(), Sink.class,
                new NoneConnectorClientConfigOverridePolicy(), CLUSTER);
    }

    @Test
    void exactlyOnceProducersAreIdempotentAndTransactional() {
        WorkerConfig distributed = new GroupWorkerConfig(worker(), "connect-cluster");
        Map<String, Object> producer = ClientConfigs.exactlyOnceSourceTaskProducerConfigs(TASK, distributed,
                connector("producer.override.enable.idempotence", "false"), Source.class, ALL, CLUSTER);

        assertEquals("true", producer.get("enable.idempotence"));
        assertEquals("connect-cluster-conn-2", producer.get("transactional.id"));
        assertEquals("connect-cluster", producer.get("metrics.context.connect.group.id"));
    }

    @Test
    void sourceOffsetsConsumersReadCommittedData() {
        Map<String, Object> regular = ClientConfigs.regularSourceOffsetsConsumerConfigs("conn", "c",
                worker("consumer.isolation.level", "read_uncommitted"), connector(), Source.class, ALL, CLUSTER);
        assertEquals("read_uncommitted", regular.get("isolation.level"), "a default only");
        Map<String, Object> exactlyOnce = ClientConfigs.exactlyOnceSourceOffsetsConsumerConfigs("conn", "c",
                worker("consumer.isolation.level", "read_uncommitted"), connector(), Source.class, ALL, CLUSTER);
        assertEquals("read_committed", exactlyOnce.get("isolation.level"));
    }

    /** A worker config that belongs to a Connect group, as a distributed worker's does. */
    static final class GroupWorkerConfig extends WorkerConfig {
        private final String groupId;

        GroupWorkerConfig(WorkerConfig base, String groupId) {
            super(StandaloneConfig.configDef(), base.originalsStrings());
            this.groupId = groupId;
        }

        @Override
        public String groupId() {
            return groupId;
        }

        @Override
        public boolean exactlyOnceSourceEnabled() {
            return true;
        }
    }

    public static class Source extends SourceConnector {
        @Override
        public void start(Map<String, String> props) {
        }

        @Override
        public Class<? extends Task> taskClass() {
            return null;
        }

        @Override
        public List<Map<String, String>> taskConfigs(int maxTasks) {
            return List.of();
        }

        @Override
        public void stop() {
        }

        @Override
        public ConfigDef config() {
            return new ConfigDef();
        }

        @Override
        public String version() {
            return "1.0";
        }
    }

    public static class Sink extends SinkConnector {
        @Override
        public void start(Map<String, String> props) {
        }

        @Override
        public Class<? extends Task> taskClass() {
            return null;
        }

        @Override
        public List<Map<String, String>> taskConfigs(int maxTasks) {
            return List.of();
        }

        @Override
        public void stop() {
        }

        @Override
        public ConfigDef config() {
            return new ConfigDef();
        }

        @Override
        public String version() {
            return "1.0";
        }
    }

}
