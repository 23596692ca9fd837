package org.apache.kafka.connect.storage;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.connect.integration.EmbeddedKafkaBroker;
import org.apache.kafka.connect.runtime.AbstractStatus.State;
import org.apache.kafka.connect.runtime.ConnectorStatus;
import org.apache.kafka.connect.runtime.TaskStatus;
import org.apache.kafka.connect.runtime.TopicStatus;
import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KafkaStatusBackingStoreTest {

    private static final EmbeddedKafkaBroker BROKER = EmbeddedKafkaBroker.shared();

    private final String topic = "status-" + UUID.randomUUID();
    private final List<KafkaStatusBackingStore> stores = new ArrayList<>();
    private KafkaStatusBackingStore store;

    private DistributedConfig config() {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", BROKER.bootstrapServers());
        props.put("group.id", "cluster-" + UUID.randomUUID());
        props.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("config.storage.topic", "configs-unused");
        props.put("offset.storage.topic", "offsets-unused");
        props.put("status.storage.topic", topic);
        props.put("status.storage.replication.factor", "1");
        return new DistributedConfig(props);
    }

    private KafkaStatusBackingStore startStore() {
        KafkaStatusBackingStore started = new KafkaStatusBackingStore();
        started.configure(config());
        started.start();
        stores.add(started);
        return started;
    }

    @BeforeEach
    void start() {
        store = startStore();
    }

    @AfterEach
    void stop() {
        stores.forEach(KafkaStatusBackingStore::stop);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("Timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Every record of the status topic, value as UTF-8 text (null for tombstones), in offset order per key. */
    private List<String[]> rawRecords() {
        List<String[]> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", BROKER.bootstrapServers()), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 30_000;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(new String[]{record.key(),
                        record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8)});
                }
            }
        }
        return records;
    }

    @Test
    void writesTheSpecValueBytesAndReadsThemBack() throws Exception {
        store.put(new ConnectorStatus("my-conn", State.RUNNING, "10.0.0.5:8083", 7, null, "4.4.0"));
        store.put(new TaskStatus(new ConnectorTaskId("my-conn", 3), State.FAILED, "10.0.0.5:8083", 7, "boom\n\tat x",
                null));
        store.flush();
        await(() -> store.get("my-conn") != null && store.get(new ConnectorTaskId("my-conn", 3)) != null,
                "the statuses are read back");

        Map<String, String> byKey = new HashMap<>();
        rawRecords().forEach(record -> byKey.put(record[0], record[1]));
        assertEquals("{\"state\":\"RUNNING\",\"trace\":null,\"worker_id\":\"10.0.0.5:8083\",\"generation\":7,"
                + "\"version\":\"4.4.0\"}", byKey.get("status-connector-my-conn"));
        assertEquals("{\"state\":\"FAILED\",\"trace\":\"boom\\n\\tat x\",\"worker_id\":\"10.0.0.5:8083\","
                + "\"generation\":7,\"version\":null}", byKey.get("status-task-my-conn-3"));

        assertEquals(new ConnectorStatus("my-conn", State.RUNNING, "10.0.0.5:8083", 7, null, "4.4.0"),
                store.get("my-conn"));
        assertEquals(new TaskStatus(new ConnectorTaskId("my-conn", 3), State.FAILED, "10.0.0.5:8083", 7,
                "boom\n\tat x", null), store.get(new ConnectorTaskId("my-conn", 3)));
        assertEquals(Set.of("my-conn"), store.connectors());

        // Another worker starting later reads the same view from the topic.
        KafkaStatusBackingStore other = startStore();
        assertEquals(store.get("my-conn"), other.get("my-conn"));
        assertEquals(1, other.getAll("my-conn").size());
    }

    @Test
    void safeWriteIsSkippedWhenAnotherWorkerWroteANewerGeneration() throws Exception {
        store.put(new ConnectorStatus("c", State.RUNNING, "worker-b:8083", 5));
        store.put(new TaskStatus(new ConnectorTaskId("c", 0), State.RUNNING, "worker-b:8083", 5));
        await(() -> store.get("c") != null && store.get(new ConnectorTaskId("c", 0)) != null, "statuses are read");

        store.putSafe(new ConnectorStatus("c", State.UNASSIGNED, "worker-a:8083", 4));
        store.putSafe(new TaskStatus(new ConnectorTaskId("c", 0), State.FAILED, "worker-a:8083", 4, "trace", null));
        // A later plain write of another key marks when the skipped writes would have been read.
        store.put(new ConnectorStatus("marker", State.RUNNING, "worker-a:8083", 4));
        store.flush();
        await(() -> store.get("marker") != null, "the marker is read");
        assertEquals(State.RUNNING, store.get("c").state());
        assertEquals(State.RUNNING, store.get(new ConnectorTaskId("c", 0)).state());
        assertEquals(3, rawRecords().size());

        // The same worker, or a newer generation, may overwrite.
        store.putSafe(new ConnectorStatus("c", State.FAILED, "worker-b:8083", 5, "t", null));
        await(() -> store.get("c").state() == State.FAILED, "the safe write of the same worker is read");
        store.putSafe(new ConnectorStatus("c", State.UNASSIGNED, "worker-a:8083", 6));
        await(() -> store.get("c").state() == State.UNASSIGNED, "the safe write of a newer generation is read");
    }

    @Test
    void destroyedIsATombstoneThatRemovesTheStatus() throws Exception {
        ConnectorTaskId task = new ConnectorTaskId("gone-conn", 1);
        store.put(new ConnectorStatus("gone-conn", State.RUNNING, "w:8083", 1));
        store.put(new TaskStatus(task, State.RUNNING, "w:8083", 1));
        await(() -> store.get("gone-conn") != null && store.get(task) != null, "statuses are read");

        store.put(new TaskStatus(task, State.DESTROYED, "w:8083", 1));
        store.put(new ConnectorStatus("gone-conn", State.DESTROYED, "w:8083", 1));
        await(() -> store.get("gone-conn") == null && store.get(task) == null, "statuses are removed");
        assertEquals(Set.of(), store.connectors());

        List<String[]> records = rawRecords();
        assertEquals(4, records.size());
        long tombstones = records.stream().filter(record -> record[1] == null).count();
        assertEquals(2, tombstones);
    }

    @Test
    void staleUnassignedTaskStatusDoesNotHideARunningOne() throws Exception {
        ConnectorTaskId task = new ConnectorTaskId("c-with-dashes", 2);
        store.put(new TaskStatus(task, State.RUNNING, "new-owner:8083", 9));
        store.put(new TaskStatus(task, State.UNASSIGNED, "old-owner:8083", 8));
        store.put(new ConnectorStatus("marker", State.RUNNING, "w:8083", 9));
        await(() -> store.get("marker") != null && store.get(task) != null, "the records are read");
        assertEquals(new TaskStatus(task, State.RUNNING, "new-owner:8083", 9), store.get(task));
    }

    @Test
    void topicStatusesUseTheSpecFormatAndCanBeDeleted() throws Exception {
        store.put(new TopicStatus("orders", "my-conn", 2, 1_700_000_000_000L));
        await(() -> store.getTopic("my-conn", "orders") != null, "the topic status is read");
        assertEquals(new TopicStatus("orders", "my-conn", 2, 1_700_000_000_000L), store.getTopic("my-conn", "orders"));
        List<String[]> records = rawRecords();
        assertEquals("status-topic-orders:connector-my-conn", records.get(0)[0]);
        assertEquals("{\"topic\":{\"name\":\"orders\",\"connector\":\"my-conn\",\"task\":2,"
                + "\"discoverTimestamp\":1700000000000}}", records.get(0)[1]);

        // Already known: not written again.
        store.put(new TopicStatus("orders", "my-conn", 0, 1_800_000_000_000L));
        store.flush();
        assertEquals(1, rawRecords().size());

        store.deleteTopic("my-conn", "orders");
        await(() -> store.getTopic("my-conn", "orders") == null, "the topic status is removed");
        assertTrue(store.getAllTopics("my-conn").isEmpty());
        assertNull(rawRecords().get(1)[1]);
    }
}
