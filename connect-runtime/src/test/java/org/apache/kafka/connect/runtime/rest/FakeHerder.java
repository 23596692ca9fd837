package org.apache.kafka.connect.runtime.rest;

import org.apache.kafka.connect.errors.AlreadyExistsException;
import org.apache.kafka.connect.errors.NotFoundException;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.RestartRequest;
import org.apache.kafka.connect.runtime.TargetState;
import org.apache.kafka.connect.runtime.distributed.InternalRequestSignature;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.runtime.rest.entities.ActiveTopicsInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.runtime.rest.entities.ConfigKeyInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigValueInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffsets;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorType;
import org.apache.kafka.connect.runtime.rest.entities.Message;
import org.apache.kafka.connect.runtime.rest.entities.PluginInfo;
import org.apache.kafka.connect.runtime.rest.entities.TaskInfo;
import org.apache.kafka.connect.runtime.rest.errors.BadRequestException;
import org.apache.kafka.connect.util.Callback;
import org.apache.kafka.connect.util.ConnectorTaskId;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory {@link Herder} for REST tests: connectors are plain config maps, each with {@code tasks.max} tasks
 * that are RUNNING unless a test says otherwise. A test can make any callback-based operation fail
 * ({@link #failWith}) or never complete ({@link #hang}) to check how REST reports it, and read what the internal
 * endpoints and cluster-scope logger changes handed to the herder. Thread-safe by synchronizing
 * every operation, as Jetty serves requests on several threads.
 */
public class FakeHerder implements Herder {

    public static final String WORKER_ID = "fake-worker:8083";
    public static final String CLUSTER_ID = "fake-cluster";

    private final Map<String, Map<String, String>> configs = new LinkedHashMap<>();
    private final Map<String, TargetState> targetStates = new HashMap<>();
    private final Map<String, String> connectorStates = new HashMap<>();
    private final Map<ConnectorTaskId, String> taskStates = new HashMap<>();
    private final Map<String, Map<Map<String, ?>, Map<String, ?>>> offsets = new HashMap<>();
    private final Map<String, Collection<String>> activeTopics = new HashMap<>();
    private final Map<String, Throwable> failures = new ConcurrentHashMap<>();
    private final Set<String> hanging = ConcurrentHashMap.newKeySet();
    private final List<RestartRequest> restartRequests = new ArrayList<>();
    private final List<InternalRequest> internalRequests = new ArrayList<>();
    private final List<List<String>> clusterLoggerLevels = new ArrayList<>();
    private volatile boolean ready = true;

    /** The next calls of {@code operation} (a Herder method name) complete with {@code error}. */
    public void failWith(String operation, Throwable error) {
        failures.put(operation, error);
    }

    /** Calls of {@code operation} never complete their callback. */
    public void hang(String operation) {
        hanging.add(operation);
    }

    public void ready(boolean ready) {
        this.ready = ready;
    }

    public synchronized void setTaskState(String connector, int task, String state) {
        taskStates.put(new ConnectorTaskId(connector, task), state);
    }

    public synchronized void setConnectorState(String connector, String state) {
        connectorStates.put(connector, state);
    }

    /** Drops the connector's status record, as if it had not been written yet. */
    public synchronized void forgetStatus(String connector) {
        connectorStates.remove(connector);
    }

    public synchronized void setActiveTopics(String connector, Collection<String> topics) {
        activeTopics.put(connector, topics);
    }

    public synchronized TargetState targetState(String connector) {
        return targetStates.get(connector);
    }

    public synchronized Map<String, String> storedConfig(String connector) {
        return configs.get(connector);
    }

    public synchronized Map<Map<String, ?>, Map<String, ?>> storedOffsets(String connector) {
        return offsets.get(connector);
    }

    public synchronized List<RestartRequest> restartRequests() {
        return List.copyOf(restartRequests);
    }

    /** The internal-endpoint operations this herder performed, in order. */
    public synchronized List<InternalRequest> internalRequests() {
        return List.copyOf(internalRequests);
    }

    /** The {@code [namespace, level]} pairs of the cluster-scope logger changes asked of this herder, in order. */
    public synchronized List<List<String>> clusterLoggerLevels() {
        return List.copyOf(clusterLoggerLevels);
    }

    /**
     * An internal-endpoint operation as the herder received it.
     *
     * @param taskConfigs the submitted task configs; null for zombie fencing
     * @param signature   the request's signature; null when it carried none
     */
    public record InternalRequest(String operation, String connector, List<Map<String, String>> taskConfigs,
                                  InternalRequestSignature signature) {
    }

    /** Completes {@code callback} with the configured failure, or not at all when hanging; else runs {@code op}. */
    private <T> void complete(String operation, Callback<T> callback, Operation<T> op) {
        if (hanging.contains(operation)) {
            return;
        }
        Throwable failure = failures.get(operation);
        if (failure != null) {
            callback.onCompletion(failure, null);
            return;
        }
        T result;
        try {
            synchronized (this) {
                result = op.run();
            }
        } catch (RuntimeException e) {
            callback.onCompletion(e, null);
            return;
        }
        callback.onCompletion(null, result);
    }

    private interface Operation<T> {
        T run();
    }

    private void requireConnector(String name, String message) {
        if (!configs.containsKey(name)) {
            throw new NotFoundException(message);
        }
    }

    @Override
    public void start() {
    }

    @Override
    public void stop() {
    }

    @Override
    public boolean isRunning() {
        return true;
    }

    @Override
    public boolean isReady() {
        return ready;
    }

    @Override
    public void healthCheck(Callback<Void> callback) {
        complete("healthCheck", callback, () -> null);
    }

    @Override
    public synchronized Collection<String> connectors() {
        return new ArrayList<>(configs.keySet());
    }

    @Override
    public void connectors(Callback<Collection<String>> callback) {
        complete("connectors", callback, this::connectors);
    }

    @Override
    public void connectorInfo(String connName, Callback<ConnectorInfo> callback) {
        complete("connectorInfo", callback, () -> {
            requireConnector(connName, "Connector " + connName + " not found");
            return info(connName);
        });
    }

    private ConnectorInfo info(String name) {
        List<ConnectorTaskId> tasks = new ArrayList<>();
        for (int i = 0; i < taskCount(name); i++) {
            tasks.add(new ConnectorTaskId(name, i));
        }
        return new ConnectorInfo(name, configs.get(name), tasks, typeOf(configs.get(name)));
    }

    private int taskCount(String name) {
        if (targetStates.get(name) == TargetState.STOPPED) {
            return 0;
        }
        return Integer.parseInt(configs.get(name).getOrDefault("tasks.max", "1"));
    }

    private static ConnectorType typeOf(Map<String, String> config) {
        String cls = config.getOrDefault("connector.class", "");
        return cls.contains("Sink") ? ConnectorType.SINK : cls.contains("Source") ? ConnectorType.SOURCE
                : ConnectorType.UNKNOWN;
    }

    @Override
    public void connectorConfig(String connName, Callback<Map<String, String>> callback) {
        complete("connectorConfig", callback, () -> {
            requireConnector(connName, "Connector " + connName + " not found");
            return configs.get(connName);
        });
    }

    @Override
    public void putConnectorConfig(String connName, Map<String, String> config, TargetState targetState,
                                   boolean allowReplace, Callback<Created<ConnectorInfo>> callback) {
        complete("putConnectorConfig", callback, () -> {
            validateForWrite(config);
            boolean exists = configs.containsKey(connName);
            if (exists && !allowReplace) {
                throw new AlreadyExistsException("Connector " + connName + " already exists");
            }
            store(connName, config, exists ? targetStates.get(connName)
                    : targetState == null ? TargetState.STARTED : targetState);
            return new Created<>(!exists, info(connName));
        });
    }

    private static void validateForWrite(Map<String, String> config) {
        String cls = config.get("connector.class");
        if (cls == null) {
            throw new BadRequestException("Connector config contains no connector type");
        }
        if (config.get("name") == null || config.get("name").isEmpty()) {
            throw new BadRequestException("Connector configuration is invalid and contains the following 1 error(s):\n"
                    + "Missing required configuration \"name\" which has no default value.\n"
                    + "You can also find the above list of errors at the endpoint "
                    + "`/connector-plugins/{connectorType}/config/validate`");
        }
    }

    private void store(String name, Map<String, String> config, TargetState state) {
        configs.put(name, new LinkedHashMap<>(config));
        targetStates.put(name, state);
        connectorStates.put(name, switch (state) {
            case STARTED -> "RUNNING";
            case PAUSED -> "PAUSED";
            case STOPPED -> "STOPPED";
        });
        taskStates.keySet().removeIf(id -> id.connector().equals(name));
        for (int i = 0; i < taskCount(name); i++) {
            taskStates.put(new ConnectorTaskId(name, i), state == TargetState.PAUSED ? "PAUSED" : "RUNNING");
        }
    }

    @Override
    public void patchConnectorConfig(String connName, Map<String, String> configPatch,
                                     Callback<Created<ConnectorInfo>> callback) {
        complete("patchConnectorConfig", callback, () -> {
            requireConnector(connName, "Connector " + connName + " not found");
            Map<String, String> patched = new LinkedHashMap<>(configs.get(connName));
            configPatch.forEach((key, value) -> {
                if (value == null) {
                    patched.remove(key);
                } else {
                    patched.put(key, value);
                }
            });
            validateForWrite(patched);
            store(connName, patched, targetStates.get(connName));
            return new Created<>(false, info(connName));
        });
    }

    @Override
    public void deleteConnectorConfig(String connName, Callback<Created<ConnectorInfo>> callback) {
        complete("deleteConnectorConfig", callback, () -> {
            requireConnector(connName, "Connector " + connName + " not found");
            ConnectorInfo info = info(connName);
            configs.remove(connName);
            targetStates.remove(connName);
            connectorStates.remove(connName);
            taskStates.keySet().removeIf(id -> id.connector().equals(connName));
            return new Created<>(false, info);
        });
    }

    @Override
    public void requestTaskReconfiguration(String connName) {
    }

    @Override
    public void taskConfigs(String connName, Callback<List<TaskInfo>> callback) {
        complete("taskConfigs", callback, () -> {
            requireConnector(connName, "Connector " + connName + " not found");
            List<TaskInfo> tasks = new ArrayList<>();
            for (int i = 0; i < taskCount(connName); i++) {
                Map<String, String> taskConfig = new LinkedHashMap<>(configs.get(connName));
                taskConfig.put("task.class", configs.get(connName).get("connector.class") + "Task");
                tasks.add(new TaskInfo(new ConnectorTaskId(connName, i), taskConfig));
            }
            return tasks;
        });
    }

    @Override
    public void putTaskConfigs(String connName, List<Map<String, String>> configs, Callback<Void> callback,
                               InternalRequestSignature requestSignature) {
        complete("putTaskConfigs", callback, () -> {
            requireConnector(connName, "Connector " + connName + " not found");
            internalRequests.add(new InternalRequest("putTaskConfigs", connName, configs, requestSignature));
            return null;
        });
    }

    @Override
    public void fenceZombieSourceTasks(String connName, Callback<Void> callback,
                                       InternalRequestSignature requestSignature) {
        complete("fenceZombieSourceTasks", callback, () -> {
            requireConnector(connName, "Connector " + connName + " not found");
            internalRequests.add(new InternalRequest("fenceZombieSourceTasks", connName, null, requestSignature));
            return null;
        });
    }

    @Override
    public synchronized void setClusterLoggerLevel(String namespace, String level) {
        clusterLoggerLevels.add(List.of(namespace, level));
    }

    @Override
    public synchronized ConnectorStateInfo connectorStatus(String connName) {
        if (!connectorStates.containsKey(connName)) {
            throw new NotFoundException("No status found for connector " + connName);
        }
        return statusOf(connName, false, false, false);
    }

    private ConnectorStateInfo statusOf(String name, boolean restartConnector, boolean includeTasks, boolean onlyFailed) {
        String connectorState = connectorStates.get(name);
        boolean connectorRestarts = restartConnector && (!onlyFailed || "FAILED".equals(connectorState));
        List<ConnectorStateInfo.TaskState> tasks = new ArrayList<>();
        taskStates.entrySet().stream()
                .filter(e -> e.getKey().connector().equals(name))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> {
                    boolean restarts = includeTasks && (!onlyFailed || "FAILED".equals(e.getValue()));
                    tasks.add(new ConnectorStateInfo.TaskState(e.getKey().task(), restarts ? "RESTARTING" : e.getValue(),
                            WORKER_ID, "FAILED".equals(e.getValue()) ? "java.lang.RuntimeException: boom" : null,
                            "1.0"));
                });
        return new ConnectorStateInfo(name,
                new ConnectorStateInfo.ConnectorState(connectorRestarts ? "RESTARTING" : connectorState, WORKER_ID,
                        null, "1.0"),
                tasks, typeOf(configs.getOrDefault(name, Map.of())));
    }

    @Override
    public synchronized ConnectorStateInfo.TaskState taskStatus(ConnectorTaskId id) {
        String state = taskStates.get(id);
        if (state == null) {
            throw new NotFoundException("No status found for task " + id);
        }
        return new ConnectorStateInfo.TaskState(id.task(), state, WORKER_ID, null, "1.0");
    }

    @Override
    public synchronized ActiveTopicsInfo connectorActiveTopics(String connName) {
        return new ActiveTopicsInfo(connName, activeTopics.getOrDefault(connName, List.of()));
    }

    @Override
    public synchronized void resetConnectorActiveTopics(String connName) {
        activeTopics.remove(connName);
    }

    @Override
    public void validateConnectorConfig(Map<String, String> connectorConfig, Callback<ConfigInfos> callback) {
        complete("validateConnectorConfig", callback, () -> {
            String cls = connectorConfig.get("connector.class");
            if (cls == null) {
                throw new BadRequestException("Connector config contains no connector type");
            }
            boolean missingTopics = cls.contains("Sink") && !connectorConfig.containsKey("topics");
            List<String> errors = missingTopics ? List.of("Must configure one of topics or topics.regex") : List.of();
            ConfigInfo topics = new ConfigInfo(
                    new ConfigKeyInfo("topics", "LIST", false, "", "HIGH", "List of topics to consume", "Common", 4,
                            "LONG", "Topics", List.of()),
                    new ConfigValueInfo("topics", connectorConfig.getOrDefault("topics", ""), List.of(), errors, true));
            return new ConfigInfos(cls, errors.size(), List.of("Common"), List.of(topics));
        });
    }

    @Override
    public void restartTask(ConnectorTaskId id, Callback<Void> callback) {
        complete("restartTask", callback, () -> {
            requireConnector(id.connector(), "Unknown connector: " + id.connector());
            if (!taskStates.containsKey(id)) {
                throw new NotFoundException("Unknown task: " + id);
            }
            taskStates.put(id, "RUNNING");
            return null;
        });
    }

    @Override
    public void restartConnector(String connName, Callback<Void> callback) {
        complete("restartConnector", callback, () -> {
            requireConnector(connName, "Unknown connector: " + connName);
            restartRequests.add(new RestartRequest(connName, false, false));
            return null;
        });
    }

    @Override
    public void restartConnectorAndTasks(RestartRequest request, Callback<ConnectorStateInfo> callback) {
        complete("restartConnectorAndTasks", callback, () -> {
            requireConnector(request.connectorName(), "Unknown connector: " + request.connectorName());
            restartRequests.add(request);
            return statusOf(request.connectorName(), true, request.includeTasks(), request.onlyFailed());
        });
    }

    @Override
    public void stopConnector(String connName, Callback<Void> callback) {
        complete("stopConnector", callback, () -> {
            requireConnector(connName, "Unknown connector " + connName);
            store(connName, configs.get(connName), TargetState.STOPPED);
            return null;
        });
    }

    @Override
    public synchronized void pauseConnector(String connName) {
        requireConnector(connName, "Unknown connector " + connName);
        store(connName, configs.get(connName), TargetState.PAUSED);
    }

    @Override
    public synchronized void resumeConnector(String connName) {
        requireConnector(connName, "Unknown connector " + connName);
        store(connName, configs.get(connName), TargetState.STARTED);
    }

    @Override
    public void connectorOffsets(String connName, Callback<ConnectorOffsets> callback) {
        complete("connectorOffsets", callback, () -> {
            requireConnector(connName, "Connector " + connName + " not found");
            List<ConnectorOffset> result = new ArrayList<>();
            offsets.getOrDefault(connName, Map.of()).forEach((partition, offset) ->
                    result.add(new ConnectorOffset(new HashMap<>(partition),
                            offset == null ? null : new HashMap<>(offset))));
            return new ConnectorOffsets(result);
        });
    }

    @Override
    public void alterConnectorOffsets(String connName, Map<Map<String, ?>, Map<String, ?>> newOffsets,
                                      Callback<Message> callback) {
        complete("alterConnectorOffsets", callback, () -> {
            requireStopped(connName);
            offsets.computeIfAbsent(connName, n -> new HashMap<>()).putAll(newOffsets);
            return new Message("The offsets for this connector have been altered successfully");
        });
    }

    @Override
    public void resetConnectorOffsets(String connName, Callback<Message> callback) {
        complete("resetConnectorOffsets", callback, () -> {
            requireStopped(connName);
            offsets.remove(connName);
            return new Message("The offsets for this connector have been reset successfully");
        });
    }

    private void requireStopped(String connName) {
        requireConnector(connName, "Connector " + connName + " not found");
        if (targetStates.get(connName) != TargetState.STOPPED) {
            throw new BadRequestException("Connectors must be in the STOPPED state before their offsets can be "
                    + "modified. This can be done for the specified connector by issuing a 'PUT' request to the "
                    + "'/connectors/" + connName + "/stop' endpoint");
        }
    }

    @Override
    public List<PluginInfo> connectorPlugins(boolean connectorsOnly) {
        List<PluginInfo> plugins = new ArrayList<>(List.of(
                new PluginInfo("org.example.FileSinkConnector", "sink", "1.0"),
                new PluginInfo("org.example.FileSourceConnector", "source", "undefined")));
        if (!connectorsOnly) {
            plugins.add(new PluginInfo("org.example.MyConverter", "converter", "2.0"));
        }
        return plugins;
    }

    @Override
    public List<ConfigKeyInfo> connectorPluginConfig(String pluginName, String versionSpec) {
        if (!pluginName.equals("FileSink") && !pluginName.equals("org.example.FileSinkConnector")) {
            throw new NotFoundException("Unknown plugin " + pluginName + ".");
        }
        if (versionSpec != null && !versionSpec.equals("1.0")) {
            throw new BadRequestException("Invalid version specification: " + versionSpec);
        }
        return List.of(new ConfigKeyInfo("file", "STRING", true, null, "HIGH", "The file", null, -1, "NONE",
                "file", List.of()));
    }

    @Override
    public Plugins plugins() {
        return null;
    }

    @Override
    public String kafkaClusterId() {
        return CLUSTER_ID;
    }

    @Override
    public String workerId() {
        return WORKER_ID;
    }
}
