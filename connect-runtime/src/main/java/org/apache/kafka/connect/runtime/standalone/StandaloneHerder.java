package org.apache.kafka.connect.runtime.standalone;

import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.errors.AlreadyExistsException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.NotFoundException;
import org.apache.kafka.connect.runtime.AbstractHerder;
import org.apache.kafka.connect.runtime.ConnectorConfig;
import org.apache.kafka.connect.runtime.RestartRequest;
import org.apache.kafka.connect.runtime.TargetState;
import org.apache.kafka.connect.runtime.TaskStatus;
import org.apache.kafka.connect.runtime.TooManyTasksException;
import org.apache.kafka.connect.runtime.Worker;
import org.apache.kafka.connect.runtime.distributed.ClusterConfigState;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffsets;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorType;
import org.apache.kafka.connect.runtime.rest.entities.Message;
import org.apache.kafka.connect.runtime.rest.entities.TaskInfo;
import org.apache.kafka.connect.runtime.rest.errors.BadRequestException;
import org.apache.kafka.connect.storage.ConfigBackingStore;
import org.apache.kafka.connect.storage.MemoryConfigBackingStore;
import org.apache.kafka.connect.storage.StatusBackingStore;
import org.apache.kafka.connect.util.Callback;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The herder of a standalone worker: one process owns every connector and task, configs and statuses live in
 * memory (the offsets in the offsets file), and every request is served synchronously under the herder's lock
 * (its monitor), so requests never interleave.
 *
 * <p>Threading. REST threads call the operations directly. Work that connectors trigger from their own threads
 * (task reconfiguration requests, reaching the STARTED state) is handed to a single herder executor thread, which
 * then takes the herder lock: a connector thread never waits for the herder lock, so the herder can wait for a
 * connector thread (stop, restart) while holding it without deadlock. Config validation runs on a validation pool
 * before the lock is taken. Health checks run on a dedicated thread that takes the lock, so a wedged herder shows
 * up as a timed-out check.
 *
 * <p>Reactions to config changes (start, restart or stop a connector, apply a target state) are made by the
 * config store's update listener, as they would be for changes read from a config topic; task configs are written
 * by the operation that generated them, after it has stopped the previous tasks.
 */
public class StandaloneHerder extends AbstractHerder {

    private static final Logger log = LoggerFactory.getLogger(StandaloneHerder.class);

    private static final long EXECUTOR_SHUTDOWN_TIMEOUT_MS = 30_000L;

    private final ScheduledExecutorService requestExecutor;
    private final ExecutorService healthCheckExecutor;
    private volatile boolean running;
    private volatile boolean ready;

    public StandaloneHerder(Worker worker, String kafkaClusterId, ConnectorClientConfigOverridePolicy overridePolicy,
                            StatusBackingStore statusBackingStore) {
        this(worker, kafkaClusterId, overridePolicy, statusBackingStore, new MemoryConfigBackingStore());
    }

    public StandaloneHerder(Worker worker, String kafkaClusterId, ConnectorClientConfigOverridePolicy overridePolicy,
                            StatusBackingStore statusBackingStore, ConfigBackingStore configBackingStore) {
        super(worker, worker.workerId(), kafkaClusterId, statusBackingStore, configBackingStore, overridePolicy);
        this.requestExecutor = Executors.newSingleThreadScheduledExecutor(daemonThreads("StandaloneHerder-request-"));
        this.healthCheckExecutor = Executors.newSingleThreadExecutor(daemonThreads("StandaloneHerder-health-check-"));
        configBackingStore.setUpdateListener(new ConfigUpdateListener());
    }

    @Override
    protected int generation() {
        return 0;
    }

    @Override
    public synchronized void start() {
        log.info("Herder starting");
        startServices();
        running = true;
        log.info("Herder started");
    }

