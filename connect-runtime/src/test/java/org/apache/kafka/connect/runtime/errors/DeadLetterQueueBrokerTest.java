package org.apache.kafka.connect.runtime.errors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.integration.EmbeddedKafkaBroker;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.InternalSinkRecord;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The error handling of a sink task against a real broker: the DLQ topic is created at start, a record its converter
 * rejects and a record the task reports as errant both land in it, raw and with their context headers.
 */
class DeadLetterQueueBrokerTest {

    private static final ConnectorTaskId TASK = new ConnectorTaskId("dlq-broker-test", 0);
    private static final String DLQ_TOPIC = "dlq-broker-test-errors";
    private static final String CONSUMED_TOPIC = "orders";

    @Test
    void failedRecordsLandInTheDeadLetterQueueWithTheirContext() throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.shared();
        Metrics metrics = new Metrics();
        ErrorHandlingMetrics errorMetrics = new ErrorHandlingMetrics(TASK, metrics, Time.SYSTEM);
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.CLIENT_ID_CONFIG, "connector-dlq-producer-" + TASK),
                new ByteArraySerializer(), new ByteArraySerializer());

        DeadLetterQueueReporter deadLetterQueue;
        try (Admin admin = broker.admin()) {
            deadLetterQueue = DeadLetterQueueReporter.create(admin, producer, TASK, DLQ_TOPIC, (short) 1, true,
                    errorMetrics);
            TopicDescription created = describeOnceKnown(admin, DLQ_TOPIC);
            assertEquals(1, created.partitions().size());
            assertEquals(1, created.partitions().get(0).replicas().size());
            // The connector's next task finds the topic there and uses it.
            DeadLetterQueueReporter.create(admin, new MockProducer<>(), new ConnectorTaskId(TASK.connector(), 1),
                    DLQ_TOPIC, (short) 1, true, errorMetrics).close();
        }

        RetryWithToleranceOperator<ConsumerRecord<byte[], byte[]>> operator = new RetryWithToleranceOperator<>(
                0, 60_000, ToleranceType.ALL, Time.SYSTEM, errorMetrics,
                List.of(LogReporter.forSink(TASK, true, errorMetrics), deadLetterQueue));
        JsonConverter valueConverter = new JsonConverter();
        valueConverter.configure(Map.of("schemas.enable", "false"), false);

        ConsumerRecord<byte[], byte[]> notJson = consumed(10L, "order-10", "{\"id\": 10,");
        ConsumerRecord<byte[], byte[]> json = consumed(11L, "order-11", "{\"id\": 11}");
        assertNull(convert(operator, valueConverter, notJson), "the broken record is skipped");
        SchemaAndValue converted = convert(operator, valueConverter, json);
        assertEquals(Map.of("id", 11L), converted.value());

        // The task cannot store the good record either and reports it.
        WorkerErrantRecordReporter errantRecords = new WorkerErrantRecordReporter(operator, new JsonConverter(),
                valueConverter, new SimpleHeaderConverter());
        SinkRecord delivered = new InternalSinkRecord(json, new SinkRecord(CONSUMED_TOPIC, 2, null, null,
                converted.schema(), converted.value(), json.offset(), json.timestamp(), json.timestampType()));
        Future<Void> report = errantRecords.report(delivered, new IllegalStateException("index is read-only"));
        errantRecords.awaitFutures(List.of(new TopicPartition(CONSUMED_TOPIC, 2)));
        assertTrue(report.isDone());
        operator.close();

        List<ConsumerRecord<byte[], byte[]>> deadLetters = readDeadLetters(broker, 2);
        ConsumerRecord<byte[], byte[]> first = deadLetters.get(0);
        assertArrayEquals(notJson.key(), first.key());
        assertArrayEquals(notJson.value(), first.value());
        assertEquals(notJson.timestamp(), first.timestamp());
        assertEquals("eu-west", header(first.headers(), "region"));
        assertEquals(CONSUMED_TOPIC, header(first.headers(), DeadLetterQueueReporter.ERROR_HEADER_ORIG_TOPIC));
        assertEquals("2", header(first.headers(), DeadLetterQueueReporter.ERROR_HEADER_ORIG_PARTITION));
        assertEquals("10", header(first.headers(), DeadLetterQueueReporter.ERROR_HEADER_ORIG_OFFSET));
        assertEquals(TASK.connector(), header(first.headers(), DeadLetterQueueReporter.ERROR_HEADER_CONNECTOR_NAME));
        assertEquals("0", header(first.headers(), DeadLetterQueueReporter.ERROR_HEADER_TASK_ID));
        assertEquals("VALUE_CONVERTER", header(first.headers(), DeadLetterQueueReporter.ERROR_HEADER_STAGE));
        assertEquals(JsonConverter.class.getName(),
                header(first.headers(), DeadLetterQueueReporter.ERROR_HEADER_EXECUTING_CLASS));
        assertEquals(DataException.class.getName(),
                header(first.headers(), DeadLetterQueueReporter.ERROR_HEADER_EXCEPTION));
        assertNotNull(header(first.headers(), DeadLetterQueueReporter.ERROR_HEADER_EXCEPTION_STACK_TRACE));

        ConsumerRecord<byte[], byte[]> second = deadLetters.get(1);
        assertArrayEquals(json.value(), second.value(), "reported as consumed, not re-serialized");
        assertEquals("11", header(second.headers(), DeadLetterQueueReporter.ERROR_HEADER_ORIG_OFFSET));
        assertEquals("TASK_PUT", header(second.headers(), DeadLetterQueueReporter.ERROR_HEADER_STAGE));
        assertEquals(SinkTask.class.getName(),
                header(second.headers(), DeadLetterQueueReporter.ERROR_HEADER_EXECUTING_CLASS));
        assertEquals("index is read-only",
                header(second.headers(), DeadLetterQueueReporter.ERROR_HEADER_EXCEPTION_MESSAGE));

        assertEquals(2.0, metric(metrics, "deadletterqueue-produce-requests"));
        assertEquals(0.0, metric(metrics, "deadletterqueue-produce-failures"));
        assertEquals(2.0, metric(metrics, "total-errors-logged"));
        metrics.close();
    }

    private static SchemaAndValue convert(RetryWithToleranceOperator<ConsumerRecord<byte[], byte[]>> operator,
                                          JsonConverter converter, ConsumerRecord<byte[], byte[]> record) {
        return operator.execute(new ProcessingContext<>(record),
                () -> converter.toConnectData(record.topic(), record.headers(), record.value()),
                Stage.VALUE_CONVERTER, JsonConverter.class);
    }

    private static List<ConsumerRecord<byte[], byte[]>> readDeadLetters(EmbeddedKafkaBroker broker, int expected) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(DLQ_TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.currentTimeMillis() + 30_000;
            while (records.size() < expected && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        assertEquals(expected, records.size());
        return records;
    }

    private static ConsumerRecord<byte[], byte[]> consumed(long offset, String key, String value) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        byte[] valueBytes = value.getBytes(StandardCharsets.UTF_8);
        Headers headers = new RecordHeaders();
        headers.add("region", "eu-west".getBytes(StandardCharsets.UTF_8));
        return new ConsumerRecord<>(CONSUMED_TOPIC, 2, offset, 1_700_000_000_000L + offset, TimestampType.CREATE_TIME,
                keyBytes.length, valueBytes.length, keyBytes, valueBytes, headers, Optional.empty());
    }

    private static String header(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        assertNotNull(header, "missing header " + key);
        return header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Object metric(Metrics metrics, String name) {
        return metrics.metric(metrics.metricName(name, ErrorHandlingMetrics.GROUP,
                Map.of("connector", TASK.connector(), "task", "0"))).metricValue();
    }

    /** The broker may answer "unknown topic" for a moment after it created the topic: its metadata is propagating. */
    private static TopicDescription describeOnceKnown(Admin admin, String topic) throws Exception {
        long deadline = System.currentTimeMillis() + 15_000;
        while (true) {
            try {
                return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)
                        || System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
