package org.apache.kafka.connect.runtime.standalone;

import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.errors.AlreadyExistsException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.NotFoundException;
import org.apache.kafka.connect.runtime.AbstractHerder;
import org.apache.kafka.connect.runtime.ConfigReloads;
import org.apache.kafka.connect.runtime.RestartRequest;
import org.apache.kafka.connect.runtime.TargetState;
import org.apache.kafka.connect.runtime.Worker;
import org.apache.kafka.connect.runtime.distributed.ClusterConfigState;
import org.apache.kafka.connect.runtime.distributed.InternalRequestSignature;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffsets;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.rest.entities.Message;
import org.apache.kafka.connect.runtime.rest.entities.TaskInfo;
import org.apache.kafka.connect.storage.ConfigBackingStore;
import org.apache.kafka.connect.storage.MemoryConfigBackingStore;
import org.apache.kafka.connect.storage.StatusBackingStore;
import org.apache.kafka.connect.util.Callback;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The herder of a standalone worker: one process owns every connector and task, configs and statuses live in
 * memory (the offsets in the offsets file), and every request is served synchronously under the herder's lock
 * (its monitor), so requests never interleave.
 *
 * <p>Threading. REST threads call the operations directly. Work that connectors trigger from their own threads
 * (task reconfiguration requests, reaching the STARTED state, answering the config write that started them) is
 * handed to a single herder executor thread, which then takes the herder lock: a connector thread never waits for
 * the herder lock, so the herder can wait for a connector thread (stop, restart) while holding it without
 * deadlock. Config validation runs on a validation pool before the lock is taken. Health checks run on a dedicated
 * thread that takes the lock, so a wedged herder shows up as a timed-out check.
 *
 * <p>Reactions to config changes are made by the config store's update listener ({@link StandaloneConfigUpdates}),
 * as they would be for changes read from a config topic; task configs are generated, written and started by
 * {@link StandaloneTasks}, after it has stopped the previous tasks.
 */
public class StandaloneHerder extends AbstractHerder {

    private static final Logger log = LoggerFactory.getLogger(StandaloneHerder.class);

    private static final long EXECUTOR_SHUTDOWN_TIMEOUT_MS = 30_000L;

    private final ScheduledExecutorService requestExecutor;
    private final StandaloneHealthCheck healthCheck;
    private final StandaloneTasks tasks;
    private final StandaloneOffsets offsets;
    private final StandaloneRestarts restarts;
    private final StandaloneConfigUpdates configUpdates;
    /** Scheduled restarts for config-provider TTLs, one per connector and config path. */
    private final ConfigReloads configReloads;
    private volatile boolean running;

    public StandaloneHerder(Worker worker, String kafkaClusterId, ConnectorClientConfigOverridePolicy overridePolicy,
                            StatusBackingStore statusBackingStore) {
        this(worker, kafkaClusterId, overridePolicy, statusBackingStore, new MemoryConfigBackingStore());
    }

