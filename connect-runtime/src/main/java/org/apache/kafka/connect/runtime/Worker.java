package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.connector.ConnectorContext;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.isolation.LoaderSwap;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffsets;
import org.apache.kafka.connect.runtime.rest.entities.Message;
import org.apache.kafka.connect.storage.OffsetBackingStore;
import org.apache.kafka.connect.storage.OffsetStorageReaderImpl;
import org.apache.kafka.connect.storage.StatusBackingStore;
import org.apache.kafka.connect.util.Callback;
import org.apache.kafka.connect.util.ConnectUtils;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.apache.kafka.connect.util.LoggingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Runs the connectors and tasks the herder assigns to this process: one {@link WorkerConnector} per connector and one
 * {@link WorkerTask} per task, each on its own thread of a shared cached pool. It creates them (class loaders,
 * configs, converters, error handling, Kafka clients), forwards target-state changes, stops them within the
 * configured deadlines (cancelling laggards), generates task configs, and serves the offsets REST operations.
 * <p>
 * Thread-safe: called by the herder thread(s), REST threads and connector threads. The maps of running instances are
 * concurrent; no lock is held while calling into connectors, tasks or status listeners.
 */
public class Worker {

    private static final Logger log = LoggerFactory.getLogger(Worker.class);

    /** How long a batch of stopping connectors is waited for before the laggards are cancelled. */
    static final long CONNECTOR_GRACEFUL_SHUTDOWN_TIMEOUT_MS = 5_000;
    /** How long {@link #stop()} waits for connector and task threads to end. */
    static final long EXECUTOR_SHUTDOWN_TERMINATION_TIMEOUT_MS = 1_000;

    private final String workerId;
    private final Time time;
    private final Plugins plugins;
    private final WorkerConfig config;
    private final OffsetBackingStore offsetStore;
    private final ConnectMetrics metrics;
    private final WorkerMetrics workerMetrics;
    private final WorkerThreadPool threads;
    private final SourceTaskOffsetCommitter offsetCommitter;
    private final WorkerTaskFactory taskFactory;
    private final ConnectorOffsetsManager offsetsManager;
    /** The override policy's plugin metrics, if it is {@code Monitorable}; removed when the worker stops. */
    private final PluginMetricsImpl overridePolicyMetrics;

    private final ConcurrentMap<String, WorkerConnector> connectors = new ConcurrentHashMap<>();
    private final ConcurrentMap<ConnectorTaskId, WorkerTaskFactory.BuiltTask> tasks = new ConcurrentHashMap<>();

    private String kafkaClusterId;

    /**
     * A worker that looks the Kafka cluster id up when it first needs it; its metrics context then has no
     * {@code kafka.connect.cluster.id} label.
     *
     * @see #Worker(String, Time, Plugins, WorkerConfig, OffsetBackingStore, ConnectorClientConfigOverridePolicy,
     *      StatusBackingStore, String)
     */
    public Worker(String workerId, Time time, Plugins plugins, WorkerConfig config, OffsetBackingStore offsetStore,
                  ConnectorClientConfigOverridePolicy overridePolicy, StatusBackingStore statusStore) {
        this(workerId, time, plugins, config, offsetStore, overridePolicy, statusStore, null);
    }

