package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.util.ConnectorTaskId;

import java.util.ArrayList;
import java.util.List;

/**
 * The metrics every task has, group {@code connector-task-metrics} tagged {@code connector} and {@code task}: its
 * status and the share of time it ran or was paused (from the status it reports), its offset commits, its batch
 * sizes, and (KIP-891) the classes and versions of its plugins, including those of its transformations and
 * predicates in {@code connector-transform-metrics} / {@code connector-predicate-metrics}.
 * <p>
 * Recorded from the task thread and the offset committer; read from reporter threads. Thread-safe.
 */
final class TaskMetrics implements AutoCloseable {

    static final String GROUP = "connector-task-metrics";
    static final String TRANSFORM_GROUP = "connector-transform-metrics";
    static final String PREDICATE_GROUP = "connector-predicate-metrics";

    private final ConnectMetrics connectMetrics;
    private final ConnectorTaskId id;
    private final MetricGroup group;
    private final StateTimes states;
    private final Sensor commitTime;
    private final Sensor commitSucceeded;
    private final Sensor commitFailed;
    private final Sensor batchSize;
    private final List<MetricGroup> stageGroups = new ArrayList<>();

    TaskMetrics(ConnectMetrics connectMetrics, ConnectorTaskId id, Time time) {
        this.connectMetrics = connectMetrics;
        this.id = id;
        this.group = connectMetrics.group(GROUP, "connector", id.connector(), "task", Integer.toString(id.task()));
        this.states = new StateTimes(time);

        group.addGauge("status", "The status of the connector task. One of 'unassigned', 'running', 'paused', "
                + "'failed', or 'restarting'.", (config, now) -> states.current());
        group.addGauge("running-ratio", "The fraction of time this task has spent in the running state.",
                (config, now) -> states.ratio(StateTimes.RUNNING, now));
        group.addGauge("pause-ratio", "The fraction of time this task has spent in the pause state.",
                (config, now) -> states.ratio(StateTimes.PAUSED, now));

        commitTime = group.sensor("offset-commit-time");
        commitTime.add(group.replaceable("offset-commit-max-time-ms",
                "The maximum time in milliseconds taken by this task to commit offsets."), new Max());
        commitTime.add(group.replaceable("offset-commit-avg-time-ms",
                "The average time in milliseconds taken by this task to commit offsets."), new Avg());
        commitSucceeded = group.sensor("offset-commit-success");
        commitSucceeded.add(group.replaceable("offset-commit-success-percentage",
                "The average percentage of this task's offset commit attempts that succeeded."), new Avg());
        commitFailed = group.sensor("offset-commit-failure");
        commitFailed.add(group.replaceable("offset-commit-failure-percentage",
                "The average percentage of this task's offset commit attempts that failed."), new Avg());
        batchSize = group.sensor("batch-size");
        batchSize.add(group.replaceable("batch-size-max",
                "The number of records in the largest batch the task has processed so far."), new Max());
        batchSize.add(group.replaceable("batch-size-avg",
                "The average number of records in the batches the task has processed so far."), new Avg());
    }

    /** The registry the task's other metric groups belong to. */
    ConnectMetrics connectMetrics() {
        return connectMetrics;
    }

    /** Wraps the task's status listener so that {@code status} and the ratios follow what the task reports. */
    TaskStatus.Listener tracking(TaskStatus.Listener listener) {
        return new TaskStatus.Listener() {
            @Override
            public void onStartup(ConnectorTaskId taskId) {
                states.change(StateTimes.RUNNING);
                listener.onStartup(taskId);
            }

            @Override
            public void onPause(ConnectorTaskId taskId) {
                states.change(StateTimes.PAUSED);
                listener.onPause(taskId);
            }

            @Override
            public void onResume(ConnectorTaskId taskId) {
                states.change(StateTimes.RUNNING);
                listener.onResume(taskId);
            }

            @Override
            public void onFailure(ConnectorTaskId taskId, Throwable cause) {
                states.change(StateTimes.FAILED);
                listener.onFailure(taskId, cause);
            }

            @Override
            public void onShutdown(ConnectorTaskId taskId) {
                states.change(StateTimes.UNASSIGNED);
                listener.onShutdown(taskId);
            }

            @Override
            public void onDeletion(ConnectorTaskId taskId) {
                states.change(StateTimes.DESTROYED);
                listener.onDeletion(taskId);
            }

            @Override
            public void onRestart(ConnectorTaskId taskId) {
                states.change(StateTimes.RESTARTING);
                listener.onRestart(taskId);
            }
        };
    }

    /** The lower-case status name the task last reported ({@code unassigned} before it starts). */
    String status() {
        return states.current();
    }

    void recordCommitSuccess(long durationMs) {
        commitTime.record(durationMs);
        commitSucceeded.record(1.0);
        commitFailed.record(0.0);
    }

    void recordCommitFailure() {
        commitSucceeded.record(0.0);
        commitFailed.record(1.0);
    }

    void recordBatch(int size) {
        batchSize.record(size);
    }

    /** Adds a string gauge describing one of the task's plugins (class names, versions, the connector type). */
    void addInfo(String name, String description, String value) {
        group.addImmutableGauge(name, description, value);
    }

    /** Registers the class and version of each transformation and predicate of the task's chain. */
    void addStageInfo(List<? extends TransformationStage<?>> stages) {
        String task = Integer.toString(id.task());
        for (TransformationStage<?> stage : stages) {
            if (stage.transformAlias() != null) {
                MetricGroup transform = connectMetrics.group(TRANSFORM_GROUP, "connector", id.connector(),
                        "task", task, "transform", stage.transformAlias());
                transform.addImmutableGauge("transform-class", "The class name of the transformation class",
                        stage.transformClass().getName());
                transform.addImmutableGauge("transform-version", "The version of the transformation class",
                        stage.transformVersion());
                addStageGroup(transform);
            }
            if (stage.predicateAlias() != null) {
                MetricGroup predicate = connectMetrics.group(PREDICATE_GROUP, "connector", id.connector(),
                        "task", task, "predicate", stage.predicateAlias());
                predicate.addImmutableGauge("predicate-class", "The class name of the predicate class",
                        stage.predicateClass().getName());
                predicate.addImmutableGauge("predicate-version", "The version of the predicate class",
                        stage.predicateVersion());
                addStageGroup(predicate);
            }
        }
    }

    private synchronized void addStageGroup(MetricGroup stageGroup) {
        stageGroups.add(stageGroup);
    }

    @Override
    public synchronized void close() {
        stageGroups.forEach(MetricGroup::close);
        stageGroups.clear();
        group.close();
    }
}
