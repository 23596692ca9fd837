package org.apache.kafka.connect.runtime.errors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.runtime.InternalSinkRecord;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The {@link ErrantRecordReporter} a sink task gets from its context (KIP-610): sends the records the task could not
 * handle through the task's error handling, as failures of stage {@code TASK_PUT} with class {@code SinkTask}.
 * <p>
 * A record that came from the worker is reported as the raw record it was consumed as; one the task made itself is
 * serialized with the task's converters first. The worker commits a partition's offsets only after
 * {@link #awaitFutures} for it, so no reported record is lost, and drops the futures of lost partitions with
 * {@link #cancelFutures}.
 * <p>
 * {@link #report} may be called from the task thread or from threads the task started; the futures are tracked in a
 * concurrent map. {@link #awaitFutures} and {@link #cancelFutures} run on the task thread.
 */
public class WorkerErrantRecordReporter implements ErrantRecordReporter {

    private final RetryWithToleranceOperator<ConsumerRecord<byte[], byte[]>> operator;
    private final Converter keyConverter;
    private final Converter valueConverter;
    private final HeaderConverter headerConverter;
    // The lists are only touched inside compute()/remove() of this map, which lock the key: once remove() returned a
    // list, no concurrent report() can still be appending to it.
    private final ConcurrentMap<TopicPartition, List<Future<Void>>> pending = new ConcurrentHashMap<>();

    public WorkerErrantRecordReporter(RetryWithToleranceOperator<ConsumerRecord<byte[], byte[]>> operator,
                                      Converter keyConverter, Converter valueConverter,
                                      HeaderConverter headerConverter) {
        this.operator = operator;
        this.keyConverter = keyConverter;
        this.valueConverter = valueConverter;
        this.headerConverter = headerConverter;
    }

    /**
     * @return completes when the record was logged and written to the dead letter queue (exceptionally if that
     *         write failed)
     * @throws org.apache.kafka.connect.errors.ConnectException "Tolerance exceeded in error handler" with
     *         {@code errors.tolerance=none}
     */
    @Override
    public Future<Void> report(SinkRecord record, Throwable error) {
        ConsumerRecord<byte[], byte[]> consumed = record instanceof InternalSinkRecord
                ? ((InternalSinkRecord) record).originalRecord()
                : serialize(record);
        Future<Void> reported = operator.executeFailed(
                new ProcessingContext<>(consumed), Stage.TASK_PUT, SinkTask.class, error);
        if (!reported.isDone()) {
            pending.compute(new TopicPartition(consumed.topic(), consumed.partition()), (partition, futures) -> {
                List<Future<Void>> tracked = futures == null ? new ArrayList<>() : futures;
                tracked.removeIf(Future::isDone); // keeps the list short for tasks that rarely commit
                tracked.add(reported);
                return tracked;
            });
        }
        return reported;
    }

    /**
     * Waits until every record reported so far for {@code partitions} is fully reported. A failed DLQ write does not
     * fail the wait: it was already logged and counted.
     *
     * @throws ConnectException if the thread is interrupted while waiting
     */
    public void awaitFutures(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            List<Future<Void>> futures = pending.remove(partition);
            if (futures == null) {
                continue;
            }
            for (Future<Void> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException | CancellationException e) {
                    // Reported by the dead letter queue reporter already.
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ConnectException("Interrupted while waiting for errant records of " + partition
                            + " to be reported", e);
                }
            }
        }
    }

    /** Stops tracking the reports for {@code partitions}, which this task no longer owns. */
    public void cancelFutures(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            List<Future<Void>> futures = pending.remove(partition);
            if (futures != null) {
                futures.forEach(future -> future.cancel(true));
            }
        }
    }

    private ConsumerRecord<byte[], byte[]> serialize(SinkRecord record) {
        String topic = record.topic();
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header.key(),
                    headerConverter.fromConnectHeader(topic, header.key(), header.schema(), header.value()));
        }
        byte[] key = keyConverter.fromConnectData(topic, headers, record.keySchema(), record.key());
        byte[] value = valueConverter.fromConnectData(topic, headers, record.valueSchema(), record.value());
        Long timestamp = record.timestamp();
        TimestampType timestampType = timestamp == null || record.timestampType() == null
                ? TimestampType.NO_TIMESTAMP_TYPE
                : record.timestampType();
        Integer partition = record.originalKafkaPartition();
        // Reported under its consumed coordinates, which are also the ones the worker commits.
        return new ConsumerRecord<>(record.originalTopic(), partition == null ? -1 : partition,
                record.originalKafkaOffset(), timestamp == null ? ConsumerRecord.NO_TIMESTAMP : timestamp,
                timestampType, sizeOf(key), sizeOf(value), key, value, headers, Optional.empty());
    }

    private static int sizeOf(byte[] bytes) {
        return bytes == null ? ConsumerRecord.NULL_SIZE : bytes.length;
    }
}