    /**
     * @param offsetStore    the worker's offsets store; configured here, started by {@link #start()}, stopped by
     *                       {@link #stop()}
     * @param overridePolicy the worker's client config override policy; if {@code Monitorable}, it gets plugin
     *                       metrics tagged {@code config=connector.client.config.override.policy,class=<simple name>}
     * @param statusStore    where source tasks record the topics they use (topic tracking); may be null
     * @param kafkaClusterId the Kafka cluster id looked up at start-up, also the {@code kafka.connect.cluster.id}
     *                       metrics context label; null to look it up on first use
     */
    public Worker(String workerId, Time time, Plugins plugins, WorkerConfig config, OffsetBackingStore offsetStore,
                  ConnectorClientConfigOverridePolicy overridePolicy, StatusBackingStore statusStore,
                  String kafkaClusterId) {
        this.workerId = workerId;
        this.time = time;
        this.plugins = plugins;
        this.config = config;
        this.offsetStore = offsetStore;
        this.kafkaClusterId = kafkaClusterId;
        this.metrics = new ConnectMetrics(workerId, config, time, kafkaClusterId);
        this.overridePolicyMetrics = overridePolicy == null ? null : MonitorablePlugins.attach(overridePolicy,
                PluginLoaders.loaderOf(plugins, overridePolicy.getClass()), metrics.metrics(),
                MonitorablePlugins.workerPluginTags(WorkerConfig.CONNECTOR_CLIENT_POLICY_CLASS_CONFIG, overridePolicy));
        this.workerMetrics = new WorkerMetrics(metrics, connectors::size, tasks::size, this::taskStatuses);
        this.threads = new WorkerThreadPool();
        this.offsetCommitter = new SourceTaskOffsetCommitter(config);
        Supplier<String> clusterId = this::kafkaClusterId;
        this.taskFactory = new WorkerTaskFactory(plugins, config, offsetStore, overridePolicy, statusStore, metrics,
                time, clusterId, this::connectorVersion);
        this.offsetsManager = new ConnectorOffsetsManager(plugins, config, offsetStore, overridePolicy, clusterId);
        offsetStore.configure(config.originals());
    }

    public void start() {
        log.info("Worker starting");
        offsetStore.start();
        log.info("Worker started");
    }

    /** Stops every connector and task still running, then releases the worker's own resources. */
    public void stop() {
        log.info("Worker stopping");
        if (!connectors.isEmpty()) {
            log.warn("Shutting down connectors {} uncleanly; the herder should have stopped them",
                    connectors.keySet());
            stopAndAwaitConnectors(new ArrayList<>(connectors.keySet()));
        }
        if (!tasks.isEmpty()) {
            log.warn("Shutting down tasks {} uncleanly; the herder should have stopped them", tasks.keySet());
            stopAndAwaitTasks(new ArrayList<>(tasks.keySet()));
        }
        offsetCommitter.close(config.getLong(WorkerConfig.OFFSET_COMMIT_TIMEOUT_MS_CONFIG));
        offsetStore.stop();
        workerMetrics.close();
        MonitorablePlugins.close(overridePolicyMetrics);
        metrics.close();
        threads.shutdown(EXECUTOR_SHUTDOWN_TERMINATION_TIMEOUT_MS);
        log.info("Worker stopped");
    }

    public String workerId() {
        return workerId;
    }

    public Plugins getPlugins() {
        return plugins;
    }

    public WorkerConfig config() {
        return config;
    }

    /** The worker-wide metrics registry (task error metrics, plugin metrics). */
    public Metrics metrics() {
        return metrics.metrics();
    }

    /** The worker's metrics, with the groups of its connectors and tasks. */
    public ConnectMetrics connectMetrics() {
        return metrics;
    }

    /** The id of the Kafka cluster: the one given at construction, or else looked up on first use. */
    public synchronized String kafkaClusterId() {
        if (kafkaClusterId == null) {
            kafkaClusterId = ConnectUtils.lookupKafkaClusterId(config);
        }
        return kafkaClusterId;
    }

    // ---------------------------------------------------------------------------------------------- connectors

