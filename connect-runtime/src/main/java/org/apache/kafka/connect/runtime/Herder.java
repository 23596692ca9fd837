package org.apache.kafka.connect.runtime;

import org.apache.kafka.connect.runtime.distributed.InternalRequestSignature;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.runtime.rest.entities.ActiveTopicsInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.runtime.rest.entities.ConfigKeyInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffsets;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.rest.entities.Message;
import org.apache.kafka.connect.runtime.rest.entities.PluginInfo;
import org.apache.kafka.connect.runtime.rest.entities.TaskInfo;
import org.apache.kafka.connect.util.Callback;
import org.apache.kafka.connect.util.ConnectorTaskId;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The control plane of a worker: owns the set of connectors and their target states, decides what the local
 * {@link Worker} runs, and answers the REST layer. Standalone and distributed modes implement it; the REST resources
 * depend only on this interface.
 *
 * <p>Asynchronous operations complete their {@link Callback} exactly once, possibly on another thread. Failures use
 * the exception types REST maps to HTTP statuses: {@link org.apache.kafka.connect.errors.NotFoundException} (404),
 * {@link org.apache.kafka.connect.errors.AlreadyExistsException} (409),
 * {@link org.apache.kafka.connect.runtime.rest.errors.BadRequestException} (400),
 * {@link org.apache.kafka.connect.runtime.rest.errors.ConnectRestException} (its own status), anything else 500.
 * A distributed herder answers requests it cannot serve locally with a
 * {@code org.apache.kafka.connect.runtime.distributed.NotLeaderException}-style failure the REST layer forwards.
 */
public interface Herder {

    void start();

    void stop();

    boolean isRunning();

    /** Completes when the worker has finished start-up (standalone: command-line connectors created). */
    boolean isReady();

    /** Liveness check for {@code GET /health}: completes when the herder is able to process requests. */
    void healthCheck(Callback<Void> callback);

    /** Names of all configured connectors, from the local config snapshot (never fails with 409). */
    Collection<String> connectors();

    void connectors(Callback<Collection<String>> callback);

    void connectorInfo(String connName, Callback<ConnectorInfo> callback);

    /** The raw (unresolved) stored config. */
    void connectorConfig(String connName, Callback<Map<String, String>> callback);

    /**
     * Create or replace a connector. The callback receives whether it was created (201) or updated (200).
     *
     * @param targetState initial target state for a new connector, or {@code null} for STARTED
     */
    void putConnectorConfig(String connName, Map<String, String> config, TargetState targetState, boolean allowReplace,
                            Callback<Created<ConnectorInfo>> callback);

    /** Merge {@code configPatch} into the existing config; {@code null} values remove keys (KIP-477). */
    void patchConnectorConfig(String connName, Map<String, String> configPatch, Callback<Created<ConnectorInfo>> callback);

    void deleteConnectorConfig(String connName, Callback<Created<ConnectorInfo>> callback);

    /** Asked by a connector (through its context) to regenerate its task configs. */
    void requestTaskReconfiguration(String connName);

    void taskConfigs(String connName, Callback<List<TaskInfo>> callback);

    /**
     * Internal endpoint (distributed): a follower publishes task configs through the leader.
     *
     * @param requestSignature the request's signature, null if it carried none; checked while the group runs the
     *                         {@code sessioned} protocol
     */
    void putTaskConfigs(String connName, List<Map<String, String>> configs, Callback<Void> callback,
                        InternalRequestSignature requestSignature);

    /**
     * Internal endpoint (distributed, KIP-618): fence out the producers of the source connector's earlier task
     * generations, on the leader.
     *
     * @param requestSignature as for {@link #putTaskConfigs}
     */
    void fenceZombieSourceTasks(String connName, Callback<Void> callback, InternalRequestSignature requestSignature);

    /**
     * {@code PUT /admin/loggers/{name}?scope=cluster}: set the level of a logger namespace on every worker of the
     * cluster (standalone: this worker).
     */
    void setClusterLoggerLevel(String namespace, String level);

    ConnectorStateInfo connectorStatus(String connName);

    ConnectorStateInfo.TaskState taskStatus(ConnectorTaskId id);

    ActiveTopicsInfo connectorActiveTopics(String connName);

    void resetConnectorActiveTopics(String connName);

    /** Validate a connector config; the result carries the errors (see {@code ConfigInfos}). */
    void validateConnectorConfig(Map<String, String> connectorConfig, Callback<ConfigInfos> callback);

    void restartTask(ConnectorTaskId id, Callback<Void> callback);

    void restartConnector(String connName, Callback<Void> callback);

    /** KIP-745 restart; the callback receives the plan (entities to restart shown as RESTARTING). */
    void restartConnectorAndTasks(RestartRequest request, Callback<ConnectorStateInfo> callback);

    void stopConnector(String connName, Callback<Void> callback);

    void pauseConnector(String connName);

    void resumeConnector(String connName);

    void connectorOffsets(String connName, Callback<ConnectorOffsets> callback);

    void alterConnectorOffsets(String connName, Map<Map<String, ?>, Map<String, ?>> offsets, Callback<Message> callback);

    void resetConnectorOffsets(String connName, Callback<Message> callback);

    /** Installed plugins for {@code GET /connector-plugins}, in REST order. */
    List<PluginInfo> connectorPlugins(boolean connectorsOnly);

    /** Config definitions of a plugin (connector keys first for connectors); {@code versionSpec} may be null. */
    List<ConfigKeyInfo> connectorPluginConfig(String pluginName, String versionSpec);

    Plugins plugins();

    String kafkaClusterId();

    /** {@code host:port} identifying this worker in statuses. */
    String workerId();

    /** A value with a flag saying whether the operation created it (HTTP 201) or updated it (200). */
    record Created<T>(boolean created, T result) {
    }
}
