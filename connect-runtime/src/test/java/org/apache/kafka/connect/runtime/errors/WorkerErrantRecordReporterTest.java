package org.apache.kafka.connect.runtime.errors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.runtime.InternalSinkRecord;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerErrantRecordReporterTest {

    private static final ConnectorTaskId TASK = new ConnectorTaskId("es-sink", 1);

    private final Metrics metrics = new Metrics();
    private final ErrorHandlingMetrics errorMetrics = new ErrorHandlingMetrics(TASK, metrics, new ManualTime());
    private final List<ProcessingContext<ConsumerRecord<byte[], byte[]>>> reported = new ArrayList<>();
    private final List<CompletableFuture<Void>> reportFutures = new ArrayList<>();
    private RetryWithToleranceOperator<ConsumerRecord<byte[], byte[]>> lastOperator;

    @AfterEach
    void closeMetrics() {
        metrics.close();
    }

    @Test
    void aFrameworkRecordIsReportedAsTheRawRecordItWasConsumedAs() throws Exception {
        WorkerErrantRecordReporter reporter = reporter(ToleranceType.ALL);
        ConsumerRecord<byte[], byte[]> consumed = consumed("orders", 3, 99L);
        InternalSinkRecord record = new InternalSinkRecord(consumed,
                new SinkRecord("orders", 3, Schema.STRING_SCHEMA, "k", Schema.STRING_SCHEMA, "v", 99L));
        IllegalStateException error = new IllegalStateException("document rejected");

        // A transformation renamed the topic: the raw record is what gets reported all the same.
        Future<Void> future = reporter.report(record.newRecord("orders-renamed", 0, null, "k", null, "v2", null),
                error);
        reportFutures.get(0).complete(null);
        future.get(1, TimeUnit.SECONDS);

        ProcessingContext<ConsumerRecord<byte[], byte[]>> context = reported.get(0);
        assertSame(consumed, context.original());
        assertEquals(Stage.TASK_PUT, context.stage());
        assertEquals(SinkTask.class, context.executingClass());
        assertSame(error, context.error());
        assertEquals(1.0, metric("total-record-errors"));
    }

    @Test
    void aRecordMadeByTheTaskIsSerializedWithTheTaskConverters() {
        WorkerErrantRecordReporter reporter = reporter(ToleranceType.ALL);
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString("source", "app-1");
        SinkRecord record = new SinkRecord("orders", 2, Schema.STRING_SCHEMA, "key-1", Schema.STRING_SCHEMA,
                "value-1", 17L, 1_700_000_000_000L, TimestampType.CREATE_TIME, headers);

        reporter.report(record, new IllegalStateException("rejected"));

        ConsumerRecord<byte[], byte[]> raw = reported.get(0).original();
        assertEquals("orders", raw.topic());
        assertEquals(2, raw.partition());
        assertEquals(17L, raw.offset());
        assertEquals(1_700_000_000_000L, raw.timestamp());
        assertEquals(TimestampType.CREATE_TIME, raw.timestampType());
        assertArrayEquals(utf8("key-1"), raw.key());
        assertArrayEquals(utf8("value-1"), raw.value());
        assertEquals(5, raw.serializedKeySize());
        assertArrayEquals(utf8("app-1"), raw.headers().lastHeader("source").value());
    }

    @Test
    void aRecordMadeByTheTaskWithoutKeyOrTimestampHasNone() {
        WorkerErrantRecordReporter reporter = reporter(ToleranceType.ALL);

        reporter.report(new SinkRecord("orders", 0, null, null, Schema.STRING_SCHEMA, "v", 1L),
                new IllegalStateException("rejected"));

        ConsumerRecord<byte[], byte[]> raw = reported.get(0).original();
        assertNull(raw.key());
        assertEquals(ConsumerRecord.NULL_SIZE, raw.serializedKeySize());
        assertEquals(ConsumerRecord.NO_TIMESTAMP, raw.timestamp());
        assertEquals(TimestampType.NO_TIMESTAMP_TYPE, raw.timestampType());
    }

    @Test
    void withToleranceNoneTheReportItselfFails() {
        WorkerErrantRecordReporter reporter = reporter(ToleranceType.NONE);
        RetryWithToleranceOperator<ConsumerRecord<byte[], byte[]>> operator = lastOperator;

        ConnectException thrown = assertThrows(ConnectException.class, () -> reporter.report(
                new SinkRecord("orders", 0, null, null, null, "v", 1L), new IllegalStateException("rejected")));

        assertEquals("Tolerance exceeded in error handler", thrown.getMessage());
        assertFalse(operator.withinToleranceLimits());
        assertEquals(1, reported.size(), "still logged and sent to the DLQ");
    }

    @Test
    void awaitFuturesWaitsForThePartitionsReports() throws Exception {
        WorkerErrantRecordReporter reporter = reporter(ToleranceType.ALL);
        TopicPartition orders0 = new TopicPartition("orders", 0);
        reporter.report(internal(consumed("orders", 0, 1L)), new IllegalStateException("a"));
        reporter.report(internal(consumed("orders", 0, 2L)), new IllegalStateException("b"));
        reporter.report(internal(consumed("orders", 1, 1L)), new IllegalStateException("c"));

        // Another partition's pending report does not hold up this one.
        reportFutures.get(0).complete(null);
        reportFutures.get(1).completeExceptionally(new RuntimeException("DLQ write failed"));
        reporter.awaitFutures(List.of(orders0));

        Thread committer = new Thread(() -> reporter.awaitFutures(List.of(new TopicPartition("orders", 1))));
        committer.start();
        committer.join(200);
        assertTrue(committer.isAlive(), "waits while the report is pending");
        reportFutures.get(2).complete(null);
        committer.join(10_000);
        assertFalse(committer.isAlive());
    }

    @Test
    void cancelFuturesDropsTheReportsOfLostPartitions() {
        WorkerErrantRecordReporter reporter = reporter(ToleranceType.ALL);
        TopicPartition lost = new TopicPartition("orders", 4);
        Future<Void> future = reporter.report(internal(consumed("orders", 4, 1L)), new IllegalStateException("a"));

        reporter.cancelFutures(List.of(lost));

        assertTrue(future.isCancelled());
        reporter.awaitFutures(List.of(lost)); // nothing left to wait for: returns at once
    }

    private WorkerErrantRecordReporter reporter(ToleranceType tolerance) {
        ErrorReporter<ConsumerRecord<byte[], byte[]>> capture = context -> {
            reported.add(context);
            CompletableFuture<Void> future = new CompletableFuture<>();
            reportFutures.add(future);
            return future;
        };
        lastOperator = new RetryWithToleranceOperator<>(0, 60_000, tolerance, new ManualTime(), errorMetrics,
                List.of(capture));
        StringConverter keyConverter = new StringConverter();
        keyConverter.configure(Map.of(), true);
        StringConverter valueConverter = new StringConverter();
        valueConverter.configure(Map.of(), false);
        SimpleHeaderConverter headerConverter = new SimpleHeaderConverter();
        headerConverter.configure(Map.of());
        return new WorkerErrantRecordReporter(lastOperator, keyConverter, valueConverter, headerConverter);
    }

    private static InternalSinkRecord internal(ConsumerRecord<byte[], byte[]> consumed) {
        return new InternalSinkRecord(consumed, new SinkRecord(consumed.topic(), consumed.partition(), null, null,
                Schema.BYTES_SCHEMA, consumed.value(), consumed.offset()));
    }

    private static ConsumerRecord<byte[], byte[]> consumed(String topic, int partition, long offset) {
        byte[] value = utf8("raw-" + offset);
        return new ConsumerRecord<>(topic, partition, offset, 5L, TimestampType.CREATE_TIME, ConsumerRecord.NULL_SIZE,
                value.length, null, value, new RecordHeaders(), Optional.empty());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private Object metric(String name) {
        return metrics.metric(metrics.metricName(name, ErrorHandlingMetrics.GROUP,
                Map.of("connector", TASK.connector(), "task", "1"))).metricValue();
    }
}