    @Override
    public void stop() {
        log.info("Herder stopping");
        // Outside the lock: queued work takes the lock, and must be allowed to finish or be dropped.
        shutdownAndAwait(requestExecutor, EXECUTOR_SHUTDOWN_TIMEOUT_MS);
        synchronized (this) {
            running = false;
            notifyAll();
            worker.stopAndAwaitTasks(new ArrayList<>(worker.taskIds()));
            worker.stopAndAwaitConnectors(new ArrayList<>(worker.connectorNames()));
        }
        healthCheckExecutor.shutdownNow();
        stopServices();
        log.info("Herder stopped");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isReady() {
        return ready;
    }

    /** Marks start-up complete (the command-line connectors have been created); health checks then succeed. */
    public synchronized void ready() {
        ready = true;
        notifyAll();
    }

    @Override
    public void healthCheck(Callback<Void> callback) {
        try {
            healthCheckExecutor.submit(() -> {
                try {
                    synchronized (this) {
                        while (!ready && running) {
                            wait();
                        }
                    }
                } catch (InterruptedException e) {
                    callback.onCompletion(new ConnectException("Health check interrupted"), null);
                    return;
                }
                if (running) {
                    callback.onCompletion(null, null);
                } else {
                    callback.onCompletion(new ConnectException("Worker is shutting down"), null);
                }
            });
        } catch (RejectedExecutionException e) {
            callback.onCompletion(new ConnectException("Worker is shutting down"), null);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Connector configs

    @Override
    public void connectors(Callback<Collection<String>> callback) {
        callback.onCompletion(null, connectors());
    }

    @Override
    public synchronized void connectorInfo(String connName, Callback<ConnectorInfo> callback) {
        ClusterConfigState snapshot = configBackingStore.snapshot();
        if (!snapshot.contains(connName)) {
            callback.onCompletion(connectorNotFound(connName), null);
            return;
        }
        callback.onCompletion(null, connectorInfo(snapshot, connName));
    }

    @Override
    public synchronized void connectorConfig(String connName, Callback<Map<String, String>> callback) {
        ClusterConfigState snapshot = configBackingStore.snapshot();
        if (!snapshot.contains(connName)) {
            callback.onCompletion(connectorNotFound(connName), null);
            return;
        }
        callback.onCompletion(null, snapshot.rawConnectorConfig(connName));
    }

    @Override
    public void putConnectorConfig(String connName, Map<String, String> config, TargetState targetState,
                                   boolean allowReplace, Callback<Created<ConnectorInfo>> callback) {
        validateBeforeWrite(config, (error, ignored) -> {
            if (error != null) {
                callback.onCompletion(error, null);
            } else {
                writeConnectorConfig(connName, config, targetState, allowReplace, callback);
            }
        });
    }

    private synchronized void writeConnectorConfig(String connName, Map<String, String> config,
                                                   TargetState targetState, boolean allowReplace,
                                                   Callback<Created<ConnectorInfo>> callback) {
        try {
            boolean exists = configBackingStore.contains(connName);
            if (exists && !allowReplace) {
                callback.onCompletion(new AlreadyExistsException("Connector " + connName + " already exists"), null);
                return;
            }
            // The store's listener (re)starts the connector.
            configBackingStore.putConnectorConfig(connName, config, targetState);
            callback.onCompletion(null, new Created<>(!exists, connectorInfo(configBackingStore.snapshot(), connName)));
        } catch (Throwable t) {
            callback.onCompletion(t, null);
        }
    }

    @Override
    public void patchConnectorConfig(String connName, Map<String, String> configPatch,
                                     Callback<Created<ConnectorInfo>> callback) {
        Map<String, String> patched;
        synchronized (this) {
            Map<String, String> current = configBackingStore.snapshot().rawConnectorConfig(connName);
            if (current == null) {
                callback.onCompletion(connectorNotFound(connName), null);
                return;
            }
            patched = new HashMap<>(current);
            configPatch.forEach((key, value) -> {
                if (value == null) {
                    patched.remove(key);
                } else {
                    patched.put(key, value);
                }
            });
        }
        putConnectorConfig(connName, patched, null, true, callback);
    }

    @Override
    public synchronized void deleteConnectorConfig(String connName, Callback<Created<ConnectorInfo>> callback) {
        try {
            if (!configBackingStore.contains(connName)) {
                callback.onCompletion(connectorNotFound(connName), null);
                return;
            }
            removeConnectorTasks(connName);
            // The store's listener stops the connector and removes its statuses.
            configBackingStore.removeConnectorConfig(connName);
            callback.onCompletion(null, new Created<>(false, null));
        } catch (Throwable t) {
            callback.onCompletion(t, null);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Task configs

    @Override
    public void requestTaskReconfiguration(String connName) {
        try {
            requestExecutor.submit(() -> updateConnectorTasks(connName));
        } catch (RejectedExecutionException e) {
            log.debug("Ignoring task reconfiguration request for connector {}: the herder is stopping", connName);
        }
    }

    @Override
    public synchronized void taskConfigs(String connName, Callback<List<TaskInfo>> callback) {
        ClusterConfigState snapshot = configBackingStore.snapshot();
        if (!snapshot.contains(connName)) {
            callback.onCompletion(connectorNotFound(connName), null);
            return;
        }
        List<TaskInfo> tasks = new ArrayList<>();
        for (ConnectorTaskId id : snapshot.tasks(connName)) {
            tasks.add(new TaskInfo(id, snapshot.rawTaskConfig(id)));
        }
        callback.onCompletion(null, tasks);
    }

    @Override
    public void putTaskConfigs(String connName, List<Map<String, String>> configs, Callback<Void> callback) {
        callback.onCompletion(new UnsupportedOperationException(
                "Kafka Connect in standalone mode does not support externally setting task configurations."), null);
    }

    /**
     * Regenerates the connector's task configs; if they (or the connector config they came from) changed, replaces
     * the running tasks with new ones. Runs on the request executor.
     */
    private synchronized void updateConnectorTasks(String connName) {
        if (!running || !worker.isRunning(connName)) {
            log.info("Skipping reconfiguration of connector {} since it is not running", connName);
            return;
        }
        ClusterConfigState snapshot = configBackingStore.snapshot();
        if (snapshot.targetState(connName) != TargetState.STARTED) {
            log.debug("Skipping reconfiguration of connector {} since its target state is {}", connName,
                    snapshot.targetState(connName));
            return;
        }
        List<Map<String, String>> newConfigs;
        try {
            ConnectorConfig connConfig = new ConnectorConfig(worker.getPlugins(), snapshot.connectorConfig(connName));
            newConfigs = worker.connectorTaskConfigs(connName, connConfig);
        } catch (TooManyTasksException e) {
            // The worker has already failed the connector.
            log.error("Connector {} generated too many task configs: {}", connName, e.getMessage());
            return;
        } catch (Throwable t) {
            log.error("Failed to generate task configs for connector {}", connName, t);
            return;
        }
        List<Map<String, String>> currentConfigs = snapshot.tasks(connName).stream()
                .map(snapshot::rawTaskConfig)
                .toList();
        boolean changed = !newConfigs.equals(currentConfigs)
                || !Objects.equals(snapshot.rawConnectorConfig(connName), snapshot.appliedConnectorConfig(connName));
        if (!changed) {
            log.debug("Task configs of connector {} are unchanged", connName);
            return;
        }
        log.info("Replacing the {} task(s) of connector {} with {} new one(s)", currentConfigs.size(), connName,
                newConfigs.size());
        removeConnectorTasks(connName);
        configBackingStore.putTaskConfigs(connName, newConfigs);
        startConnectorTasks(connName);
    }

    /** Stops the connector's tasks and removes their statuses. */
    private void removeConnectorTasks(String connName) {
        List<ConnectorTaskId> runningTasks = worker.taskIds().stream()
                .filter(id -> id.connector().equals(connName))
                .toList();
        if (!runningTasks.isEmpty()) {
            worker.stopAndAwaitTasks(runningTasks);
        }
        for (TaskStatus status : statusBackingStore.getAll(connName)) {
            onDeletion(status.id());
        }
    }

    private void startConnectorTasks(String connName) {
        ClusterConfigState snapshot = configBackingStore.snapshot();
        for (ConnectorTaskId id : snapshot.tasks(connName)) {
            startTask(snapshot, id);
        }
    }

    private boolean startTask(ClusterConfigState snapshot, ConnectorTaskId id) {
        String connName = id.connector();
        Map<String, String> connConfig = snapshot.connectorConfig(connName);
        Map<String, String> taskConfig = snapshot.taskConfig(id);
        TargetState targetState = snapshot.targetState(connName);
        if (connectorType(connConfig) == ConnectorType.SINK) {
            return worker.startSinkTask(id, connConfig, taskConfig, this, targetState);
        }
        return worker.startSourceTask(id, connConfig, taskConfig, this, targetState);
    }

    /**
     * Starts the connector in its stored target state; reaching STARTED triggers task-config generation.
     *
     * @param callback told when the connector reached its target state or failed; may be {@code null}
     */
    private void startConnector(String connName, Callback<TargetState> callback) {
        ClusterConfigState snapshot = configBackingStore.snapshot();
        worker.startConnector(connName, snapshot.connectorConfig(connName), connectorContext(connName), this,
                snapshot.targetState(connName), (error, state) -> {
                    if (error != null) {
                        log.error("Failed to start connector {}", connName, error);
                    } else if (state == TargetState.STARTED) {
                        requestTaskReconfiguration(connName);
                    }
                    if (callback != null) {
                        callback.onCompletion(error, state);
                    }
                });
    }

    // ---------------------------------------------------------------------------------------------------------
    // Target states and restarts

    @Override
    public synchronized void pauseConnector(String connName) {
        setTargetState(connName, TargetState.PAUSED);
    }

    @Override
    public synchronized void resumeConnector(String connName) {
        setTargetState(connName, TargetState.STARTED);
    }

    private void setTargetState(String connName, TargetState state) {
        if (!configBackingStore.contains(connName)) {
            throw new NotFoundException("Unknown connector " + connName);
        }
        // The store's listener applies it to the running connector and its tasks.
        configBackingStore.putTargetState(connName, state);
    }

    @Override
    public synchronized void stopConnector(String connName, Callback<Void> callback) {
        try {
            if (!configBackingStore.contains(connName)) {
                callback.onCompletion(new NotFoundException("Unknown connector " + connName), null);
                return;
            }
            removeConnectorTasks(connName);
            configBackingStore.putTaskConfigs(connName, List.of());
            configBackingStore.putTargetState(connName, TargetState.STOPPED);
            callback.onCompletion(null, null);
        } catch (Throwable t) {
            callback.onCompletion(t, null);
        }
    }

    @Override
    public synchronized void restartConnector(String connName, Callback<Void> callback) {
        if (!configBackingStore.contains(connName)) {
            callback.onCompletion(new NotFoundException("Unknown connector: " + connName), null);
            return;
        }
        try {
            worker.stopAndAwaitConnector(connName);
            onRestart(connName);
            startConnector(connName, (error, state) -> callback.onCompletion(error, null));
        } catch (Throwable t) {
            callback.onCompletion(t, null);
        }
    }

    @Override
    public synchronized void restartTask(ConnectorTaskId id, Callback<Void> callback) {
        ClusterConfigState snapshot = configBackingStore.snapshot();
        if (!snapshot.contains(id.connector())) {
            callback.onCompletion(new NotFoundException("Unknown connector: " + id.connector()), null);
            return;
        }
        if (snapshot.taskConfig(id) == null) {
            callback.onCompletion(new NotFoundException("Unknown task: " + id), null);
            return;
        }
        try {
            worker.stopAndAwaitTask(id);
            onRestart(id);
            if (startTask(snapshot, id)) {
                callback.onCompletion(null, null);
            } else {
                callback.onCompletion(new ConnectException("Failed to start task: " + id), null);
            }
        } catch (Throwable t) {
            callback.onCompletion(t, null);
        }
    }

    @Override
    public synchronized void restartConnectorAndTasks(RestartRequest request, Callback<ConnectorStateInfo> callback) {
        String connName = request.connectorName();
        ClusterConfigState snapshot = configBackingStore.snapshot();
        if (!snapshot.contains(connName)) {
            callback.onCompletion(new NotFoundException("Unknown connector: " + connName), null);
            return;
        }
        try {
            RestartPlan plan = buildRestartPlan(request);
            // Tasks with a status but no config (left over from an earlier task set) cannot be started again.
            List<ConnectorTaskId> tasks = plan.taskIdsToRestart().stream()
                    .filter(id -> snapshot.taskConfig(id) != null)
                    .toList();
            if (plan.shouldRestartConnector()) {
                worker.stopAndAwaitConnector(connName);
            }
            worker.stopAndAwaitTasks(tasks);
            if (plan.shouldRestartConnector()) {
                onRestart(connName);
            }
            tasks.forEach(this::onRestart);
            if (plan.shouldRestartConnector()) {
                startConnector(connName, null);
            }
            for (ConnectorTaskId id : tasks) {
                if (!startTask(snapshot, id)) {
                    log.error("Failed to restart task {}", id);
                }
            }
            callback.onCompletion(null, plan.restartConnectorStateInfo());
        } catch (Throwable t) {
            callback.onCompletion(t, null);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Offsets

    @Override
    public void connectorOffsets(String connName, Callback<ConnectorOffsets> callback) {
        ClusterConfigState snapshot = configBackingStore.snapshot();
        if (!snapshot.contains(connName)) {
            callback.onCompletion(connectorNotFound(connName), null);
            return;
        }
        worker.connectorOffsets(connName, snapshot.connectorConfig(connName), callback);
    }

    @Override
    public void alterConnectorOffsets(String connName, Map<Map<String, ?>, Map<String, ?>> offsets,
                                      Callback<Message> callback) {
        if (offsets == null || offsets.isEmpty()) {
            callback.onCompletion(new BadRequestException(
                    "Partitions / offsets need to be provided for an alter offsets request"), null);
            return;
        }
        modifyConnectorOffsets(connName, offsets, callback);
    }

    @Override
    public void resetConnectorOffsets(String connName, Callback<Message> callback) {
        modifyConnectorOffsets(connName, null, callback);
    }

    // Under the lock so that the connector cannot be resumed while its offsets are being written.
    private synchronized void modifyConnectorOffsets(String connName, Map<Map<String, ?>, Map<String, ?>> offsets,
                                                     Callback<Message> callback) {
        ClusterConfigState snapshot = configBackingStore.snapshot();
        if (!snapshot.contains(connName)) {
            callback.onCompletion(connectorNotFound(connName), null);
            return;
        }
        if (snapshot.targetState(connName) != TargetState.STOPPED || snapshot.taskCount(connName) != 0) {
            callback.onCompletion(new BadRequestException("Connectors must be in the STOPPED state before their "
                    + "offsets can be modified. This can be done for the specified connector by issuing a 'PUT' "
                    + "request to the '/connectors/" + connName + "/stop' endpoint"), null);
            return;
        }
        worker.modifyConnectorOffsets(connName, snapshot.connectorConfig(connName), offsets, callback);
    }

    private static NotFoundException connectorNotFound(String connName) {
        return new NotFoundException("Connector " + connName + " not found");
    }

    /** Reacts to config changes as a worker reacts to records read from the config topic. */
    private final class ConfigUpdateListener implements ConfigBackingStore.UpdateListener {

        @Override
        public void onConnectorConfigRemove(String connName) {
            synchronized (StandaloneHerder.this) {
                removeConnectorTasks(connName);
                worker.stopAndAwaitConnector(connName);
                onDeletion(connName);
                // A connector created later under the same name starts with no recorded topics.
                statusBackingStore.getAllTopics(connName)
                        .forEach(topic -> statusBackingStore.deleteTopic(connName, topic.topic()));
            }
        }

        @Override
        public void onConnectorConfigUpdate(String connName) {
            synchronized (StandaloneHerder.this) {
                if (worker.connectorNames().contains(connName)) {
                    worker.stopAndAwaitConnector(connName);
                }
                startConnector(connName, null);
            }
        }

        @Override
        public void onTaskConfigUpdate(Collection<ConnectorTaskId> tasks) {
            // Nothing to do: the herder writes task configs itself, after stopping the tasks they replace.
        }

        @Override
        public void onConnectorTargetStateChange(String connName) {
            synchronized (StandaloneHerder.this) {
                TargetState state = configBackingStore.snapshot().targetState(connName);
                worker.setTargetState(connName, state, (error, newState) -> {
                    if (error != null) {
                        log.error("Failed to transition connector {} to target state {}", connName, state, error);
                    } else if (newState == TargetState.STARTED) {
                        requestTaskReconfiguration(connName);
                    }
                });
            }
        }
    }
}
