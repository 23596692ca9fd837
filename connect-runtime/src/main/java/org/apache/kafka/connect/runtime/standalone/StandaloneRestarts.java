package org.apache.kafka.connect.runtime.standalone;

import org.apache.kafka.connect.runtime.Worker;
import org.apache.kafka.connect.runtime.distributed.ClusterConfigState;
import org.apache.kafka.connect.util.Callback;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Carries out the standalone herder's restarts, once it has checked the request: stop what restarts, mark it
 * RESTARTING, start it again. Every method is called with the herder lock held.
 */
final class StandaloneRestarts {

    private static final Logger log = LoggerFactory.getLogger(StandaloneRestarts.class);

    private final StandaloneHerder herder;
    private final Worker worker;
    private final StandaloneTasks tasks;

    StandaloneRestarts(StandaloneHerder herder, Worker worker, StandaloneTasks tasks) {
        this.herder = herder;
        this.worker = worker;
        this.tasks = tasks;
    }

    /**
     * Restarts the connector instance only; the callback is told once it reached its target state and, if started,
     * its task configs were regenerated.
     */
    void restartConnector(String connName, Callback<Void> callback) {
        worker.stopAndAwaitConnector(connName);
        herder.onRestart(connName);
        herder.startConnector(connName, (error, state) ->
                herder.answerOnceStarted(connName, error, state, callback, () -> null));
    }

    /** @return false if the task could not be created again (its status is then FAILED) */
    boolean restartTask(ClusterConfigState snapshot, ConnectorTaskId id) {
        worker.stopAndAwaitTask(id);
        herder.onRestart(id);
        return tasks.start(snapshot, id);
    }

    /**
     * Restarts the connector (if asked) and those of the tasks that still have a config: a task with a status but
     * no config is left over from an earlier task set and cannot be started again.
     */
    void restart(ClusterConfigState snapshot, String connName, boolean restartConnector,
                 List<ConnectorTaskId> tasksToRestart) {
        List<ConnectorTaskId> taskIds = tasksToRestart.stream()
                .filter(id -> snapshot.rawTaskConfig(id) != null)
                .toList();
        if (restartConnector) {
            worker.stopAndAwaitConnector(connName);
        }
        worker.stopAndAwaitTasks(taskIds);
        if (restartConnector) {
            herder.onRestart(connName);
        }
        taskIds.forEach(herder::onRestart);
        if (restartConnector) {
            // Apache's standalone worker does not regenerate task configs here, unlike on a plain restart.
            herder.startConnector(connName, (error, state) -> { });
        }
        for (ConnectorTaskId id : taskIds) {
            if (!tasks.start(snapshot, id)) {
                log.error("Failed to restart task {}", id);
            }
        }
    }
}
