package org.apache.kafka.connect.runtime;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.integration.EmbeddedKafkaBroker;
import org.apache.kafka.connect.runtime.errors.ErrorHandlingMetrics;
import org.apache.kafka.connect.runtime.errors.RetryWithToleranceOperator;
import org.apache.kafka.connect.runtime.errors.ToleranceType;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.sink.SinkTask;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;
import org.apache.kafka.connect.util.ConnectorTaskId;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sink task against a real broker: every produced record reaches {@code put}, and stopping the task leaves the
 * consumed offsets committed in the consumer group {@code connect-<connector>}.
 */
class WorkerSinkTaskBrokerTest {

    private static final String CONNECTOR = "sink-broker-test";
    private static final String TOPIC = "sink-broker-test-input";
    private static final int RECORDS = 60;

    @Test
    void deliversEveryRecordAndCommitsTheGroupOffsetsOnStop() throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.shared();
        broker.createTopic(TOPIC, 2);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>(TOPIC, i % 2, null, ("value-" + i).getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }

        ConnectorTaskId id = new ConnectorTaskId(CONNECTOR, 0);
        WorkerSinkTaskTest.RecordingTask task = new WorkerSinkTaskTest.RecordingTask();
        WorkerSinkTaskTest.RecordingListener statusListener = new WorkerSinkTaskTest.RecordingListener();
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "connect-" + CONNECTOR,
                ConsumerConfig.CLIENT_ID_CONFIG, "connector-consumer-" + id,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        WorkerConfig workerConfig = new StandaloneConfig(Map.of(
                "bootstrap.servers", broker.bootstrapServers(),
                "key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter",
                "value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter",
                "offset.storage.file.filename", "/tmp/unused.offsets"));

        try (Metrics metrics = new Metrics()) {
            RetryWithToleranceOperator<ConsumerRecord<byte[], byte[]>> operator = new RetryWithToleranceOperator<>(
                    0, 0, ToleranceType.NONE, Time.SYSTEM, new ErrorHandlingMetrics(id, metrics, Time.SYSTEM),
                    List.of());
            WorkerSinkTask workerTask = new WorkerSinkTask(id, task, Map.of(SinkTask.TOPICS_CONFIG, TOPIC),
                    statusListener, TargetState.STARTED, workerConfig, null,
                    new TaskConverters(new WorkerSinkTaskTest.StringConverter(),
                            new WorkerSinkTaskTest.StringConverter(), new SimpleHeaderConverter()),
                    new TransformationChain<>(List.of(), operator), operator, consumer, null, null,
                    getClass().getClassLoader(), Time.SYSTEM, metrics);

            Thread thread = new Thread(workerTask, "task-thread-" + id);
            thread.start();
            long deadline = System.currentTimeMillis() + 60_000L;
            while (deliveredValues(task).size() < RECORDS && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            workerTask.stop();
            assertTrue(workerTask.awaitStop(30_000L), "task stopped");
            thread.join(TimeUnit.SECONDS.toMillis(10));

            Set<Object> expected = new HashSet<>();
            for (int i = 0; i < RECORDS; i++) {
                expected.add("value-" + i);
            }
            assertEquals(expected, deliveredValues(task));
            assertTrue(task.stopped, "SinkTask.stop() ran");
            assertEquals(List.of("startup", "shutdown"), statusListener.events);
        }

        try (Admin admin = broker.admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin
                    .listConsumerGroupOffsets("connect-" + CONNECTOR).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            assertEquals(Map.of(
                    new TopicPartition(TOPIC, 0), new OffsetAndMetadata(RECORDS / 2, ""),
                    new TopicPartition(TOPIC, 1), new OffsetAndMetadata(RECORDS / 2, "")),
                    withoutLeaderEpoch(committed));
        }
    }

    private static Set<Object> deliveredValues(WorkerSinkTaskTest.RecordingTask task) {
        Set<Object> values = new HashSet<>();
        task.puts.forEach(batch -> batch.forEach(record -> values.add(record.value())));
        return values;
    }

    private static Map<TopicPartition, OffsetAndMetadata> withoutLeaderEpoch(
            Map<TopicPartition, OffsetAndMetadata> offsets) {
        Map<TopicPartition, OffsetAndMetadata> stripped = new java.util.HashMap<>();
        offsets.forEach((tp, offset) -> stripped.put(tp, new OffsetAndMetadata(offset.offset(), offset.metadata())));
        return stripped;
    }
}