    public StandaloneHerder(Worker worker, String kafkaClusterId, ConnectorClientConfigOverridePolicy overridePolicy,
                            StatusBackingStore statusBackingStore, ConfigBackingStore configBackingStore) {
        super(worker, worker.workerId(), kafkaClusterId, statusBackingStore, configBackingStore, overridePolicy);
        this.requestExecutor = Executors.newSingleThreadScheduledExecutor(daemonThreads("StandaloneHerder-request-"));
        this.configReloads = new ConfigReloads((delayMs, action) -> {
            ScheduledFuture<?> scheduled = requestExecutor.schedule(action, delayMs, TimeUnit.MILLISECONDS);
            return () -> scheduled.cancel(false);
        }, this::reloadConnector);
        this.healthCheck = new StandaloneHealthCheck(this, this::isRunning,
                Executors.newSingleThreadExecutor(daemonThreads("StandaloneHerder-health-check-")));
        this.tasks = new StandaloneTasks(worker, configBackingStore, this::configState, statusBackingStore, this,
                this::connectorType);
        this.offsets = new StandaloneOffsets(worker, this::configState);
        this.restarts = new StandaloneRestarts(this, worker, tasks);
        this.configUpdates = new StandaloneConfigUpdates(this, worker, tasks, configBackingStore, statusBackingStore);
        configBackingStore.setUpdateListener(configUpdates);
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
        healthCheck.stop();
        stopServices();
        log.info("Herder stopped");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isReady() {
        return healthCheck.isReady();
    }

    /** Marks start-up complete (the command-line connectors have been created); health checks then succeed. */
    public void ready() {
        healthCheck.markReady();
    }

    @Override
    public void healthCheck(Callback<Void> callback) {
        healthCheck.check(callback);
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
            configUpdates.putConnectorConfig(connName, config, targetState, (error, state) ->
                    answerOnceStarted(connName, error, state, callback, () -> {
                        ClusterConfigState snapshot = configBackingStore.snapshot();
                        if (!snapshot.contains(connName)) {
                            throw connectorNotFound(connName);
                        }
                        return new Created<>(!exists, connectorInfo(snapshot, connName));
                    }));
        } catch (Throwable t) {
            callback.onCompletion(t, null);
        }
    }

    /**
     * Answers a request that (re)started a connector once it reached its target state: a started connector first
     * gets its task configs generated, so the answer reflects the new tasks. Called on a connector thread (or the
     * herder's own, if the connector could not be created), so the work is handed to the request executor: a
     * connector thread never waits for the herder lock.
     *
     * @param answer computed under the herder lock after the generation; may throw to answer with an error
     */
    <T> void answerOnceStarted(String connName, Throwable startError, TargetState state, Callback<T> callback,
                               Supplier<T> answer) {
        if (startError != null) {
            callback.onCompletion(startError, null);
            return;
        }
        submitRequest(() -> {
            synchronized (this) {
                Throwable generationError = state == TargetState.STARTED ? updateConnectorTasks(connName) : null;
                if (generationError != null) {
                    // As Apache answers a restart; it never answers a config write then (the request times out).
                    callback.onCompletion(new ConnectException("Failed to transition connector " + connName
                            + " to state " + TargetState.STARTED, generationError), null);
                    return;
                }
                T result;
                try {
                    result = answer.get();
                } catch (RuntimeException e) {
                    callback.onCompletion(e, null);
                    return;
                }
                callback.onCompletion(null, result);
            }
        }, () -> callback.onCompletion(new ConnectException("The herder is stopping"), null));
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
            patched = new LinkedHashMap<>(current);
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
            tasks.stopAndRemove(connName);
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
        submitRequest(() -> updateConnectorTasks(connName), () ->
                log.debug("Ignoring task reconfiguration request for connector {}: the herder is stopping", connName));
    }

