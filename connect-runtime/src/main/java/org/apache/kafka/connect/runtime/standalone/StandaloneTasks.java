package org.apache.kafka.connect.runtime.standalone;

import org.apache.kafka.connect.runtime.TaskConfigGenerator;
import org.apache.kafka.connect.runtime.TaskLauncher;
import org.apache.kafka.connect.runtime.TaskStatus;
import org.apache.kafka.connect.runtime.TooManyTasksException;
import org.apache.kafka.connect.runtime.Worker;
import org.apache.kafka.connect.runtime.distributed.ClusterConfigState;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorType;
import org.apache.kafka.connect.storage.ConfigBackingStore;
import org.apache.kafka.connect.storage.StatusBackingStore;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final TaskConfigGenerator generator;
    private final TaskLauncher launcher;

    /** @param configState the current snapshot of {@code configStore}, resolving config-provider variables */
    StandaloneTasks(Worker worker, ConfigBackingStore configStore, Supplier<ClusterConfigState> configState,
                    StatusBackingStore statusStore, TaskStatus.Listener statusListener,
                    Function<Map<String, String>, ConnectorType> connectorType) {
        this.worker = worker;
        this.configStore = configStore;
        this.configState = configState;
        this.statusStore = statusStore;
        this.statusListener = statusListener;
        this.generator = new TaskConfigGenerator(worker);
        this.launcher = new TaskLauncher(worker, statusListener, connectorType);
    }

    /**
     * Regenerates the connector's task configs; if they (or the connector config they came from) changed, replaces
     * the running tasks with new ones. Does nothing unless the connector runs here with target state STARTED.
     *
     * @return why the task configs could not be generated (already logged), or null
     */
    Throwable reconfigure(String connName) {
        Optional<List<Map<String, String>>> newConfigs;
        try {
            newConfigs = generator.changedTaskConfigs(connName, configState.get());
        } catch (TooManyTasksException e) {
            // The worker has already failed the connector.
            log.error("Connector {} generated too many task configs: {}", connName, e.getMessage());
            return e;
        } catch (Throwable t) {
            log.error("Failed to generate task configs for connector {}", connName, t);
            return t;
        }
        if (newConfigs.isEmpty()) {
            return null;
        }
        log.info("Replacing the task(s) of connector {} with {} new one(s)", connName, newConfigs.get().size());
        stopAndRemove(connName);
        configStore.putTaskConfigs(connName, newConfigs.get());
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
        return launcher.start(snapshot, id);
    }
}
