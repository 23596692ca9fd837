package org.apache.kafka.connect.storage;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.integration.EmbeddedKafkaBroker;
import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.apache.kafka.connect.util.FutureCallback;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class KafkaOffsetBackingStoreTest {

    private static final EmbeddedKafkaBroker BROKER = EmbeddedKafkaBroker.shared();

    private final String topic = "offsets-" + UUID.randomUUID();

    private Map<String, String> workerProps() {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", BROKER.bootstrapServers());
        props.put("group.id", "cluster-" + UUID.randomUUID());
        props.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("config.storage.topic", "configs-unused");
        props.put("status.storage.topic", "status-unused");
        props.put("offset.storage.topic", topic);
        props.put("offset.storage.partitions", "3");
        props.put("offset.storage.replication.factor", "1");
        return props;
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private KafkaOffsetBackingStore startedStore() {
        KafkaOffsetBackingStore store = new KafkaOffsetBackingStore();
        store.configure(workerProps());
        store.start();
        return store;
    }

    @Test
    void createsTheTopicAndRoundTripsOffsetsAcrossRestarts() throws Exception {
        OffsetCodec codec = new OffsetCodec();
        Map<String, Object> partition = new LinkedHashMap<>();
        partition.put("filename", "/tmp/test.txt");
        ByteBuffer key = codec.encodeKey("local-file-source", partition);
        ByteBuffer otherKey = codec.encodeKey("other", Map.of("p", 1));
        ByteBuffer value = codec.encodeValue("local-file-source", Map.of("position", 30));

        KafkaOffsetBackingStore first = startedStore();
        try {
            FutureCallback<Void> written = new FutureCallback<>();
            Map<ByteBuffer, ByteBuffer> values = new HashMap<>();
            values.put(key, value);
            values.put(otherKey, bytes("{\"offset\":1}"));
            first.set(values, written).get(30, TimeUnit.SECONDS);
            written.get(1, TimeUnit.SECONDS);
            Map<ByteBuffer, ByteBuffer> read = first.get(List.of(key)).get(30, TimeUnit.SECONDS);
            assertEquals(value, read.get(key));
            assertEquals(Set.of(partition), first.connectorPartitions("local-file-source"));
        } finally {
            first.stop();
        }

        try (Admin admin = BROKER.admin()) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            assertEquals(3, description.partitions().size());
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertEquals("compact", config.get("cleanup.policy").value());
        }
        assertEquals("[\"local-file-source\",{\"filename\":\"/tmp/test.txt\"}]", rawRecords().get(0)[0]);

        KafkaOffsetBackingStore second = startedStore();
        try {
            Map<ByteBuffer, ByteBuffer> read = second.get(List.of(key, otherKey)).get(30, TimeUnit.SECONDS);
            assertEquals(value, read.get(key));
            assertEquals(bytes("{\"offset\":1}"), read.get(otherKey));
            assertEquals(Set.of(partition), second.connectorPartitions("local-file-source"));

            // A tombstone removes the offset and the partition.
            Map<ByteBuffer, ByteBuffer> tombstone = new HashMap<>();
            tombstone.put(key, null);
            second.set(tombstone, null).get(30, TimeUnit.SECONDS);
            assertNull(second.get(List.of(key)).get(30, TimeUnit.SECONDS).get(key));
            assertEquals(Set.of(), second.connectorPartitions("local-file-source"));
        } finally {
            second.stop();
        }
    }

    @Test
    void getSeesOffsetsAnotherWorkerWroteBeforeTheLookup() throws Exception {
        KafkaOffsetBackingStore reader = startedStore();
        KafkaOffsetBackingStore writer = startedStore();
        try {
            ByteBuffer key = bytes("[\"c\",{\"p\":0}]");
            writer.set(Map.of(key, bytes("{\"o\":5}")), null).get(30, TimeUnit.SECONDS);
            assertEquals(bytes("{\"o\":5}"), reader.get(List.of(key)).get(30, TimeUnit.SECONDS).get(key));
        } finally {
            writer.stop();
            reader.stop();
        }
    }

    /** [key, value] as text, in the order of partition 0..n. */
    private List<String[]> rawRecords() {
        List<String[]> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", BROKER.bootstrapServers()), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 30_000;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(new String[]{new String(record.key(), StandardCharsets.UTF_8),
                        record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8)});
                }
            }
        }
        records.sort((a, b) -> a[0].compareTo(b[0]));
        return records;
    }

    @Test
    void rawRecordsUseTheOffsetsTopicFormat() throws Exception {
        KafkaOffsetBackingStore store = startedStore();
        try {
            OffsetCodec codec = new OffsetCodec();
            ByteBuffer key = codec.encodeKey("a", Map.of("file", "x"));
            store.set(Map.of(key, codec.encodeValue("a", Map.of("position", 7L))), null).get(30, TimeUnit.SECONDS);
        } finally {
            store.stop();
        }
        List<String[]> records = rawRecords();
        assertEquals(1, records.size());
        assertArrayEquals(new String[]{"[\"a\",{\"file\":\"x\"}]", "{\"position\":7}"}, records.get(0));
    }
}
