package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.metrics.stats.Meter;
import org.apache.kafka.common.metrics.stats.Value;
import org.apache.kafka.connect.util.ConnectorTaskId;

/**
 * The metrics of a source task, group {@code source-task-metrics} tagged {@code connector} and {@code task}: records
 * polled from the task, records written to the producer, the time {@code poll} took, and the records sent but not yet
 * acknowledged. Thread-safe (Kafka sensors are).
 */
final class SourceTaskMetrics implements AutoCloseable {

    static final String GROUP = "source-task-metrics";

    private final MetricGroup group;
    private final Sensor polled;
    private final Sensor written;
    private final Sensor pollTime;
    private final Sensor activeRecords;

    SourceTaskMetrics(ConnectMetrics connectMetrics, ConnectorTaskId id) {
        group = connectMetrics.group(GROUP, "connector", id.connector(), "task", Integer.toString(id.task()));
        polled = group.sensor("source-record-poll");
        polled.add(new Meter(
                group.replaceable("source-record-poll-rate", "The average per-second number of records "
                        + "produced/polled (before transformation) by this task belonging to the named source "
                        + "connector in this worker."),
                group.replaceable("source-record-poll-total", "The total number of records produced/polled "
                        + "(before transformation) by this task belonging to the named source connector in this "
                        + "worker.")));
        written = group.sensor("source-record-write");
        written.add(new Meter(
                group.replaceable("source-record-write-rate", "The average per-second number of records written "
                        + "to Kafka for this task belonging to the named source connector in this worker, since the "
                        + "task was last restarted. This is after transformations are applied, and excludes any "
                        + "records filtered out by the transformations."),
                group.replaceable("source-record-write-total", "The number of records output written to Kafka for "
                        + "this task belonging to the named source connector in this worker, since the task was "
                        + "last restarted. This is after transformations are applied, and excludes any records "
                        + "filtered out by the transformations.")));
        pollTime = group.sensor("poll-batch-time");
        pollTime.add(group.replaceable("poll-batch-max-time-ms",
                "The maximum time in milliseconds taken by this task to poll for a batch of source records."),
                new Max());
        pollTime.add(group.replaceable("poll-batch-avg-time-ms",
                "The average time in milliseconds taken by this task to poll for a batch of source records."),
                new Avg());
        activeRecords = group.sensor("source-record-active-count");
        activeRecords.add(group.replaceable("source-record-active-count", "The number of records that have been "
                + "produced by this task but not yet completely written to Kafka."), new Value());
        activeRecords.add(group.replaceable("source-record-active-count-max", "The maximum number of records that "
                + "have been produced by this task but not yet completely written to Kafka."), new Max());
        activeRecords.add(group.replaceable("source-record-active-count-avg", "The average number of records that "
                + "have been produced by this task but not yet completely written to Kafka."), new Avg());
    }

    /** {@code task.poll()} returned {@code size} records after {@code durationMs}. */
    void recordPoll(int size, long durationMs) {
        polled.record(size);
        pollTime.record(durationMs);
    }

    /** {@code count} records of a batch went to the producer (the others were dropped). */
    void recordWrite(int count) {
        written.record(count);
    }

    /** The number of records sent but not yet acknowledged. */
    void recordActiveRecords(int inFlight) {
        activeRecords.record(inFlight);
    }

    @Override
    public void close() {
        group.close();
    }
}
