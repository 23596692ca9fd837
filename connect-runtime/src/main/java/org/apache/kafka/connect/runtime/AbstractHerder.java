package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.connector.ConnectorContext;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.NotFoundException;
import org.apache.kafka.connect.runtime.distributed.ClusterConfigState;
import org.apache.kafka.connect.runtime.isolation.PluginDesc;
import org.apache.kafka.connect.runtime.isolation.PluginType;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.runtime.rest.entities.ActiveTopicsInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.runtime.rest.entities.ConfigKeyInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorType;
import org.apache.kafka.connect.runtime.rest.entities.Message;
import org.apache.kafka.connect.runtime.rest.entities.PluginInfo;
import org.apache.kafka.connect.runtime.rest.errors.BadRequestException;
import org.apache.kafka.connect.runtime.rest.errors.ConnectRestException;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.storage.ConfigBackingStore;
import org.apache.kafka.connect.storage.StatusBackingStore;
import org.apache.kafka.connect.util.Callback;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What standalone and distributed herders share: turning the worker's status-listener calls into status-store
 * writes (runtime-behaviour §2.3), the read-only status views REST serves, config validation, the plugin list,
 * restart plans and connector-type detection.
 *
 * <p>Config providers. The herder owns the worker's {@link WorkerConfigTransformer}: configs are stored raw, and
 * {@link #configState()} is the snapshot whose {@code connectorConfig}/{@code taskConfig} resolve them, for handing
 * to the worker only. REST answers are built from the raw configs.
 *
 * <p>Status-listener methods run on connector and task threads; they only write to the (thread-safe) status store
 * and never take the herder's own locks.
 */
public abstract class AbstractHerder implements Herder, ConnectorStatus.Listener, TaskStatus.Listener {

    private static final Logger log = LoggerFactory.getLogger(AbstractHerder.class);

    /** REST order of plugin kinds in {@code GET /connector-plugins}. */
    private static final List<PluginType> LISTED_PLUGIN_TYPES = List.of(PluginType.SINK, PluginType.SOURCE,
            PluginType.TRANSFORMATION, PluginType.PREDICATE, PluginType.CONVERTER, PluginType.HEADER_CONVERTER);

    protected final Worker worker;
    protected final StatusBackingStore statusBackingStore;
    protected final ConfigBackingStore configBackingStore;
    private final String workerId;
    private final String kafkaClusterId;
    private final WorkerConfigTransformer configTransformer;
    private final ConnectorValidator validator;
    private final List<PluginInfo> plugins;
    private final ExecutorService validationExecutor;
    /** Shared with the admin REST endpoints, so that both keep one record of when each level was last changed. */
    private final Loggers loggers = Loggers.newInstance(Time.SYSTEM);

    protected AbstractHerder(Worker worker, String workerId, String kafkaClusterId,
                             StatusBackingStore statusBackingStore, ConfigBackingStore configBackingStore,
                             ConnectorClientConfigOverridePolicy overridePolicy) {
        this.worker = worker;
        this.workerId = workerId;
        this.kafkaClusterId = kafkaClusterId;
        this.statusBackingStore = statusBackingStore;
        this.configBackingStore = configBackingStore;
        this.configTransformer = WorkerConfigTransformer.create(worker.config(), worker.getPlugins(),
                this::scheduleConfigReload);
        this.validator = new ConnectorValidator(worker.getPlugins(), worker.config(), overridePolicy,
                configTransformer);
        this.plugins = listPlugins(worker.getPlugins());
        this.validationExecutor = Executors.newCachedThreadPool(daemonThreads("connector-config-validation-"));
    }

    /** Generation written with every status: the group generation, 0 in standalone mode. */
    protected abstract int generation();

    /** Starts the worker and the stores, in the order the herder needs them. */
    protected void startServices() {
        worker.start();
        statusBackingStore.start();
        configBackingStore.start();
    }

    /** Stops what {@link #startServices()} started, in reverse order, and the herder's own threads. */
    protected void stopServices() {
        validationExecutor.shutdownNow();
        configBackingStore.stop();
        statusBackingStore.stop();
        worker.stop();
        configTransformer.close();
    }

    /**
     * The current config snapshot, resolving config-provider variables in {@code connectorConfig} and
     * {@code taskConfig}: what the worker gets. Its {@code raw*} accessors are what REST shows.
     */
    protected ClusterConfigState configState() {
        return resolve(configBackingStore.snapshot());
    }

    /** {@code snapshot} with config-provider variables resolved in {@code connectorConfig} and {@code taskConfig}. */
    protected ClusterConfigState resolve(ClusterConfigState snapshot) {
        return snapshot.withConfigTransformer(configTransformer);
    }

    /**
     * Called when a connector's resolved config holds values a config provider gave a time to live, and the
     * connector's {@code config.action.reload} is {@code restart}: the herder should restart the connector after
     * that time (runtime-behaviour §12). This herder does not; subclasses that support reloads override it.
     */
    protected void scheduleConfigReload(String connName, String path, long ttlMs) {
        log.debug("Ignoring the {} ms time to live of config path {} of connector {}", ttlMs, path, connName);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Status listener: every observed state change becomes a status-store write.

    @Override
    public void onStartup(String connector) {
        statusBackingStore.put(connectorStatus(connector, AbstractStatus.State.RUNNING, null));
    }

    @Override
    public void onPause(String connector) {
        statusBackingStore.put(connectorStatus(connector, AbstractStatus.State.PAUSED, null));
    }

    @Override
    public void onResume(String connector) {
        statusBackingStore.put(connectorStatus(connector, AbstractStatus.State.RUNNING, null));
    }

    @Override
    public void onStop(String connector) {
        statusBackingStore.put(connectorStatus(connector, AbstractStatus.State.STOPPED, null));
    }

    @Override
    public void onFailure(String connector, Throwable cause) {
        statusBackingStore.putSafe(connectorStatus(connector, AbstractStatus.State.FAILED, trace(cause)));
    }

    @Override
    public void onShutdown(String connector) {
        statusBackingStore.putSafe(connectorStatus(connector, AbstractStatus.State.UNASSIGNED, null));
    }

    /** Deletion removes the statuses of the connector's tasks first, then the connector's own. */
    @Override
    public void onDeletion(String connector) {
        for (TaskStatus status : statusBackingStore.getAll(connector)) {
            onDeletion(status.id());
        }
        statusBackingStore.put(connectorStatus(connector, AbstractStatus.State.DESTROYED, null));
    }

    @Override
    public void onRestart(String connector) {
        statusBackingStore.put(connectorStatus(connector, AbstractStatus.State.RESTARTING, null));
    }

    @Override
    public void onStartup(ConnectorTaskId id) {
        statusBackingStore.put(taskStatus(id, AbstractStatus.State.RUNNING, null));
    }

    @Override
    public void onPause(ConnectorTaskId id) {
        statusBackingStore.put(taskStatus(id, AbstractStatus.State.PAUSED, null));
    }

    @Override
    public void onResume(ConnectorTaskId id) {
        statusBackingStore.put(taskStatus(id, AbstractStatus.State.RUNNING, null));
    }

    @Override
    public void onFailure(ConnectorTaskId id, Throwable cause) {
        statusBackingStore.putSafe(taskStatus(id, AbstractStatus.State.FAILED, trace(cause)));
    }

    @Override
    public void onShutdown(ConnectorTaskId id) {
        statusBackingStore.putSafe(taskStatus(id, AbstractStatus.State.UNASSIGNED, null));
    }

    @Override
    public void onDeletion(ConnectorTaskId id) {
        statusBackingStore.put(taskStatus(id, AbstractStatus.State.DESTROYED, null));
    }

    @Override
    public void onRestart(ConnectorTaskId id) {
        statusBackingStore.put(taskStatus(id, AbstractStatus.State.RESTARTING, null));
    }

    private ConnectorStatus connectorStatus(String connector, AbstractStatus.State state, String trace) {
        return new ConnectorStatus(connector, state, workerId, generation(), trace, worker.connectorVersion(connector));
    }

    private TaskStatus taskStatus(ConnectorTaskId id, AbstractStatus.State state, String trace) {
        return new TaskStatus(id, state, workerId, generation(), trace, worker.taskVersion(id));
    }

    private static String trace(Throwable cause) {
        return cause == null ? null : Utils.stackTrace(cause);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Read-only views

    @Override
    public ConnectorStateInfo connectorStatus(String connName) {
        ConnectorStatus connector = statusBackingStore.get(connName);
        if (connector == null) {
            throw new NotFoundException("No status found for connector " + connName);
        }
        List<ConnectorStateInfo.TaskState> tasks = statusBackingStore.getAll(connName).stream()
                .sorted(Comparator.comparing(TaskStatus::id))
                .map(AbstractHerder::taskState)
                .toList();
        return new ConnectorStateInfo(connName, connectorState(connector), tasks,
                connectorType(configBackingStore.snapshot().rawConnectorConfig(connName)));
    }

    @Override
    public ConnectorStateInfo.TaskState taskStatus(ConnectorTaskId id) {
        TaskStatus status = statusBackingStore.get(id);
        if (status == null) {
            throw new NotFoundException("No status found for task " + id);
        }
        return taskState(status);
    }

    private static ConnectorStateInfo.ConnectorState connectorState(ConnectorStatus status) {
        return new ConnectorStateInfo.ConnectorState(status.state().name(), status.workerId(), status.trace(),
                status.version());
    }

    private static ConnectorStateInfo.TaskState taskState(TaskStatus status) {
        return new ConnectorStateInfo.TaskState(status.id().task(), status.state().name(), status.workerId(),
                status.trace(), status.version());
    }

    @Override
    public ActiveTopicsInfo connectorActiveTopics(String connName) {
        if (!worker.config().topicTrackingEnable()) {
            throw new ConnectRestException(403, "Topic tracking is disabled.");
        }
        List<String> topics = statusBackingStore.getAllTopics(connName).stream()
                .map(TopicStatus::topic)
                .sorted()
                .toList();
        return new ActiveTopicsInfo(connName, topics);
    }

    @Override
    public void resetConnectorActiveTopics(String connName) {
        if (!worker.config().topicTrackingEnable()) {
            throw new ConnectRestException(403, "Topic tracking is disabled.");
        }
        if (!worker.config().topicTrackingResetEnable()) {
            throw new ConnectRestException(403, "Topic tracking reset is disabled.");
        }
        for (TopicStatus topic : statusBackingStore.getAllTopics(connName)) {
            statusBackingStore.deleteTopic(connName, topic.topic());
        }
    }

    /** The REST view of a stored connector; the caller checks that it exists. */
    protected ConnectorInfo connectorInfo(ClusterConfigState snapshot, String connName) {
        Map<String, String> config = snapshot.rawConnectorConfig(connName);
        return new ConnectorInfo(connName, config, snapshot.tasks(connName), connectorType(config));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Restart plans

    /**
     * The statuses a restart request will produce: what it restarts shows as RESTARTING (with the trace of the
     * status it replaces), the rest as it is now.
     *
     * @throws NotFoundException if the connector has no status yet
     */
    protected RestartPlan buildRestartPlan(RestartRequest request) {
        String connName = request.connectorName();
        ConnectorStatus connectorStatus = statusBackingStore.get(connName);
        if (connectorStatus == null) {
            throw new NotFoundException("Status for connector " + connName + " not found");
        }
        return planRestart(request, connectorStatus, statusBackingStore.getAll(connName),
                connectorType(configBackingStore.snapshot().rawConnectorConfig(connName)));
    }

    static RestartPlan planRestart(RestartRequest request, ConnectorStatus connectorStatus,
                                   Collection<TaskStatus> taskStatuses, ConnectorType type) {
        boolean restartConnector = request.shouldRestartConnector(connectorStatus);
        ConnectorStateInfo.ConnectorState connectorState = restartConnector
                ? new ConnectorStateInfo.ConnectorState(AbstractStatus.State.RESTARTING.name(),
                        connectorStatus.workerId(), connectorStatus.trace(), connectorStatus.version())
                : connectorState(connectorStatus);
        List<ConnectorTaskId> tasksToRestart = new ArrayList<>();
        List<ConnectorStateInfo.TaskState> taskStates = new ArrayList<>();
        taskStatuses.stream()
                .sorted(Comparator.comparing(TaskStatus::id))
                .forEach(task -> {
                    if (request.shouldRestartTask(task)) {
                        tasksToRestart.add(task.id());
                        // Apache keeps the trace of the status being replaced.
                        taskStates.add(new ConnectorStateInfo.TaskState(task.id().task(),
                                AbstractStatus.State.RESTARTING.name(), task.workerId(), task.trace(), task.version()));
                    } else {
                        taskStates.add(taskState(task));
                    }
                });
        ConnectorStateInfo plan = new ConnectorStateInfo(request.connectorName(), connectorState,
                List.copyOf(taskStates), type);
        return new RestartPlan(request, plan, restartConnector, List.copyOf(tasksToRestart));
    }

    /** A restart request resolved against the current statuses. */
    protected record RestartPlan(RestartRequest request, ConnectorStateInfo restartConnectorStateInfo,
                                 boolean shouldRestartConnector, List<ConnectorTaskId> taskIdsToRestart) {
        public boolean shouldRestartTasks() {
            return !taskIdsToRestart.isEmpty();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Offsets

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

    /**
     * Alters ({@code offsets} given) or resets ({@code null}) the offsets of a stopped connector.
     *
     * @param offsets partition to offset, never empty; null to reset every partition
     */
    protected abstract void modifyConnectorOffsets(String connName, Map<Map<String, ?>, Map<String, ?>> offsets,
                                                   Callback<Message> callback);

    // ---------------------------------------------------------------------------------------------------------
    // Validation and plugins

    @Override
    public void validateConnectorConfig(Map<String, String> connectorConfig, Callback<ConfigInfos> callback) {
        // Validation instantiates the connector and may call out to it, so it runs off the caller's (REST) thread.
        validationExecutor.submit(() -> {
            ConfigInfos result;
            try {
                result = validator.validate(connectorConfig);
            } catch (Throwable t) {
                callback.onCompletion(t, null);
                return;
            }
            callback.onCompletion(null, result);
        });
    }

    /**
     * Validates a config about to be stored: the callback gets a {@link BadRequestException} (400) listing every
     * error, or {@code null} if the config is valid.
     */
    protected void validateBeforeWrite(Map<String, String> config, Callback<Void> callback) {
        validateConnectorConfig(config, (error, infos) -> {
            if (error != null) {
                callback.onCompletion(asWriteValidationFailure(error), null);
            } else if (infos.errorCount() > 0) {
                callback.onCompletion(new BadRequestException(invalidConfigMessage(infos)), null);
            } else {
                callback.onCompletion(null, null);
            }
        });
    }

    // A connector class that cannot be loaded is the user's mistake: 400 when storing a config (4.1+).
    private static Throwable asWriteValidationFailure(Throwable error) {
        if (error instanceof ConnectException && !(error instanceof ConnectRestException)) {
            return new BadRequestException(error.getMessage(), error);
        }
        return error;
    }

    static String invalidConfigMessage(ConfigInfos infos) {
        StringBuilder message = new StringBuilder("Connector configuration is invalid and contains the following ")
                .append(infos.errorCount()).append(" error(s):");
        for (ConfigInfo config : infos.configs()) {
            if (config.value() != null && config.value().errors() != null) {
                for (String error : config.value().errors()) {
                    message.append('\n').append(error);
                }
            }
        }
        return message.append('\n')
                .append("You can also find the above list of errors at the endpoint "
                        + "`/connector-plugins/{connectorType}/config/validate`")
                .toString();
    }

    @Override
    public List<PluginInfo> connectorPlugins(boolean connectorsOnly) {
        if (!connectorsOnly) {
            return plugins;
        }
        return plugins.stream()
                .filter(plugin -> plugin.type().equals(PluginType.SINK.toString())
                        || plugin.type().equals(PluginType.SOURCE.toString()))
                .toList();
    }

    // Computed once: the installed plugins do not change while the worker runs.
    private static List<PluginInfo> listPlugins(Plugins plugins) {
        Set<PluginInfo> infos = new LinkedHashSet<>();
        for (PluginType type : LISTED_PLUGIN_TYPES) {
            for (PluginDesc<?> plugin : plugins.plugins(type)) {
                infos.add(new PluginInfo(plugin.className(), type.toString(), plugin.version()));
            }
        }
        return List.copyOf(infos);
    }

    @Override
    public List<ConfigKeyInfo> connectorPluginConfig(String pluginName, String versionSpec) {
        return validator.pluginConfig(pluginName, versionSpec);
    }

    /** {@code source}, {@code sink}, or {@code unknown} when the config is absent or its class cannot be loaded. */
    protected ConnectorType connectorType(Map<String, String> connectorConfig) {
        if (connectorConfig == null) {
            return ConnectorType.UNKNOWN;
        }
        String connectorClass = connectorConfig.get(ConnectorConfig.CONNECTOR_CLASS_CONFIG);
        if (connectorClass == null) {
            return ConnectorType.UNKNOWN;
        }
        try {
            Class<? extends Connector> klass = worker.getPlugins().connectorClass(connectorClass);
            if (SinkConnector.class.isAssignableFrom(klass)) {
                return ConnectorType.SINK;
            }
            if (SourceConnector.class.isAssignableFrom(klass)) {
                return ConnectorType.SOURCE;
            }
        } catch (RuntimeException | LinkageError e) {
            log.trace("Cannot determine the type of connector class {}", connectorClass, e);
        }
        return ConnectorType.UNKNOWN;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Simple accessors

    @Override
    public Collection<String> connectors() {
        return configBackingStore.snapshot().connectors();
    }

    @Override
    public Plugins plugins() {
        return worker.getPlugins();
    }

    @Override
    public String kafkaClusterId() {
        return kafkaClusterId;
    }

    @Override
    public String workerId() {
        return workerId;
    }

    /** The levels of this worker's loggers, as {@code /admin/loggers} shows and changes them. */
    public Loggers loggers() {
        return loggers;
    }

    /**
     * The context handed to a connector: task reconfiguration goes to the herder; a raised error fails the connector.
     */
    protected ConnectorContext connectorContext(String connName) {
        return new HerderConnectorContext(connName);
    }

    private final class HerderConnectorContext implements ConnectorContext {
        private final String connName;

        HerderConnectorContext(String connName) {
            this.connName = connName;
        }

        @Override
        public void requestTaskReconfiguration() {
            AbstractHerder.this.requestTaskReconfiguration(connName);
        }

        @Override
        public void raiseError(Exception e) {
            onFailure(connName, e);
        }

        /** The worker's context, which wraps this one, owns the connector's plugin metrics. */
        @Override
        public PluginMetrics pluginMetrics() {
            throw new UnsupportedOperationException("Plugin metrics are provided by the worker's connector context");
        }
    }

    /** The 404 for a connector the config does not know, as both herders and their helpers answer it. */
    public static NotFoundException connectorNotFound(String connName) {
        return new NotFoundException("Connector " + connName + " not found");
    }

    /** A thread factory for the herder's own daemon threads, numbered from 1. */
    protected static java.util.concurrent.ThreadFactory daemonThreads(String namePrefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, namePrefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Shuts an executor down and waits a little for running work to finish. */
    protected static void shutdownAndAwait(ExecutorService executor, long timeoutMs) {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS)) {
                log.warn("Herder executor did not terminate within {} ms", timeoutMs);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
