package org.apache.kafka.connect.runtime;

import org.apache.kafka.connect.runtime.distributed.ClusterConfigState;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorType;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.function.Function;

/**
 * Starts one task on the {@link Worker} from its stored config, in its connector's target state, as both herders
 * do (runtime-behaviour §4.1). Stateless; callable from any thread.
 */
public final class TaskLauncher {

    private static final Logger log = LoggerFactory.getLogger(TaskLauncher.class);

    private final Worker worker;
    private final TaskStatus.Listener statusListener;
    private final Function<Map<String, String>, ConnectorType> connectorType;

    /** @param connectorType the kind of connector a (resolved) connector config describes */
    public TaskLauncher(Worker worker, TaskStatus.Listener statusListener,
                        Function<Map<String, String>, ConnectorType> connectorType) {
        this.worker = worker;
        this.statusListener = statusListener;
        this.connectorType = connectorType;
    }

    /**
     * @param snapshot a snapshot that resolves config-provider variables
     * @return false if the task could not be created (its status is then FAILED with the cause)
     */
    public boolean start(ClusterConfigState snapshot, ConnectorTaskId id) {
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