    /**
     * Creates a connector and starts it on its own thread, moving towards {@code initialState}; the callback is
     * completed once that state is reached (or with an error). A failure to create the connector is reported as
     * FAILED status and through the callback.
     *
     * @param ctx the herder's context for the connector (task reconfiguration requests, raised errors)
     */
    public void startConnector(String connName, Map<String, String> connProps, ConnectorContext ctx,
                               ConnectorStatus.Listener statusListener, TargetState initialState,
                               Callback<TargetState> onStateChange) {
        try (LoggingContext ignored = LoggingContext.forConnector(connName)) {
            if (connectors.containsKey(connName)) {
                onStateChange.onCompletion(new ConnectException("Connector with name " + connName
                        + " already exists"), null);
                return;
            }
            WorkerConnector workerConnector;
            OffsetStorageReaderImpl offsetReader = null;
            try {
                ConnectorPlugin plugin = ConnectorPlugin.resolve(plugins, connProps);
                log.info("Creating connector {} of type {}", connName, plugin.connectorClass().getName());
                Connector connector = plugin.newConnector(plugins);
                try (LoaderSwap swap = plugins.withClassLoader(plugin.loader())) {
                    if (plugin.isSink()) {
                        new SinkConnectorConfig(plugins, connProps);
                    } else {
                        new SourceConnectorConfig(plugins, connProps, config.topicCreationEnable());
                        offsetReader = new OffsetStorageReaderImpl(offsetStore, connName);
                    }
                }
                workerConnector = new WorkerConnector(connName, connector, connProps, ctx, statusListener,
                        offsetReader, plugin.loader(), metrics, plugin.versionOf(connector), time);
            } catch (Throwable t) {
                log.error("Failed to start connector {}", connName, t);
                workerMetrics.recordConnectorStartup(false);
                if (offsetReader != null) {
                    offsetReader.close();
                }
                statusListener.onFailure(connName, t);
                onStateChange.onCompletion(new ConnectException("Failed to start connector: " + connName, t), null);
                return;
            }
            if (connectors.putIfAbsent(connName, workerConnector) != null) {
                workerConnector.cancel();
                workerConnector.removeMetrics();
                onStateChange.onCompletion(new ConnectException("Connector with name " + connName
                        + " already exists"), null);
                return;
            }
            workerMetrics.recordConnectorStartup(true);
            workerMetrics.connectorAdded(connName);
            workerConnector.transitionTo(initialState, onStateChange);
            threads.execute("connector-thread-" + connName, workerConnector);
            log.info("Finished creating connector {}", connName);
        }
    }

    public boolean isSinkConnector(String connName) {
        WorkerConnector workerConnector = connectors.get(connName);
        return workerConnector != null && workerConnector.isSinkConnector();
    }

    /**
     * Asks the connector for its task configs (at most {@code tasks.max}) and completes them with {@code task.class}
     * and, for sinks, the {@code topics}/{@code topics.regex} of the connector config.
     *
     * @throws TooManyTasksException if the connector generated too many and {@code tasks.max.enforce} is on; the
     *                               connector is then FAILED
     * @throws ConnectException      if the connector does not run on this worker
     */
    public List<Map<String, String>> connectorTaskConfigs(String connName, ConnectorConfig connConfig) {
        WorkerConnector workerConnector = connectors.get(connName);
        if (workerConnector == null) {
            throw new ConnectException("Connector " + connName + " not found in this worker.");
        }
        return ConnectorTaskConfigs.generate(plugins, workerConnector, connConfig);
    }

    public void stopAndAwaitConnector(String connName) {
        stopAndAwaitConnectors(List.of(connName));
    }

    /**
     * Shuts the connectors down and waits for all of them together at most 5 s; those still running then are
     * cancelled (they may keep holding resources; an error says so).
     */
    public void stopAndAwaitConnectors(Collection<String> connNames) {
        List<WorkerConnector> stopping = new ArrayList<>();
        for (String connName : connNames) {
            WorkerConnector workerConnector = connectors.get(connName);
            if (workerConnector == null) {
                log.warn("Ignoring stop request for connector {}: it does not run on this worker", connName);
                continue;
            }
            try (LoggingContext ignored = LoggingContext.forConnector(connName)) {
                log.info("Stopping connector {}", connName);
                workerConnector.shutdown();
            }
            stopping.add(workerConnector);
        }
        long deadline = time.milliseconds() + CONNECTOR_GRACEFUL_SHUTDOWN_TIMEOUT_MS;
        for (WorkerConnector workerConnector : stopping) {
            try (LoggingContext ignored = LoggingContext.forConnector(workerConnector.name())) {
                if (!workerConnector.awaitShutdown(Math.max(0, deadline - time.milliseconds()))) {
                    log.error("Connector '{}' failed to properly shut down, has become unresponsive, and may be "
                            + "consuming external resources. Correct the configuration for this connector or remove "
                            + "the connector. After fixing the connector, it may be necessary to restart this worker "
                            + "to release any consumed resources.", workerConnector.name());
                    workerConnector.cancel();
                } else {
                    log.debug("Graceful stop of connector {} succeeded", workerConnector.name());
                }
                workerConnector.removeMetrics();
                if (connectors.remove(workerConnector.name(), workerConnector)) {
                    workerMetrics.connectorRemoved(workerConnector.name());
                }
            }
        }
    }

