package org.apache.kafka.connect.runtime.standalone;

import org.apache.kafka.connect.runtime.ConnectorConfig;
import org.apache.kafka.connect.runtime.TargetState;
import org.apache.kafka.connect.runtime.TaskStatus;
import org.apache.kafka.connect.runtime.TooManyTasksException;
import org.apache.kafka.connect.runtime.Worker;
import org.apache.kafka.connect.runtime.WorkerConfigTransformer;
import org.apache.kafka.connect.runtime.distributed.ClusterConfigState;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorType;
import org.apache.kafka.connect.storage.ConfigBackingStore;
import org.apache.kafka.connect.storage.StatusBackingStore;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The tasks of the standalone worker's connectors: generating their configs from the running connector, and
 * starting and stopping them on the worker (runtime-behaviour §5.3, §5.7).
 *
 * <p>The worker gets configs with config-provider variables resolved; generated task configs are stored with the
 * connector's variables put back (connector-config.md §7).
 *
 * <p>Not thread-safe on its own: every method is called with the {@link StandaloneHerder}'s lock held, which is
 * what keeps a task set from being replaced twice at once.
 */
final class StandaloneTasks {

    private static final Logger log = LoggerFactory.getLogger(StandaloneTasks.class);

    private final Worker worker;
    private final ConfigBackingStore configStore;
    private final Supplier<ClusterConfigState> configState;
    private final StatusBackingStore statusStore;
    private final TaskStatus.Listener statusListener;
    private final Function<Map<String, String>, ConnectorType> connectorType;

    /** @param configState the current snapshot of {@code configStore}, resolving config-provider variables */
    StandaloneTasks(Worker worker, ConfigBackingStore configStore, Supplier<ClusterConfigState> configState,
                    StatusBackingStore statusStore, TaskStatus.Listener statusListener,
                    Function<Map<String, String>, ConnectorType> connectorType) {
        this.worker = worker;
        this.configStore = configStore;
        this.configState = configState;
        this.statusStore = statusStore;
        this.statusListener = statusListener;
        this.connectorType = connectorType;
    }

    /**
     * Regenerates the connector's task configs; if they (or the connector config they came from) changed, replaces
     * the running tasks with new ones. Does nothing unless the connector runs here with target state STARTED.
     *
     * @return why the task configs could not be generated (already logged), or null
     */
    Throwable reconfigure(String connName) {
        if (!worker.isRunning(connName)) {
            log.info("Skipping reconfiguration of connector {} since it is not running", connName);
            return null;
        }
        ClusterConfigState snapshot = configState.get();
        if (snapshot.targetState(connName) != TargetState.STARTED) {
            log.debug("Skipping reconfiguration of connector {} since its target state is {}", connName,
                    snapshot.targetState(connName));
            return null;
        }
        List<Map<String, String>> newConfigs;
        try {
            ConnectorConfig connConfig = new ConnectorConfig(worker.getPlugins(), snapshot.connectorConfig(connName));
            newConfigs = WorkerConfigTransformer.reverseTransform(snapshot.rawConnectorConfig(connName),
                    worker.connectorTaskConfigs(connName, connConfig));
        } catch (TooManyTasksException e) {
            // The worker has already failed the connector.
            log.error("Connector {} generated too many task configs: {}", connName, e.getMessage());
            return e;
        } catch (Throwable t) {
            log.error("Failed to generate task configs for connector {}", connName, t);
            return t;
        }
        List<Map<String, String>> currentConfigs = snapshot.tasks(connName).stream()
                .map(snapshot::rawTaskConfig)
                .toList();
        boolean changed = !newConfigs.equals(currentConfigs)
                || !Objects.equals(snapshot.rawConnectorConfig(connName), snapshot.appliedConnectorConfig(connName));
        if (!changed) {
            log.debug("Task configs of connector {} are unchanged", connName);
            return null;
        }
        log.info("Replacing the {} task(s) of connector {} with {} new one(s)", currentConfigs.size(), connName,
                newConfigs.size());
        stopAndRemove(connName);
        configStore.putTaskConfigs(connName, newConfigs);
        startAll(connName);
        return null;
    }

    /** Stops the connector's tasks running here and removes every task status it has. */
    void stopAndRemove(String connName) {
        List<ConnectorTaskId> running = worker.taskIds().stream()
                .filter(id -> id.connector().equals(connName))
                .toList();
        if (!running.isEmpty()) {
            worker.stopAndAwaitTasks(running);
        }
        for (TaskStatus status : statusStore.getAll(connName)) {
            statusListener.onDeletion(status.id());
        }
    }

    /** Starts every task the store has a config for. */
    void startAll(String connName) {
        ClusterConfigState snapshot = configState.get();
        for (ConnectorTaskId id : snapshot.tasks(connName)) {
            start(snapshot, id);
        }
    }

    /**
     * Starts one task from its stored config, in the connector's target state.
     *
     * @param snapshot a snapshot that resolves config-provider variables
     *
     * @return false if it could not be created (its status is then FAILED with the cause)
     */
    boolean start(ClusterConfigState snapshot, ConnectorTaskId id) {
        String connName = id.connector();
        Map<String, String> connConfig = snapshot.connectorConfig(connName);
        TooManyTasksException tooMany = checkTaskCount(snapshot, connName, connConfig);
        if (tooMany != null) {
            log.error("Failed to start task {}: {}", id, tooMany.getMessage());
            statusListener.onFailure(id, tooMany);
            return false;
        }
        Map<String, String> taskConfig = snapshot.taskConfig(id);
        TargetState targetState = snapshot.targetState(connName);
        if (connectorType.apply(connConfig) == ConnectorType.SINK) {
            return worker.startSinkTask(id, connConfig, taskConfig, statusListener, targetState);
        }
        return worker.startSourceTask(id, connConfig, taskConfig, statusListener, targetState);
    }

    /**
     * A task set stored before {@code tasks.max} was lowered must not run while {@code tasks.max.enforce} is on
     * (runtime-behaviour §4.1 step 2). Returns the failure to report, or null to go on.
     */
    private TooManyTasksException checkTaskCount(ClusterConfigState snapshot, String connName,
                                                 Map<String, String> connConfig) {
        int taskCount = snapshot.taskCount(connName);
        ConnectorConfig parsed;
        try {
            parsed = new ConnectorConfig(worker.getPlugins(), connConfig);
        } catch (RuntimeException e) {
            // An unparsable config fails the task in the worker, with the parse error as its cause.
            return null;
        }
        int tasksMax = parsed.tasksMax();
        if (taskCount <= tasksMax) {
            return null;
        }
        if (parsed.enforceTasksMax()) {
            return new TooManyTasksException(connName, taskCount, tasksMax);
        }
        log.warn("The connector {} has {} tasks, which is greater than {}, the maximum number of tasks it is "
                + "configured to create. This is allowed only because '{}' is false, an option that will be removed "
                + "in a future release.", connName, taskCount, tasksMax, ConnectorConfig.TASKS_MAX_ENFORCE_CONFIG);
        return null;
    }
}