    /** Runs work on the request executor, or {@code onRejected} on the caller's thread if the herder is stopping. */
    private void submitRequest(Runnable work, Runnable onRejected) {
        try {
            requestExecutor.execute(work);
        } catch (RejectedExecutionException e) {
            onRejected.run();
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

    /** An internal endpoint of distributed workers: a standalone worker answers it with a 500 (rest-api.md §7). */
    @Override
    public void putTaskConfigs(String connName, List<Map<String, String>> configs, Callback<Void> callback,
                               InternalRequestSignature requestSignature) {
        callback.onCompletion(new UnsupportedOperationException(
                "Kafka Connect in standalone mode does not support externally setting task configurations."), null);
    }

    /** Like {@link #putTaskConfigs}: standalone workers support no exactly-once source, so nothing to fence. */
    @Override
    public void fenceZombieSourceTasks(String connName, Callback<Void> callback,
                                       InternalRequestSignature requestSignature) {
        callback.onCompletion(new UnsupportedOperationException(
                "Kafka Connect in standalone mode does not support exactly-once source connectors."), null);
    }

    /**
     * Regenerates the connector's task configs and replaces its tasks if they changed; on the request executor.
     *
     * @return why the task configs could not be generated, or null
     */
    private synchronized Throwable updateConnectorTasks(String connName) {
        if (!running) {
            log.info("Skipping reconfiguration of connector {} since the herder is stopping", connName);
            return null;
        }
        return tasks.reconfigure(connName);
    }

    /**
     * Starts the connector in its stored target state; reaching STARTED triggers task-config generation, unless a
     * callback is given, which then takes that over.
     *
     * @param callback told when the connector reached its target state or failed; may be {@code null}
     */
    void startConnector(String connName, Callback<TargetState> callback) {
        ClusterConfigState snapshot = configState();
        worker.startConnector(connName, snapshot.connectorConfig(connName), connectorContext(connName), this,
                snapshot.targetState(connName), (error, state) -> {
                    if (error != null) {
                        log.error("Failed to start connector {}", connName, error);
                    }
                    if (callback != null) {
                        callback.onCompletion(error, state);
                    } else if (error == null && state == TargetState.STARTED) {
                        requestTaskReconfiguration(connName);
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
            tasks.stopAndRemove(connName);
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
            restarts.restartConnector(connName, callback);
        } catch (Throwable t) {
            callback.onCompletion(t, null);
        }
    }

    @Override
    public synchronized void restartTask(ConnectorTaskId id, Callback<Void> callback) {
        ClusterConfigState snapshot = configState();
        if (!snapshot.contains(id.connector())) {
            callback.onCompletion(new NotFoundException("Unknown connector: " + id.connector()), null);
            return;
        }
        if (snapshot.rawTaskConfig(id) == null) {
            callback.onCompletion(new NotFoundException("Unknown task: " + id), null);
            return;
        }
        try {
            if (restarts.restartTask(snapshot, id)) {
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
        ClusterConfigState snapshot = configState();
        if (!snapshot.contains(connName)) {
            callback.onCompletion(new NotFoundException("Unknown connector: " + connName), null);
            return;
        }
        try {
            RestartPlan plan = buildRestartPlan(request);
            restarts.restart(snapshot, connName, plan.shouldRestartConnector(), plan.taskIdsToRestart());
            callback.onCompletion(null, plan.restartConnectorStateInfo());
        } catch (Throwable t) {
            callback.onCompletion(t, null);
        }
    }

    /**
     * Restarts the connector once the TTL has passed, so that it reads the provider's values again; a later TTL for
     * the same connector and path replaces a pending restart.
     */
    @Override
    protected void scheduleConfigReload(String connName, String path, long ttlMs) {
        try {
            configReloads.schedule(connName, path, ttlMs);
        } catch (RejectedExecutionException e) {
            log.debug("Not scheduling a config reload of connector {}: the herder is stopping", connName);
        }
    }

    private void reloadConnector(String connName, String path) {
        if (!running || !configBackingStore.contains(connName)) {
            return;
        }
        log.info("Restarting connector {} to reload values of config path {}", connName, path);
        restartConnector(connName, (error, ignored) -> {
            if (error != null) {
                log.error("Failed to restart connector {} to reload its config", connName, error);
            }
        });
    }

    // ---------------------------------------------------------------------------------------------------------
    // Offsets

    @Override
    public void connectorOffsets(String connName, Callback<ConnectorOffsets> callback) {
        offsets.read(connName, callback);
    }

    // Under the lock so that the connector cannot be resumed while its offsets are being written.
    @Override
    protected synchronized void modifyConnectorOffsets(String connName, Map<Map<String, ?>, Map<String, ?>> offsets,
                                                     Callback<Message> callback) {
        this.offsets.modify(connName, offsets, callback);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Logging

    /** This worker is the whole cluster: the change applies here, as a worker-scope change would. */
    @Override
    public void setClusterLoggerLevel(String namespace, String level) {
        loggers().setLevel(namespace, level);
    }

}
