package org.apache.kafka.connect.runtime.errors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogReporterTest {

    private static final ConnectorTaskId TASK = new ConnectorTaskId("jdbc-sink", 3);
    private static final String CONVERTER = JsonConverter.class.getName();

    private final Metrics metrics = new Metrics();
    private final ErrorHandlingMetrics errorMetrics = new ErrorHandlingMetrics(TASK, metrics, new ManualTime());
    private final Logger logger = (Logger) LoggerFactory.getLogger(LogReporter.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
        metrics.close();
    }

    @Test
    void sinkRecordsAreDescribedByTheirCoordinatesWhenMessagesAreIncluded() throws Exception {
        LogReporter<ConsumerRecord<byte[], byte[]>> reporter = LogReporter.forSink(TASK, true, errorMetrics);
        DataException error = new DataException("Converting byte[] to Kafka Connect data failed");

        reporter.report(failed(consumed(TimestampType.CREATE_TIME), Stage.VALUE_CONVERTER, error)).get();

        ILoggingEvent event = onlyEvent();
        assertEquals(Level.ERROR, event.getLevel());
        assertEquals("Error encountered in task jdbc-sink-3. Executing stage 'VALUE_CONVERTER' with class '"
                + CONVERTER + "', where consumed record is {topic='orders', partition=4, offset=1234, "
                + "timestamp=1700000000000, timestampType=CreateTime}.", event.getFormattedMessage());
        assertSame(error, ((ThrowableProxy) event.getThrowableProxy()).getThrowable());
        assertEquals(1.0, metric("total-errors-logged"));
    }

    @Test
    void theTimestampIsLeftOutWhenTheRecordHasNoTimestampType() {
        LogReporter<ConsumerRecord<byte[], byte[]>> reporter = LogReporter.forSink(TASK, true, errorMetrics);

        reporter.report(failed(consumed(TimestampType.NO_TIMESTAMP_TYPE), Stage.KEY_CONVERTER, new DataException("x")));

        assertTrue(onlyEvent().getFormattedMessage()
                .endsWith(", where consumed record is {topic='orders', partition=4, offset=1234}."));
    }

    @Test
    void logAppendTimeIsNamedAsKafkaNamesIt() {
        LogReporter<ConsumerRecord<byte[], byte[]>> reporter = LogReporter.forSink(TASK, true, errorMetrics);

        reporter.report(failed(consumed(TimestampType.LOG_APPEND_TIME), Stage.KEY_CONVERTER, new DataException("x")));

        assertTrue(onlyEvent().getFormattedMessage().endsWith("timestampType=LogAppendTime}."));
    }

    @Test
    void withoutIncludeMessagesNothingAboutTheRecordIsLogged() {
        LogReporter<ConsumerRecord<byte[], byte[]>> reporter = LogReporter.forSink(TASK, false, errorMetrics);

        reporter.report(failed(consumed(TimestampType.CREATE_TIME), Stage.VALUE_CONVERTER, new DataException("x")));

        assertEquals("Error encountered in task jdbc-sink-3. Executing stage 'VALUE_CONVERTER' with class '"
                + CONVERTER + "'.", onlyEvent().getFormattedMessage());
    }

    @Test
    void sinkMessagesNeverContainTheRecordContents() {
        LogReporter<ConsumerRecord<byte[], byte[]>> reporter = LogReporter.forSink(TASK, true, errorMetrics);

        reporter.report(failed(consumed(TimestampType.CREATE_TIME), Stage.VALUE_CONVERTER, new DataException("x")));

        String message = onlyEvent().getFormattedMessage();
        assertFalse(message.contains("secret-key") || message.contains("secret-value"), message);
    }

    @Test
    void sourceRecordsArePrintedWholeWhenMessagesAreIncluded() {
        LogReporter<SourceRecord> reporter = LogReporter.forSource(TASK, true, errorMetrics);
        SourceRecord record = new SourceRecord(Map.of("file", "a.txt"), Map.of("line", 7), "lines", 0,
                Schema.STRING_SCHEMA, "k", Schema.STRING_SCHEMA, "v");
        ProcessingContext<SourceRecord> context = new ProcessingContext<>(record);
        context.position(Stage.TRANSFORMATION, String.class);
        context.error(new IllegalStateException("no"));

        reporter.report(context);

        assertEquals("Error encountered in task jdbc-sink-3. Executing stage 'TRANSFORMATION' with class "
                + "'java.lang.String', where source record is = " + record + ".", onlyEvent().getFormattedMessage());
    }

    @Test
    void sourceRecordsAreLeftOutWithoutIncludeMessages() {
        LogReporter<SourceRecord> reporter = LogReporter.forSource(TASK, false, errorMetrics);
        ProcessingContext<SourceRecord> context = new ProcessingContext<>(
                new SourceRecord(null, null, "lines", Schema.STRING_SCHEMA, "secret-value"));
        context.position(Stage.KAFKA_PRODUCE, String.class);
        context.error(new IllegalStateException("no"));

        reporter.report(context);

        assertEquals("Error encountered in task jdbc-sink-3. Executing stage 'KAFKA_PRODUCE' with class "
                + "'java.lang.String'.", onlyEvent().getFormattedMessage());
    }

    @Test
    void aRecordThatDidNotFailIsNotLogged() {
        LogReporter<ConsumerRecord<byte[], byte[]>> reporter = LogReporter.forSink(TASK, true, errorMetrics);
        ProcessingContext<ConsumerRecord<byte[], byte[]>> context =
                new ProcessingContext<>(consumed(TimestampType.CREATE_TIME));
        context.position(Stage.VALUE_CONVERTER, String.class);

        assertTrue(reporter.report(context).isDone());

        assertEquals(List.of(), appender.list);
        assertEquals(0.0, metric("total-errors-logged"));
    }

    private ILoggingEvent onlyEvent() {
        assertEquals(1, appender.list.size(), appender.list.toString());
        return appender.list.get(0);
    }

    private static ConsumerRecord<byte[], byte[]> consumed(TimestampType timestampType) {
        long timestamp = timestampType == TimestampType.NO_TIMESTAMP_TYPE ? ConsumerRecord.NO_TIMESTAMP
                : 1_700_000_000_000L;
        byte[] key = "secret-key".getBytes(StandardCharsets.UTF_8);
        byte[] value = "secret-value".getBytes(StandardCharsets.UTF_8);
        return new ConsumerRecord<>("orders", 4, 1234L, timestamp, timestampType, key.length, value.length, key,
                value, new RecordHeaders(), Optional.empty());
    }

    private static ProcessingContext<ConsumerRecord<byte[], byte[]>> failed(ConsumerRecord<byte[], byte[]> record,
                                                                            Stage stage, Throwable error) {
        ProcessingContext<ConsumerRecord<byte[], byte[]>> context = new ProcessingContext<>(record);
        context.position(stage, JsonConverter.class);
        context.error(error);
        return context;
    }

    private Object metric(String name) {
        return metrics.metric(metrics.metricName(name, ErrorHandlingMetrics.GROUP,
                Map.of("connector", TASK.connector(), "task", "3"))).metricValue();
    }
}
