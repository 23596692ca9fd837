package org.apache.kafka.connect.runtime.distributed;

import org.apache.kafka.connect.runtime.TargetState;
import org.apache.kafka.connect.runtime.WorkerConfigTransformer;
import org.apache.kafka.connect.util.ConnectorTaskId;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable snapshot of the configured connectors: their configs and target states, their committed task configs,
 * and the config-store position it was taken at. Herders read everything they decide from one snapshot, so a
 * decision never mixes two versions of the configuration.
 *
 * <p>Configs are kept raw (as submitted, with config-provider placeholders). A snapshot given the worker's
 * {@link WorkerConfigTransformer} ({@link #withConfigTransformer}) resolves them in {@link #connectorConfig} and
 * {@link #taskConfig}, on every call, so every (re)start reads current secrets; those are what the worker gets.
 * Everything shown over REST must come from the {@code raw*} accessors.
 */
public class ClusterConfigState {

    /** Offset of a snapshot of a store that has no log position (standalone, or nothing read yet). */
    public static final long NO_OFFSET = -1;

    public static final ClusterConfigState EMPTY = new ClusterConfigState(NO_OFFSET, Map.of(), Map.of(), Map.of(),
            Map.of(), Set.of(), Map.of());

    private final long offset;
    private final Map<String, Integer> connectorTaskCounts;
    private final Map<String, Map<String, String>> connectorConfigs;
    private final Map<String, TargetState> connectorTargetStates;
    private final Map<ConnectorTaskId, Map<String, String>> taskConfigs;
    private final Set<String> inconsistentConnectors;
    private final Map<String, Map<String, String>> appliedConnectorConfigs;
    private final WorkerConfigTransformer configTransformer;

    /**
     * @param offset                  position of the config store this snapshot reflects
     * @param connectorTaskCounts     number of committed tasks per connector
     * @param connectorConfigs        raw connector configs
     * @param connectorTargetStates   target state per connector
     * @param taskConfigs             raw committed task configs
     * @param inconsistentConnectors  connectors whose last task-config commit was incomplete
     * @param appliedConnectorConfigs per connector, the connector config in force when its task configs were written
     */
    public ClusterConfigState(long offset,
                              Map<String, Integer> connectorTaskCounts,
                              Map<String, Map<String, String>> connectorConfigs,
                              Map<String, TargetState> connectorTargetStates,
                              Map<ConnectorTaskId, Map<String, String>> taskConfigs,
                              Set<String> inconsistentConnectors,
                              Map<String, Map<String, String>> appliedConnectorConfigs) {
        this.offset = offset;
        this.connectorTaskCounts = Map.copyOf(connectorTaskCounts);
        this.connectorConfigs = deepCopy(connectorConfigs);
        this.connectorTargetStates = Map.copyOf(connectorTargetStates);
        this.taskConfigs = deepCopy(taskConfigs);
        this.inconsistentConnectors = Set.copyOf(inconsistentConnectors);
        this.appliedConnectorConfigs = deepCopy(appliedConnectorConfigs);
        this.configTransformer = null;
    }

    private ClusterConfigState(ClusterConfigState source, WorkerConfigTransformer configTransformer) {
        this.offset = source.offset;
        this.connectorTaskCounts = source.connectorTaskCounts;
        this.connectorConfigs = source.connectorConfigs;
        this.connectorTargetStates = source.connectorTargetStates;
        this.taskConfigs = source.taskConfigs;
        this.inconsistentConnectors = source.inconsistentConnectors;
        this.appliedConnectorConfigs = source.appliedConnectorConfigs;
        this.configTransformer = configTransformer;
    }

    /** The same snapshot, resolving placeholders with the given transformer ({@code null}: not at all). */
    public ClusterConfigState withConfigTransformer(WorkerConfigTransformer transformer) {
        return new ClusterConfigState(this, transformer);
    }

    // Connector configs may hold null values (a PATCH removes keys, but a raw config is allowed nulls), so no Map.copyOf.
    private static <K> Map<K, Map<String, String>> deepCopy(Map<K, Map<String, String>> source) {
        Map<K, Map<String, String>> copy = new HashMap<>();
        source.forEach((key, config) -> copy.put(key, Collections.unmodifiableMap(new HashMap<>(config))));
        return Collections.unmodifiableMap(copy);
    }

    /** Position in the config store this snapshot reflects, or {@link #NO_OFFSET}. */
    public long offset() {
        return offset;
    }

    public boolean contains(String connector) {
        return connectorConfigs.containsKey(connector);
    }

    /** Names of all configured connectors. */
    public Set<String> connectors() {
        return connectorConfigs.keySet();
    }

    /**
     * The connector config with placeholders resolved, or {@code null} if the connector is unknown. Values with a
     * provider TTL schedule a reload of the connector (see {@link WorkerConfigTransformer#transform(String, Map)}).
     */
    public Map<String, String> connectorConfig(String connector) {
        Map<String, String> raw = rawConnectorConfig(connector);
        return configTransformer == null || raw == null ? raw : configTransformer.transform(connector, raw);
    }

    /** The connector config as submitted, or {@code null} if the connector is unknown. */
    public Map<String, String> rawConnectorConfig(String connector) {
        return connectorConfigs.get(connector);
    }

    /** The target state, or {@code null} if the connector is unknown. */
    public TargetState targetState(String connector) {
        return connectorTargetStates.get(connector);
    }

    /** Number of committed tasks of the connector (0 if unknown or none). */
    public int taskCount(String connector) {
        return connectorTaskCounts.getOrDefault(connector, 0);
    }

    /** The connector's task ids in ascending order; empty if it has none or its task configs are inconsistent. */
    public List<ConnectorTaskId> tasks(String connector) {
        if (inconsistentConnectors.contains(connector)) {
            return List.of();
        }
        int count = taskCount(connector);
        List<ConnectorTaskId> ids = new ArrayList<>(count);
        for (int task = 0; task < count; task++) {
            ids.add(new ConnectorTaskId(connector, task));
        }
        return Collections.unmodifiableList(ids);
    }

    /** The task config with placeholders resolved, or {@code null} if there is none. */
    public Map<String, String> taskConfig(ConnectorTaskId id) {
        Map<String, String> raw = rawTaskConfig(id);
        return configTransformer == null || raw == null ? raw : configTransformer.transform(raw);
    }

    /** The task config as stored, or {@code null} if there is none. */
    public Map<String, String> rawTaskConfig(ConnectorTaskId id) {
        return taskConfigs.get(id);
    }

    /** The raw connector config in force when the connector's current task configs were written, or {@code null}. */
    public Map<String, String> appliedConnectorConfig(String connector) {
        return appliedConnectorConfigs.get(connector);
    }

    /** Connectors whose latest task configs are incomplete; they report no tasks until a consistent commit. */
    public Set<String> inconsistentConnectors() {
        return inconsistentConnectors;
    }

    @Override
    public String toString() {
        return "ClusterConfigState{offset=" + offset + ", connectorTaskCounts=" + connectorTaskCounts
                + ", targetStates=" + connectorTargetStates + ", inconsistentConnectors=" + inconsistentConnectors + '}';
    }

    /** Accumulates a snapshot; stores build one of these from their current state. Not thread-safe. */
    public static final class Builder {
        private long offset = NO_OFFSET;
        private final Map<String, Integer> taskCounts = new HashMap<>();
        private final Map<String, Map<String, String>> connectorConfigs = new HashMap<>();
        private final Map<String, TargetState> targetStates = new HashMap<>();
        private final Map<ConnectorTaskId, Map<String, String>> taskConfigs = new HashMap<>();
        private final Set<String> inconsistent = new HashSet<>();
        private final Map<String, Map<String, String>> appliedConfigs = new HashMap<>();

        public Builder offset(long offset) {
            this.offset = offset;
            return this;
        }

        /** Adds a connector with its config, target state and task configs (task i = element i). */
        public Builder connector(String name, Map<String, String> config, TargetState targetState,
                                 List<Map<String, String>> tasks, Map<String, String> appliedConfig) {
            connectorConfigs.put(name, config);
            targetStates.put(name, targetState);
            taskCounts.put(name, tasks.size());
            for (int task = 0; task < tasks.size(); task++) {
                taskConfigs.put(new ConnectorTaskId(name, task), tasks.get(task));
            }
            if (appliedConfig != null) {
                appliedConfigs.put(name, appliedConfig);
            }
            return this;
        }

        public Builder inconsistent(String connector) {
            inconsistent.add(connector);
            return this;
        }

        public ClusterConfigState build() {
            return new ClusterConfigState(offset, taskCounts, connectorConfigs, targetStates, taskConfigs,
                    inconsistent, appliedConfigs);
        }
    }
}