    /**
     * Requests a target state for the connector (if it runs here) and for its tasks running here. STOPPED is not
     * sent to tasks: the herder removes them instead. The callback is completed by the connector's thread, or at
     * once if the connector does not run here.
     */
    public void setTargetState(String connName, TargetState state, Callback<TargetState> stateChangeCallback) {
        try (LoggingContext ignored = LoggingContext.forConnector(connName)) {
            log.info("Setting connector {} state to {}", connName, state);
            WorkerConnector workerConnector = connectors.get(connName);
            if (workerConnector != null) {
                workerConnector.transitionTo(state, stateChangeCallback);
            }
            if (state != TargetState.STOPPED) {
                tasks.forEach((id, built) -> {
                    if (id.connector().equals(connName)) {
                        built.task().transitionTo(state);
                    }
                });
            }
            if (workerConnector == null && stateChangeCallback != null) {
                stateChangeCallback.onCompletion(null, state);
            }
        }
    }

    public Set<String> connectorNames() {
        return Set.copyOf(connectors.keySet());
    }

    /** Whether the connector runs on this worker and is started (not paused, stopped or failed). */
    public boolean isRunning(String connName) {
        WorkerConnector workerConnector = connectors.get(connName);
        return workerConnector != null && workerConnector.isRunning();
    }

    /** The version of the connector instance on this worker, or null if it does not run here. */
    public String connectorVersion(String connName) {
        WorkerConnector workerConnector = connectors.get(connName);
        return workerConnector == null ? null : workerConnector.version();
    }

    // ---------------------------------------------------------------------------------------------- tasks

    /**
     * Creates a source task and starts it on its own thread; it is registered with the periodic offset committer.
     *
     * @return false if the task could not be created (its status is then FAILED with the cause)
     * @throws ConnectException if the task already runs on this worker
     */
    public boolean startSourceTask(ConnectorTaskId id, Map<String, String> connProps, Map<String, String> taskProps,
                                   TaskStatus.Listener statusListener, TargetState initialState) {
        return startTask(id, statusListener, () -> taskFactory.sourceTask(id, connProps, taskProps, statusListener,
                initialState));
    }

    /**
     * Creates a sink task and starts it on its own thread.
     *
     * @return false if the task could not be created (its status is then FAILED with the cause)
     * @throws ConnectException if the task already runs on this worker
     */
    public boolean startSinkTask(ConnectorTaskId id, Map<String, String> connProps, Map<String, String> taskProps,
                                 TaskStatus.Listener statusListener, TargetState initialState) {
        return startTask(id, statusListener, () -> taskFactory.sinkTask(id, connProps, taskProps, statusListener,
                initialState));
    }

    private boolean startTask(ConnectorTaskId id, TaskStatus.Listener statusListener,
                              Supplier<WorkerTaskFactory.BuiltTask> factory) {
        try (LoggingContext ignored = LoggingContext.forTask(id)) {
            log.info("Creating task {}", id);
            if (tasks.containsKey(id)) {
                throw new ConnectException("Task already exists in this worker: " + id);
            }
            WorkerTaskFactory.BuiltTask built;
            try {
                built = factory.get();
            } catch (Throwable t) {
                log.error("Failed to start task {}", id, t);
                workerMetrics.recordTaskStartup(false);
                statusListener.onFailure(id, t);
                return false;
            }
            if (tasks.putIfAbsent(id, built) != null) {
                built.task().cancel();
                built.removeMetrics();
                throw new ConnectException("Task already exists in this worker: " + id);
            }
            workerMetrics.recordTaskStartup(true);
            threads.execute("task-thread-" + id, built.task());
            if (built.task() instanceof WorkerSourceTask sourceTask) {
                offsetCommitter.schedule(id, sourceTask);
            }
            return true;
        }
    }

    public void stopAndAwaitTask(ConnectorTaskId id) {
        stopAndAwaitTasks(List.of(id));
    }

