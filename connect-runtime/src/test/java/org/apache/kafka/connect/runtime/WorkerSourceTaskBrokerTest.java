package org.apache.kafka.connect.runtime;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.integration.EmbeddedKafkaBroker;
import org.apache.kafka.connect.runtime.SourceTaskTestKit.RecordingTaskListener;
import org.apache.kafka.connect.runtime.SourceTaskTestKit.ScriptedSourceTask;
import org.apache.kafka.connect.runtime.SourceTaskTestKit.TopicStatusStore;
import org.apache.kafka.connect.runtime.errors.ErrorHandlingMetrics;
import org.apache.kafka.connect.runtime.errors.RetryWithToleranceOperator;
import org.apache.kafka.connect.runtime.errors.ToleranceType;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;
import org.apache.kafka.connect.storage.OffsetStorageReaderImpl;
import org.apache.kafka.connect.storage.OffsetStorageWriter;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.apache.kafka.connect.util.TopicCreationGroup;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.apache.kafka.connect.runtime.SourceTaskTestKit.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A source task against a real broker: it creates its missing topic with the connector's topic creation settings,
 * writes every record, acknowledges them to the task and commits the last offset, periodically and on stop.
 */
class WorkerSourceTaskBrokerTest {

    private static final ConnectorTaskId ID = new ConnectorTaskId("source-broker-test", 0);
    private static final String TOPIC = "source-broker-test-events";
    private static final Map<String, Object> PARTITION = Map.of("table", "orders");

    @Test
    void recordsAreWrittenToACreatedTopicAndTheirOffsetsCommitted() throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.shared();
        MemoryOffsetBackingStore offsetStore = new MemoryOffsetBackingStore();
        offsetStore.start();
        WorkerConfig workerConfig = new StandaloneConfig(Map.of(
                "bootstrap.servers", broker.bootstrapServers(),
                "key.converter", StringConverter.class.getName(),
                "value.converter", StringConverter.class.getName(),
                "offset.storage.file.filename", "/tmp/unused-offsets",
                "offset.flush.interval.ms", "100"));
        ScriptedSourceTask sourceTask = new ScriptedSourceTask();
        RecordingTaskListener listener = new RecordingTaskListener();
        TopicStatusStore topics = new TopicStatusStore();
        Metrics metrics = new Metrics();
        ErrorHandlingMetrics errorMetrics = new ErrorHandlingMetrics(ID, metrics, Time.SYSTEM);
        RetryWithToleranceOperator<SourceRecord> operator = new RetryWithToleranceOperator<>(0, 0,
                ToleranceType.NONE, Time.SYSTEM, errorMetrics, List.of());
        StringConverter key = new StringConverter();
        key.configure(Map.of(), true);
        StringConverter value = new StringConverter();
        value.configure(Map.of(), false);
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.CLIENT_ID_CONFIG, "connector-producer-" + ID),
                new ByteArraySerializer(), new ByteArraySerializer());
        Admin admin = broker.admin();
        Map<String, TopicCreationGroup> groups = Map.of("default",
                new TopicCreationGroup("default", List.of(".*"), List.of(), 3, (short) 1, Map.of()));

        WorkerSourceTask workerTask = new WorkerSourceTask(ID, sourceTask, Map.of(), listener, TargetState.STARTED,
                workerConfig, null, new TaskConverters(key, value, new SimpleHeaderConverter()),
                new TransformationChain<>(List.of(), operator), operator, producer, admin, groups,
                new OffsetStorageReaderImpl(offsetStore, ID.connector()),
                new OffsetStorageWriter(offsetStore, ID.connector()), offsetStore, topics,
                getClass().getClassLoader(), Time.SYSTEM);
        SourceTaskOffsetCommitter committer = new SourceTaskOffsetCommitter(workerConfig);
        ExecutorService taskThread = Executors.newSingleThreadExecutor();
        try {
            taskThread.execute(workerTask);
            committer.schedule(ID, workerTask);
            sourceTask.willReturn(record(1), record(2), record(3));
            waitFor(() -> sourceTask.committedRecords.size() == 3, "the broker acknowledges the first batch");
            waitFor(() -> Map.of("row", 3L).equals(committed(offsetStore)), "the periodic commit");

            sourceTask.willReturn(record(4), record(5));
            waitFor(() -> sourceTask.committedRecords.size() == 5, "the broker acknowledges the second batch");
            committer.remove(ID);
            workerTask.stop();
            assertTrue(workerTask.awaitStop(30_000));
        } finally {
            committer.close(5_000);
            taskThread.shutdownNow();
        }

        assertNull(listener.failure);
        assertEquals(Map.of("row", 5L), committed(offsetStore));
        assertTrue(sourceTask.committedMetadata.stream().allMatch(m -> m.topic().equals(TOPIC) && m.hasOffset()));
        assertEquals(List.of(TOPIC), topics.puts.stream().map(TopicStatus::topic).toList());

        try (Admin check = broker.admin()) {
            TopicDescription created = check.describeTopics(List.of(TOPIC)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(TOPIC);
            assertEquals(3, created.partitions().size());
        }
        assertEquals(List.of("row-1", "row-2", "row-3", "row-4", "row-5"), consumeValues(broker, 5));
        offsetStore.stop();
        metrics.close();
    }

    private static Map<String, Object> committed(MemoryOffsetBackingStore offsetStore) {
        return new OffsetStorageReaderImpl(offsetStore, ID.connector()).offset(PARTITION);
    }

    private static SourceRecord record(long row) {
        // One Kafka partition so that the order of the values read back is the order written.
        return new SourceRecord(PARTITION, Map.of("row", row), TOPIC, 0, Schema.STRING_SCHEMA, "row-" + row);
    }

    private static List<String> consumeValues(EmbeddedKafkaBroker broker, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "source-broker-test-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(new String(record.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }
}
