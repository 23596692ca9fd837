package org.apache.kafka.connect.runtime.errors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Writes each failed record's error to the log at ERROR level, with the stage and class that failed (active when
 * {@code errors.log.enable=true}; the caller decides whether to install it).
 * <p>
 * The record is described only with {@code errors.log.include.messages=true}, because it may hold data that must
 * not reach log files: a sink shows the consumed record's coordinates, a source the whole {@link SourceRecord}.
 * Used on the thread that processed the record.
 *
 * @param <T> the type of the original record
 */
public final class LogReporter<T> implements ErrorReporter<T> {

    private static final Logger log = LoggerFactory.getLogger(LogReporter.class);

    private final ConnectorTaskId id;
    private final boolean includeMessages;
    private final ErrorHandlingMetrics metrics;
    private final Function<T, String> describeRecord;

    private LogReporter(ConnectorTaskId id, boolean includeMessages, ErrorHandlingMetrics metrics,
                        Function<T, String> describeRecord) {
        this.id = id;
        this.includeMessages = includeMessages;
        this.metrics = metrics;
        this.describeRecord = describeRecord;
    }

    /** A reporter for a sink task, describing records by topic, partition, offset and timestamp. */
    public static LogReporter<ConsumerRecord<byte[], byte[]>> forSink(ConnectorTaskId id, boolean includeMessages,
                                                                     ErrorHandlingMetrics metrics) {
        return new LogReporter<>(id, includeMessages, metrics, LogReporter::describeConsumedRecord);
    }

    /** A reporter for a source task, describing records by their {@code toString()}. */
    public static LogReporter<SourceRecord> forSource(ConnectorTaskId id, boolean includeMessages,
                                                      ErrorHandlingMetrics metrics) {
        return new LogReporter<>(id, includeMessages, metrics, record -> ", where source record is = " + record);
    }

    @Override
    public CompletableFuture<Void> report(ProcessingContext<T> context) {
        if (context.failed()) {
            log.error(message(context), context.error());
            metrics.recordErrorLogged();
        }
        return CompletableFuture.completedFuture(null);
    }

    String message(ProcessingContext<T> context) {
        Class<?> executingClass = context.executingClass();
        return "Error encountered in task " + id + ". Executing stage '" + context.stage() + "' with class '"
                + (executingClass == null ? null : executingClass.getName()) + "'"
                + (includeMessages ? describeRecord.apply(context.original()) : "")
                + ".";
    }

    private static String describeConsumedRecord(ConsumerRecord<byte[], byte[]> record) {
        StringBuilder description = new StringBuilder(", where consumed record is {topic='")
                .append(record.topic())
                .append("', partition=").append(record.partition())
                .append(", offset=").append(record.offset());
        if (record.timestampType() != TimestampType.NO_TIMESTAMP_TYPE) {
            description.append(", timestamp=").append(record.timestamp())
                    .append(", timestampType=").append(record.timestampType());
        }
        return description.append('}').toString();
    }
}