    /**
     * Asks the tasks to stop, then waits for all of them together at most {@code task.shutdown.graceful.timeout.ms};
     * those still running then are cancelled. The tasks are forgotten either way.
     */
    public void stopAndAwaitTasks(Collection<ConnectorTaskId> ids) {
        List<ConnectorTaskId> stopping = new ArrayList<>();
        for (ConnectorTaskId id : ids) {
            WorkerTaskFactory.BuiltTask built = tasks.get(id);
            if (built == null) {
                log.warn("Ignoring stop request for task {}: it does not run on this worker", id);
                continue;
            }
            try (LoggingContext ignored = LoggingContext.forTask(id)) {
                log.info("Stopping task {}", id);
                if (built.task() instanceof WorkerSourceTask) {
                    offsetCommitter.remove(id);
                }
                built.task().stop();
            }
            stopping.add(id);
        }
        long timeoutMs = config.getLong(WorkerConfig.TASK_SHUTDOWN_GRACEFUL_TIMEOUT_MS_CONFIG);
        long deadline = time.milliseconds() + timeoutMs;
        for (ConnectorTaskId id : stopping) {
            WorkerTaskFactory.BuiltTask built = tasks.get(id);
            if (built == null) {
                continue;
            }
            try (LoggingContext ignored = LoggingContext.forTask(id)) {
                if (!built.task().awaitStop(Math.max(0, deadline - time.milliseconds()))) {
                    log.error("Graceful stop of task {} failed: it did not stop within {} ms. It is cancelled and "
                            + "may still hold resources.", id, timeoutMs);
                    built.task().cancel();
                } else {
                    log.debug("Graceful stop of task {} succeeded", id);
                }
                built.removeMetrics();
                tasks.remove(id, built);
            }
        }
    }

    public Set<ConnectorTaskId> taskIds() {
        return Set.copyOf(tasks.keySet());
    }

    /** The status of each task on this worker, as its {@code status} metric shows it. */
    private Map<ConnectorTaskId, String> taskStatuses() {
        Map<ConnectorTaskId, String> statuses = new HashMap<>();
        tasks.forEach((id, built) -> statuses.put(id, built.task().taskMetrics().status()));
        return statuses;
    }

    /** The version of the task instance on this worker, or null if it does not run here. */
    public String taskVersion(ConnectorTaskId id) {
        WorkerTaskFactory.BuiltTask built = tasks.get(id);
        return built == null ? null : built.version();
    }

    // ---------------------------------------------------------------------------------------------- offsets

    /**
     * Reads the connector's offsets (sink: its consumer group's committed offsets; source: the offsets store) on a
     * worker thread and completes the callback with them.
     */
    public void connectorOffsets(String connName, Map<String, String> connProps, Callback<ConnectorOffsets> cb) {
        runForConnector("connector-offsets-" + connName, connName, cb,
                () -> offsetsManager.offsets(connName, connProps));
    }

    /**
     * Alters ({@code offsets} non-null) or resets ({@code offsets} null) the offsets of a stopped connector on a
     * worker thread and completes the callback with the message for the REST response. Malformed offsets fail the
     * callback with a {@code BadRequestException}.
     */
    public void modifyConnectorOffsets(String connName, Map<String, String> connProps,
                                       Map<Map<String, ?>, Map<String, ?>> offsets, Callback<Message> cb) {
        runForConnector("connector-offsets-" + connName, connName, cb,
                () -> offsetsManager.modifyOffsets(connName, connProps, offsets));
    }

    private <T> void runForConnector(String threadName, String connName, Callback<T> cb, Supplier<T> work) {
        threads.execute(threadName, () -> {
            T result;
            try (LoggingContext ignored = LoggingContext.forConnector(connName)) {
                result = work.get();
            } catch (Throwable t) {
                log.error("Offsets request for connector {} failed", connName, t);
                cb.onCompletion(t, null);
                return;
            }
            cb.onCompletion(null, result);
        });
    }

    @Override
    public String toString() {
        return "Worker{id=" + workerId + ", connectors=" + new TreeSet<>(connectors.keySet()) + ", tasks="
                + new TreeSet<>(tasks.keySet()) + '}';
    }
}
