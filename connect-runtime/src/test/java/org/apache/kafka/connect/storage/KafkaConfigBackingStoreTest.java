package org.apache.kafka.connect.storage;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.integration.EmbeddedKafkaBroker;
import org.apache.kafka.connect.runtime.RestartRequest;
import org.apache.kafka.connect.runtime.TargetState;
import org.apache.kafka.connect.runtime.distributed.ClusterConfigState;
import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.apache.kafka.connect.storage.ConfigRecord.SessionKeyUpdate;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.crypto.spec.SecretKeySpec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KafkaConfigBackingStoreTest {

    private static final EmbeddedKafkaBroker BROKER = EmbeddedKafkaBroker.shared();

    private final String topic = "configs-" + UUID.randomUUID();
    private final String groupId = "cluster-" + UUID.randomUUID();
    private final List<KafkaConfigBackingStore> stores = new ArrayList<>();

    private static final Map<String, String> CONNECTOR_CONFIG = Map.of("name", "my-conn",
            "connector.class", "FileStreamSource", "tasks.max", "2", "password", "${file:/secrets:pw}");
    private static final Map<String, String> TASK_0 = Map.of("task.class", "T", "file", "a");
    private static final Map<String, String> TASK_1 = Map.of("task.class", "T", "file", "b");

    private DistributedConfig config() {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", BROKER.bootstrapServers());
        props.put("group.id", groupId);
        props.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("config.storage.topic", topic);
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.topic", "offsets-unused");
        props.put("status.storage.topic", "status-unused");
        return new DistributedConfig(props);
    }

    private KafkaConfigBackingStore newStore() {
        KafkaConfigBackingStore store = new KafkaConfigBackingStore(config(), Time.SYSTEM);
        stores.add(store);
        return store;
    }

    private KafkaConfigBackingStore startStore(ConfigBackingStore.UpdateListener listener) {
        KafkaConfigBackingStore store = newStore();
        if (listener != null) {
            store.setUpdateListener(listener);
        }
        store.start();
        return store;
    }

    @AfterEach
    void stopStores() {
        stores.forEach(KafkaConfigBackingStore::stop);
    }

    /** Every record of the config topic as {key, value text or null}, in log order. */
    private List<String[]> rawRecords() {
        List<String[]> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", BROKER.bootstrapServers()), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.currentTimeMillis() + 30_000;
            while (consumer.position(partition) < end && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(new String[]{record.key(),
                        record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8)});
                }
            }
        }
        return records;
    }

    private List<String> rawKeys() {
        List<String> keys = new ArrayList<>();
        rawRecords().forEach(record -> keys.add(record[0]));
        return keys;
    }

    /** Writes records behind the store's back, as another (possibly crashed) worker would. */
    private void produceRaw(ConfigRecord... records) throws Exception {
        ConfigRecordCodec codec = new ConfigRecordCodec();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", BROKER.bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer())) {
            for (ConfigRecord record : records) {
                producer.send(new ProducerRecord<>(topic, record.key(), codec.encodeValue(record))).get();
            }
        }
    }

    @Test
    void writesEveryRecordKindAndSeesItInTheSnapshotWhenTheWriteReturns() {
        RecordingListener listener = new RecordingListener();
        KafkaConfigBackingStore store = startStore(listener);
        assertEquals(ClusterConfigState.NO_OFFSET, store.snapshot().offset());

        store.putConnectorConfig("my-conn", CONNECTOR_CONFIG, TargetState.PAUSED);
        assertTrue(store.contains("my-conn"));
        assertEquals(CONNECTOR_CONFIG, store.snapshot().rawConnectorConfig("my-conn"));
        assertEquals(TargetState.PAUSED, store.snapshot().targetState("my-conn"));

        store.putTaskConfigs("my-conn", List.of(TASK_0, TASK_1));
        ClusterConfigState snapshot = store.snapshot();
        assertEquals(2, snapshot.taskCount("my-conn"));
        assertEquals(TASK_0, snapshot.rawTaskConfig(new ConnectorTaskId("my-conn", 0)));
        assertEquals(TASK_1, snapshot.rawTaskConfig(new ConnectorTaskId("my-conn", 1)));
        assertEquals(CONNECTOR_CONFIG, snapshot.appliedConnectorConfig("my-conn"));
        assertEquals(Set.of("my-conn"), store.fullSnapshot().connectorsPendingFencing());

        store.putTaskCountRecord("my-conn", 2);
        assertEquals(Map.of("my-conn", 2), store.fullSnapshot().taskCountRecords());
        assertEquals(Set.of(), store.fullSnapshot().connectorsPendingFencing());

        byte[] key = new byte[32];
        key[0] = 7;
        store.putSessionKey(new SessionKeyUpdate(new SecretKeySpec(key, "HmacSHA256"), 1_700_000_000_000L));
        SessionKeyUpdate readKey = store.fullSnapshot().sessionKey();
        assertArrayEquals(key, readKey.secretKey().getEncoded());
        assertEquals("HmacSHA256", readKey.secretKey().getAlgorithm());
        assertEquals(1_700_000_000_000L, readKey.creationTimestamp());

        RestartRequest restart = new RestartRequest("my-conn", true, false);
        store.putRestartRequest(restart);
        assertEquals(List.of(restart), store.drainRestartRequests());
        assertEquals(List.of(), store.drainRestartRequests());

        store.putLoggerLevel("org.example", "DEBUG");
        store.putTargetState("my-conn", TargetState.STARTED);
        assertEquals(TargetState.STARTED, store.snapshot().targetState("my-conn"));

        // Written in the spec's order: the initial target state before the config, tasks before their commit.
        assertEquals(List.of("target-state-my-conn", "connector-my-conn", "task-my-conn-0", "task-my-conn-1",
                "commit-my-conn", "tasks-fencing-my-conn", "session-key", "restart-connector-my-conn",
                "logger-cluster-org.example", "target-state-my-conn"), rawKeys());
        List<String[]> raw = rawRecords();
        assertEquals("{\"tasks\":2}", raw.get(4)[1]);
        assertEquals("{\"state\":\"STARTED\",\"state.v2\":\"STARTED\"}", raw.get(9)[1]);
        assertEquals(raw.size(), store.snapshot().offset());

        assertEquals(List.of("config-updated my-conn", "tasks-updated [my-conn-0, my-conn-1]",
                "session-key HmacSHA256", "restart " + restart, "logger org.example=DEBUG",
                "target-state my-conn"), listener.events());
    }

    @Test
    void anotherWorkerSeesTheWritesAfterRefreshAndIsToldAboutThem() throws Exception {
        KafkaConfigBackingStore leader = startStore(null);
        RecordingListener listener = new RecordingListener();
        KafkaConfigBackingStore follower = startStore(listener);

        leader.putConnectorConfig("my-conn", CONNECTOR_CONFIG, null);
        leader.putTaskConfigs("my-conn", List.of(TASK_0, TASK_1));
        leader.putTargetState("my-conn", TargetState.PAUSED);
        follower.refresh(30, TimeUnit.SECONDS);

        ClusterConfigState seen = follower.snapshot();
        assertEquals(leader.snapshot().offset(), seen.offset());
        assertEquals(CONNECTOR_CONFIG, seen.rawConnectorConfig("my-conn"));
        assertEquals(TargetState.PAUSED, seen.targetState("my-conn"));
        assertEquals(List.of(new ConnectorTaskId("my-conn", 0), new ConnectorTaskId("my-conn", 1)),
                seen.tasks("my-conn"));
        assertEquals(TASK_1, seen.rawTaskConfig(new ConnectorTaskId("my-conn", 1)));

        // A smaller task set also names the tasks that no longer exist.
        leader.putTaskConfigs("my-conn", List.of(TASK_0));
        leader.removeConnectorConfig("my-conn");
        follower.refresh(30, TimeUnit.SECONDS);
        assertFalse(follower.contains("my-conn"));
        assertNull(follower.snapshot().targetState("my-conn"));
        assertEquals(0, follower.snapshot().taskCount("my-conn"));

        assertEquals(List.of("config-updated my-conn", "tasks-updated [my-conn-0, my-conn-1]",
                "target-state my-conn", "tasks-updated [my-conn-0, my-conn-1]", "config-removed my-conn"),
                listener.events());
        // Deletion is two tombstones.
        List<String[]> raw = rawRecords();
        assertEquals("connector-my-conn", raw.get(raw.size() - 2)[0]);
        assertNull(raw.get(raw.size() - 2)[1]);
        assertEquals("target-state-my-conn", raw.get(raw.size() - 1)[0]);
        assertNull(raw.get(raw.size() - 1)[1]);
    }

    @Test
    void aRestartedWorkerRebuildsTheSameSnapshotWithoutReplayingCommands() {
        KafkaConfigBackingStore first = startStore(null);
        first.putConnectorConfig("a", Map.of("name", "a", "k", "v"), TargetState.STOPPED);
        first.putConnectorConfig("b-with-dash", Map.of("name", "b-with-dash"), null);
        first.putTaskConfigs("b-with-dash", List.of(TASK_0, TASK_1));
        first.putTaskConfigs("b-with-dash", List.of(TASK_1));
        first.putTaskCountRecord("b-with-dash", 1);
        first.putRestartRequest(new RestartRequest("b-with-dash", false, true));
        first.putLoggerLevel("org.example", "TRACE");
        first.stop();
        stores.remove(first);

        RecordingListener listener = new RecordingListener();
        KafkaConfigBackingStore second = startStore(listener);
        ConfigLogReplay.Snapshot before = first.fullSnapshot();
        ConfigLogReplay.Snapshot after = second.fullSnapshot();
        assertEquals(describe(before.config()), describe(after.config()));
        assertEquals(before.taskConfigGenerations(), after.taskConfigGenerations());
        assertEquals(Map.of("b-with-dash", 1), after.taskConfigGenerations());
        assertEquals(before.taskCountRecords(), after.taskCountRecords());
        assertEquals(before.connectorsPendingFencing(), after.connectorsPendingFencing());
        assertEquals(TargetState.STOPPED, after.config().targetState("a"));
        assertEquals(TASK_1, after.config().rawTaskConfig(new ConnectorTaskId("b-with-dash", 0)));
        // Commands and changes read at start-up are history, not news.
        assertEquals(List.of(), second.drainRestartRequests());
        assertEquals(List.of(), listener.events());
    }

    @Test
    void taskConfigsStayInvisibleUntilTheirCommit() throws Exception {
        RecordingListener listener = new RecordingListener();
        KafkaConfigBackingStore store = startStore(listener);
        store.putConnectorConfig("c", Map.of("name", "c"), null);

        // A leader that died after writing its task records but before the commit.
        produceRaw(new ConfigRecord.TaskConfig(new ConnectorTaskId("c", 0), TASK_0),
                new ConfigRecord.TaskConfig(new ConnectorTaskId("c", 1), TASK_1));
        store.refresh(30, TimeUnit.SECONDS);
        assertEquals(0, store.snapshot().taskCount("c"));
        assertNull(store.snapshot().rawTaskConfig(new ConnectorTaskId("c", 0)));

        produceRaw(new ConfigRecord.TaskCommit("c", 2));
        store.refresh(30, TimeUnit.SECONDS);
        assertEquals(2, store.snapshot().tasks("c").size());
        assertEquals(TASK_0, store.snapshot().rawTaskConfig(new ConnectorTaskId("c", 0)));

        // A commit naming more tasks than were written leaves the connector inconsistent, without tasks.
        produceRaw(new ConfigRecord.TaskConfig(new ConnectorTaskId("c", 0), TASK_1), new ConfigRecord.TaskCommit("c", 2));
        store.refresh(30, TimeUnit.SECONDS);
        assertEquals(Set.of("c"), store.snapshot().inconsistentConnectors());
        assertEquals(List.of(), store.snapshot().tasks("c"));

        store.putTaskConfigs("c", List.of(TASK_1));
        assertEquals(Set.of(), store.snapshot().inconsistentConnectors());
        assertEquals(List.of(new ConnectorTaskId("c", 0)), store.snapshot().tasks("c"));
        assertEquals(List.of("config-updated c", "tasks-updated [c-0, c-1]", "tasks-updated [c-0, c-1]",
                "tasks-updated [c-0, c-1]"), listener.events());
    }

    @Test
    void stoppingCommitsAnEmptyTaskSetAndKeepsTheConnector() {
        KafkaConfigBackingStore store = startStore(null);
        store.putConnectorConfig("c", Map.of("name", "c"), null);
        store.putTaskConfigs("c", List.of(TASK_0, TASK_1));

        store.removeTaskConfigs("c");
        store.putTargetState("c", TargetState.STOPPED);

        ClusterConfigState snapshot = store.snapshot();
        assertTrue(snapshot.contains("c"));
        assertEquals(TargetState.STOPPED, snapshot.targetState("c"));
        assertEquals(0, snapshot.taskCount("c"));
        assertEquals(List.of(), snapshot.tasks("c"));
        List<String[]> raw = rawRecords();
        assertEquals("commit-c", raw.get(raw.size() - 2)[0]);
        assertEquals("{\"tasks\":0}", raw.get(raw.size() - 2)[1]);
        assertEquals("{\"state\":\"PAUSED\",\"state.v2\":\"STOPPED\"}", raw.get(raw.size() - 1)[1]);
    }

    @Test
    void aPlainStoreListenerHearsOnlyAboutConnectorsAndTasks() {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        KafkaConfigBackingStore store = startStore(new ConfigBackingStore.UpdateListener() {
            @Override
            public void onConnectorConfigRemove(String connector) {
                events.add("removed " + connector);
            }

            @Override
            public void onConnectorConfigUpdate(String connector) {
                events.add("updated " + connector);
            }

            @Override
            public void onTaskConfigUpdate(Collection<ConnectorTaskId> tasks) {
                events.add("tasks " + new TreeSet<>(tasks.stream().map(ConnectorTaskId::toString).toList()));
            }

            @Override
            public void onConnectorTargetStateChange(String connector) {
                events.add("state " + connector);
            }
        });
        store.putConnectorConfig("c", Map.of("name", "c"), null);
        store.putRestartRequest(new RestartRequest("c", false, false));
        store.putLoggerLevel("root", "WARN");
        store.putTargetState("c", TargetState.PAUSED);
        store.removeConnectorConfig("c");
        assertEquals(List.of("updated c", "state c", "removed c"), events);
    }

    @Test
    void theListenerIsToldOnlyOnceTheChangeIsInTheSnapshot() throws Exception {
        KafkaConfigBackingStore leader = startStore(null);
        KafkaConfigBackingStore follower = newStore();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        follower.setUpdateListener(new StoreListenerAdapter(new ConfigBackingStore.UpdateListener() {
            @Override
            public void onConnectorConfigRemove(String connector) {
                seen.add("removed, contained=" + follower.contains(connector));
            }

            @Override
            public void onConnectorConfigUpdate(String connector) {
                seen.add("updated, contained=" + follower.contains(connector));
            }

            @Override
            public void onTaskConfigUpdate(Collection<ConnectorTaskId> tasks) {
                seen.add("tasks, count=" + follower.snapshot().taskCount("c"));
            }

            @Override
            public void onConnectorTargetStateChange(String connector) {
                seen.add("state=" + follower.snapshot().targetState(connector));
            }
        }));
        follower.start();
        leader.putConnectorConfig("c", Map.of("name", "c"), null);
        leader.putTaskConfigs("c", List.of(TASK_0, TASK_1, TASK_0));
        leader.putTargetState("c", TargetState.PAUSED);
        leader.removeConnectorConfig("c");
        follower.refresh(30, TimeUnit.SECONDS);
        assertEquals(List.of("updated, contained=true", "tasks, count=3", "state=PAUSED", "removed, contained=false"),
                seen);
    }

    @Test
    void refusesAConfigTopicWithSeveralPartitions() throws Exception {
        try (Admin admin = BROKER.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact")))).all().get();
        }
        ConfigException error = assertThrows(ConfigException.class, newStore()::start);
        assertTrue(error.getMessage().contains("config.storage.topic"), error.getMessage());
        assertTrue(error.getMessage().contains("exactly one partition"), error.getMessage());
    }

    @Test
    void refusesAConfigTopicThatIsNotCompacted() throws Exception {
        try (Admin admin = BROKER.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                    .configs(Map.of("cleanup.policy", "delete")))).all().get();
        }
        ConfigException error = assertThrows(ConfigException.class, newStore()::start);
        assertTrue(error.getMessage().contains("cleanup.policy=compact"), error.getMessage());
    }

    @Test
    void createsTheConfigTopicWithOnePartitionCompacted() throws Exception {
        startStore(null);
        try (Admin admin = BROKER.admin()) {
            assertEquals(1, admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().size());
            org.apache.kafka.common.config.ConfigResource resource = new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic);
            assertEquals("compact", admin.describeConfigs(List.of(resource)).all().get().get(resource)
                    .get("cleanup.policy").value());
        }
    }

    private static String describe(ClusterConfigState state) {
        StringBuilder text = new StringBuilder("offset=" + state.offset());
        for (String connector : new TreeSet<>(state.connectors())) {
            text.append('\n').append(connector).append(' ').append(new TreeSet<>(
                    state.rawConnectorConfig(connector).entrySet().stream().map(Object::toString).toList()))
                    .append(' ').append(state.targetState(connector)).append(" tasks=").append(state.tasks(connector))
                    .append(" applied=").append(state.appliedConnectorConfig(connector));
            for (ConnectorTaskId id : state.tasks(connector)) {
                text.append(' ').append(id).append('=').append(new TreeSet<>(
                        state.rawTaskConfig(id).entrySet().stream().map(Object::toString).toList()));
            }
        }
        return text.append("\ninconsistent=").append(state.inconsistentConnectors()).toString();
    }

    /** Records what the store tells, as short text, in order. */
    private static final class RecordingListener implements ConfigChange.Listener {
        private final List<String> events = Collections.synchronizedList(new ArrayList<>());

        List<String> events() {
            return List.copyOf(events);
        }

        @Override
        public void onConnectorConfigRemove(String connector) {
            events.add("config-removed " + connector);
        }

        @Override
        public void onConnectorConfigUpdate(String connector) {
            events.add("config-updated " + connector);
        }

        @Override
        public void onTaskConfigUpdate(Collection<ConnectorTaskId> tasks) {
            events.add("tasks-updated " + new TreeSet<>(tasks.stream().map(ConnectorTaskId::toString).toList()));
        }

        @Override
        public void onConnectorTargetStateChange(String connector) {
            events.add("target-state " + connector);
        }

        @Override
        public void onSessionKeyUpdate(SessionKeyUpdate sessionKey) {
            events.add("session-key " + sessionKey.secretKey().getAlgorithm());
        }

        @Override
        public void onRestartRequest(RestartRequest request) {
            events.add("restart " + request);
        }

        @Override
        public void onLoggingLevelUpdate(String namespace, String level) {
            events.add("logger " + namespace + "=" + level);
        }
    }
}
