package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.metrics.stats.Meter;
import org.apache.kafka.common.metrics.stats.Value;
import org.apache.kafka.connect.util.ConnectorTaskId;

/**
 * The metrics of a sink task, group {@code sink-task-metrics} tagged {@code connector} and {@code task}: records read
 * from the consumer (before transformations) and handed to {@code put} (after them), the time {@code put} took, the
 * assigned partitions, the offset commits (sequence number, completed, skipped) and the records read but not yet
 * committed.
 * <p>
 * Recorded on the task thread; the gauges read volatile fields, since reporters run on other threads.
 */
final class SinkTaskMetrics implements AutoCloseable {

    static final String GROUP = "sink-task-metrics";

    private final MetricGroup group;
    private final Sensor read;
    private final Sensor sent;
    private final Sensor putTime;
    private final Sensor commitCompleted;
    private final Sensor commitSkipped;
    private final Sensor activeRecords;
    private final Sensor lag;
    private volatile int partitionCount;
    private volatile long commitSeqNo;

    SinkTaskMetrics(ConnectMetrics connectMetrics, ConnectorTaskId id) {
        group = connectMetrics.group(GROUP, "connector", id.connector(), "task", Integer.toString(id.task()));
        read = group.sensor("sink-record-read");
        read.add(new Meter(
                group.replaceable("sink-record-read-rate", "The average per-second number of records read from "
                        + "Kafka for this task belonging to the named sink connector in this worker. This is before "
                        + "transformations are applied."),
                group.replaceable("sink-record-read-total", "The total number of records read from Kafka by this "
                        + "task belonging to the named sink connector in this worker, since the task was last "
                        + "restarted.")));
        sent = group.sensor("sink-record-send");
        sent.add(new Meter(
                group.replaceable("sink-record-send-rate", "The average per-second number of records output from "
                        + "the transformations and sent/put to this task belonging to the named sink connector in "
                        + "this worker. This is after transformations are applied and excludes any records filtered "
                        + "out by the transformations."),
                group.replaceable("sink-record-send-total", "The total number of records output from the "
                        + "transformations and sent/put to this task belonging to the named sink connector in this "
                        + "worker, since the task was last restarted.")));
        lag = group.sensor("sink-record-lag");
        lag.add(group.replaceable("sink-record-lag-max", "The maximum lag in terms of number of records that the "
                + "sink task is behind the consumer's position for any topic partitions."), new Max());
        group.addGauge("partition-count", "The number of topic partitions assigned to this task belonging to the "
                + "named sink connector in this worker.", (config, now) -> partitionCount);
        group.addGauge("offset-commit-seq-no", "The current sequence number for offset commits.",
                (config, now) -> commitSeqNo);
        commitCompleted = group.sensor("offset-commit-completion");
        commitCompleted.add(new Meter(
                group.replaceable("offset-commit-completion-rate", "The average per-second number of offset commit "
                        + "completions that were completed successfully."),
                group.replaceable("offset-commit-completion-total", "The total number of offset commit completions "
                        + "that were completed successfully.")));
        commitSkipped = group.sensor("offset-commit-skip");
        commitSkipped.add(new Meter(
                group.replaceable("offset-commit-skip-rate", "The average per-second number of offset commit "
                        + "completions that were received too late and skipped/ignored."),
                group.replaceable("offset-commit-skip-total", "The total number of offset commit completions that "
                        + "were received too late and skipped/ignored.")));
        putTime = group.sensor("put-batch-time");
        putTime.add(group.replaceable("put-batch-max-time-ms",
                "The maximum time taken by this task to put a batch of sinks records."), new Max());
        putTime.add(group.replaceable("put-batch-avg-time-ms",
                "The average time taken by this task to put a batch of sinks records."), new Avg());
        activeRecords = group.sensor("sink-record-active-count");
        activeRecords.add(group.replaceable("sink-record-active-count", "The number of records that have been read "
                + "from Kafka but not yet completely committed/flushed/acknowledged by the sink task."), new Value());
        activeRecords.add(group.replaceable("sink-record-active-count-max", "The maximum number of records that "
                + "have been read from Kafka but not yet completely committed/flushed/acknowledged by the sink "
                + "task."), new Max());
        activeRecords.add(group.replaceable("sink-record-active-count-avg", "The average number of records that "
                + "have been read from Kafka but not yet completely committed/flushed/acknowledged by the sink "
                + "task."), new Avg());
    }

    void recordRead(int count) {
        read.record(count);
    }

    void recordSend(int count) {
        sent.record(count);
    }

    void recordPut(long durationMs) {
        putTime.record(durationMs);
    }

    /** How many records of one partition lie between what was read and the end of the partition. */
    void recordLag(long records) {
        lag.record(records);
    }

    void partitionCount(int count) {
        partitionCount = count;
    }

    void commitSeqNo(long seqNo) {
        commitSeqNo = seqNo;
    }

    void recordCommitCompleted() {
        commitCompleted.record();
    }

    void recordCommitSkipped() {
        commitSkipped.record();
    }

    void recordActiveRecords(long count) {
        activeRecords.record(count);
    }

    @Override
    public void close() {
        group.close();
    }
}
