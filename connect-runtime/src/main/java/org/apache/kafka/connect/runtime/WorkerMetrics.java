package org.apache.kafka.connect.runtime;

import org.apache.kafka.connect.util.ConnectorTaskId;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The worker's own metrics, group {@code connect-worker-metrics}: how many connectors and tasks run here, how many
 * of their start-ups were attempted, succeeded and failed, and per connector (tag {@code connector}) how many of its
 * tasks on this worker are in each status. Thread-safe.
 */
final class WorkerMetrics implements AutoCloseable {

    static final String GROUP = "connect-worker-metrics";

    private final ConnectMetrics connectMetrics;
    private final MetricGroup group;
    private final AtomicLong connectorStartupAttempts = new AtomicLong();
    private final AtomicLong connectorStartupSuccesses = new AtomicLong();
    private final AtomicLong connectorStartupFailures = new AtomicLong();
    private final AtomicLong taskStartupAttempts = new AtomicLong();
    private final AtomicLong taskStartupSuccesses = new AtomicLong();
    private final AtomicLong taskStartupFailures = new AtomicLong();
    private final Supplier<Map<ConnectorTaskId, String>> taskStatuses;
    private final Map<String, MetricGroup> connectorGroups = new ConcurrentHashMap<>();

    /**
     * @param connectorCount the number of connectors running on this worker
     * @param taskCount      the number of tasks running on this worker
     * @param taskStatuses   the status of each task running on this worker, as its {@code status} metric shows it
     */
    WorkerMetrics(ConnectMetrics connectMetrics, Supplier<Integer> connectorCount, Supplier<Integer> taskCount,
                  Supplier<Map<ConnectorTaskId, String>> taskStatuses) {
        this.connectMetrics = connectMetrics;
        this.taskStatuses = taskStatuses;
        this.group = connectMetrics.group(GROUP);
        group.addGauge("connector-count", "The number of connectors run in this worker.",
                (config, now) -> connectorCount.get());
        group.addGauge("task-count", "The number of tasks run in this worker.", (config, now) -> taskCount.get());

        counter("connector-startup-attempts-total",
                "The total number of connector startups that this worker has attempted.", connectorStartupAttempts);
        counter("connector-startup-success-total",
                "The total number of connector starts that succeeded.", connectorStartupSuccesses);
        counter("connector-startup-failure-total",
                "The total number of connector starts that failed.", connectorStartupFailures);
        percentage("connector-startup-success-percentage",
                "The average percentage of this worker's connectors starts that succeeded.",
                connectorStartupSuccesses, connectorStartupAttempts);
        percentage("connector-startup-failure-percentage",
                "The average percentage of this worker's connectors starts that failed.",
                connectorStartupFailures, connectorStartupAttempts);

        counter("task-startup-attempts-total",
                "The total number of task startups that this worker has attempted.", taskStartupAttempts);
        counter("task-startup-success-total",
                "The total number of task starts that succeeded.", taskStartupSuccesses);
        counter("task-startup-failure-total",
                "The total number of task starts that failed.", taskStartupFailures);
        percentage("task-startup-success-percentage",
                "The average percentage of this worker's tasks starts that succeeded.",
                taskStartupSuccesses, taskStartupAttempts);
        percentage("task-startup-failure-percentage",
                "The average percentage of this worker's tasks starts that failed.",
                taskStartupFailures, taskStartupAttempts);
    }

    void recordConnectorStartup(boolean succeeded) {
        connectorStartupAttempts.incrementAndGet();
        (succeeded ? connectorStartupSuccesses : connectorStartupFailures).incrementAndGet();
    }

    void recordTaskStartup(boolean succeeded) {
        taskStartupAttempts.incrementAndGet();
        (succeeded ? taskStartupSuccesses : taskStartupFailures).incrementAndGet();
    }

    /** Registers the per-connector task counts of a connector that starts on this worker. */
    void connectorAdded(String connName) {
        connectorGroups.computeIfAbsent(connName, name -> {
            MetricGroup connectorGroup = connectMetrics.group(GROUP, "connector", name);
            connectorGroup.addGauge("connector-total-task-count",
                    "The number of tasks of the connector on the worker.", (config, now) -> countTasks(name, null));
            taskCount(connectorGroup, name, "running", StateTimes.RUNNING);
            taskCount(connectorGroup, name, "paused", StateTimes.PAUSED);
            taskCount(connectorGroup, name, "failed", StateTimes.FAILED);
            taskCount(connectorGroup, name, "unassigned", StateTimes.UNASSIGNED);
            taskCount(connectorGroup, name, "destroyed", StateTimes.DESTROYED);
            taskCount(connectorGroup, name, "restarting", StateTimes.RESTARTING);
            return connectorGroup;
        });
    }

    /** Removes the per-connector task counts of a connector that no longer runs on this worker. */
    void connectorRemoved(String connName) {
        MetricGroup connectorGroup = connectorGroups.remove(connName);
        if (connectorGroup != null) {
            connectorGroup.close();
        }
    }

    private void taskCount(MetricGroup connectorGroup, String connName, String label, String status) {
        connectorGroup.addGauge("connector-" + label + "-task-count",
                "The number of " + label + " tasks of the connector on the worker.",
                (config, now) -> countTasks(connName, status));
    }

    /** @param status the status to count, or null for all */
    private int countTasks(String connName, String status) {
        int count = 0;
        for (Map.Entry<ConnectorTaskId, String> task : taskStatuses.get().entrySet()) {
            if (task.getKey().connector().equals(connName) && (status == null || status.equals(task.getValue()))) {
                count++;
            }
        }
        return count;
    }

    private void counter(String name, String description, AtomicLong counter) {
        group.addGauge(name, description, (config, now) -> (double) counter.get());
    }

    /** A gauge of part / total, 0 while total is 0. */
    private void percentage(String name, String description, AtomicLong part, AtomicLong total) {
        group.addGauge(name, description, (config, now) -> {
            long all = total.get();
            return all == 0 ? 0.0 : (double) part.get() / all;
        });
    }

    @Override
    public void close() {
        connectorGroups.values().forEach(MetricGroup::close);
        connectorGroups.clear();
        group.close();
    }
}
