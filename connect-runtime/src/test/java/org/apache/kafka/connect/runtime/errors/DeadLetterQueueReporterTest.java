package org.apache.kafka.connect.runtime.errors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeadLetterQueueReporterTest {

    private static final ConnectorTaskId TASK = new ConnectorTaskId("s3-sink", 5);
    private static final String DLQ = "s3-sink-dlq";

    private final Metrics metrics = new Metrics();
    private final ErrorHandlingMetrics errorMetrics = new ErrorHandlingMetrics(TASK, metrics, new ManualTime());
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());

    @AfterEach
    void closeMetrics() {
        metrics.close();
    }

    @Test
    void sendsTheRawRecordWithItsHeadersAndTimestamp() throws Exception {
        DeadLetterQueueReporter reporter = new DeadLetterQueueReporter(producer, TASK, DLQ, false, errorMetrics);
        ConsumerRecord<byte[], byte[]> consumed = consumed(1_700_000_000_123L, TimestampType.CREATE_TIME);

        reporter.report(failed(consumed, new DataException("bad"))).get();

        ProducerRecord<byte[], byte[]> sent = onlySent();
        assertEquals(DLQ, sent.topic());
        assertNull(sent.partition(), "the producer picks the partition");
        assertArrayEquals(utf8("the-key"), sent.key());
        assertArrayEquals(utf8("{not json"), sent.value());
        assertEquals(1_700_000_000_123L, sent.timestamp());
        assertEquals(List.of("trace-id"), headerKeys(sent));
        assertArrayEquals(utf8("abc"), sent.headers().lastHeader("trace-id").value());
        assertEquals(1.0, metric("deadletterqueue-produce-requests"));
        assertEquals(0.0, metric("deadletterqueue-produce-failures"));
    }

    @Test
    void aRecordWithoutTimestampIsSentWithoutOne() {
        DeadLetterQueueReporter reporter = new DeadLetterQueueReporter(producer, TASK, DLQ, false, errorMetrics);

        reporter.report(failed(consumed(ConsumerRecord.NO_TIMESTAMP, TimestampType.NO_TIMESTAMP_TYPE),
                new DataException("bad")));

        assertNull(onlySent().timestamp());
    }

    @Test
    void contextHeadersTellWhereTheRecordCameFromAndWhyItFailed() {
        DeadLetterQueueReporter reporter = new DeadLetterQueueReporter(producer, TASK, DLQ, true, errorMetrics);
        DataException error = new DataException("Converting byte[] to Kafka Connect data failed",
                new IllegalArgumentException("Unexpected end-of-input"));

        reporter.report(failed(consumed(1L, TimestampType.CREATE_TIME), error));

        ProducerRecord<byte[], byte[]> sent = onlySent();
        assertEquals(List.of("trace-id",
                "__connect.errors.topic",
                "__connect.errors.partition",
                "__connect.errors.offset",
                "__connect.errors.connector.name",
                "__connect.errors.task.id",
                "__connect.errors.stage",
                "__connect.errors.class.name",
                "__connect.errors.exception.class.name",
                "__connect.errors.exception.message",
                "__connect.errors.exception.stacktrace"), headerKeys(sent));
        assertEquals("orders", header(sent, "__connect.errors.topic"));
        assertEquals("7", header(sent, "__connect.errors.partition"));
        assertEquals("42", header(sent, "__connect.errors.offset"));
        assertEquals("s3-sink", header(sent, "__connect.errors.connector.name"));
        assertEquals("5", header(sent, "__connect.errors.task.id"));
        assertEquals("VALUE_CONVERTER", header(sent, "__connect.errors.stage"));
        assertEquals(JsonConverter.class.getName(), header(sent, "__connect.errors.class.name"));
        assertEquals(DataException.class.getName(), header(sent, "__connect.errors.exception.class.name"));
        assertEquals("Converting byte[] to Kafka Connect data failed",
                header(sent, "__connect.errors.exception.message"));
        String stackTrace = header(sent, "__connect.errors.exception.stacktrace");
        assertTrue(stackTrace.startsWith(DataException.class.getName() + ": Converting byte[]"), stackTrace);
        assertTrue(stackTrace.contains("\tat " + getClass().getName()), stackTrace);
        assertTrue(stackTrace.contains("Caused by: java.lang.IllegalArgumentException: Unexpected end-of-input"),
                stackTrace);
    }

    @Test
    void anExceptionWithoutMessageGivesANullMessageHeader() {
        DeadLetterQueueReporter reporter = new DeadLetterQueueReporter(producer, TASK, DLQ, true, errorMetrics);

        reporter.report(failed(consumed(1L, TimestampType.CREATE_TIME), new NullPointerException()));

        Header message = onlySent().headers().lastHeader("__connect.errors.exception.message");
        assertNull(message.value());
    }

    @Test
    void theConsumedRecordKeepsItsOwnHeaders() {
        DeadLetterQueueReporter reporter = new DeadLetterQueueReporter(producer, TASK, DLQ, true, errorMetrics);
        ConsumerRecord<byte[], byte[]> consumed = consumed(1L, TimestampType.CREATE_TIME);

        reporter.report(failed(consumed, new DataException("bad")));
        reporter.report(failed(consumed, new DataException("bad again")));

        assertEquals(1, consumed.headers().toArray().length);
        assertEquals(11, producer.history().get(1).headers().toArray().length, "headers do not pile up");
    }

    @Test
    void aFailedSendIsCountedAndFailsOnlyTheFuture() {
        MockProducer<byte[], byte[]> manualProducer =
                new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        DeadLetterQueueReporter reporter =
                new DeadLetterQueueReporter(manualProducer, TASK, DLQ, false, errorMetrics);

        CompletableFuture<Void> reported = reporter.report(failed(consumed(1L, TimestampType.CREATE_TIME),
                new DataException("bad")));
        assertFalse(reported.isDone(), "done only when the broker answered");
        RecordTooLargeException sendError = new RecordTooLargeException("too large");
        manualProducer.errorNext(sendError);

        ExecutionException thrown = assertThrows(ExecutionException.class, reported::get);
        assertSame(sendError, thrown.getCause());
        assertEquals(1.0, metric("deadletterqueue-produce-requests"));
        assertEquals(1.0, metric("deadletterqueue-produce-failures"));
    }

    @Test
    void aProducerThatRefusesTheSendDoesNotThrowEither() {
        DeadLetterQueueReporter reporter = new DeadLetterQueueReporter(producer, TASK, DLQ, false, errorMetrics);
        producer.close();

        CompletableFuture<Void> reported = reporter.report(failed(consumed(1L, TimestampType.CREATE_TIME),
                new DataException("bad")));

        assertTrue(reported.isCompletedExceptionally());
        assertEquals(1.0, metric("deadletterqueue-produce-failures"));
    }

    @Test
    void aRecordThatDidNotFailIsNotSent() {
        DeadLetterQueueReporter reporter = new DeadLetterQueueReporter(producer, TASK, DLQ, true, errorMetrics);
        ProcessingContext<ConsumerRecord<byte[], byte[]>> context =
                new ProcessingContext<>(consumed(1L, TimestampType.CREATE_TIME));

        assertTrue(reporter.report(context).isDone());

        assertEquals(List.of(), producer.history());
    }

    @Test
    void closeClosesTheProducer() {
        new DeadLetterQueueReporter(producer, TASK, DLQ, false, errorMetrics).close();

        assertTrue(producer.closed());
    }

    private ProducerRecord<byte[], byte[]> onlySent() {
        assertEquals(1, producer.history().size());
        return producer.history().get(0);
    }

    private static ConsumerRecord<byte[], byte[]> consumed(long timestamp, TimestampType timestampType) {
        byte[] key = utf8("the-key");
        byte[] value = utf8("{not json");
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace-id", utf8("abc"));
        return new ConsumerRecord<>("orders", 7, 42L, timestamp, timestampType, key.length, value.length, key, value,
                headers, Optional.empty());
    }

    private static ProcessingContext<ConsumerRecord<byte[], byte[]>> failed(ConsumerRecord<byte[], byte[]> record,
                                                                            Throwable error) {
        ProcessingContext<ConsumerRecord<byte[], byte[]>> context = new ProcessingContext<>(record);
        context.position(Stage.VALUE_CONVERTER, JsonConverter.class);
        context.error(error);
        return context;
    }

    private static List<String> headerKeys(ProducerRecord<byte[], byte[]> record) {
        List<String> keys = new ArrayList<>();
        record.headers().forEach(header -> keys.add(header.key()));
        return keys;
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String key) {
        return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private Object metric(String name) {
        return metrics.metric(metrics.metricName(name, ErrorHandlingMetrics.GROUP,
                Map.of("connector", TASK.connector(), "task", "5"))).metricValue();
    }
}
