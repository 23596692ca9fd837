package org.apache.kafka.connect.storage;

import org.apache.kafka.connect.runtime.RestartRequest;
import org.apache.kafka.connect.runtime.TargetState;
import org.apache.kafka.connect.runtime.distributed.ClusterConfigState;
import org.apache.kafka.connect.storage.ConfigChange.ConnectorConfigRemoved;
import org.apache.kafka.connect.storage.ConfigChange.ConnectorConfigUpdated;
import org.apache.kafka.connect.storage.ConfigChange.LoggingLevelSet;
import org.apache.kafka.connect.storage.ConfigChange.RestartRequested;
import org.apache.kafka.connect.storage.ConfigChange.SessionKeyChanged;
import org.apache.kafka.connect.storage.ConfigChange.TargetStateChanged;
import org.apache.kafka.connect.storage.ConfigChange.TaskConfigsUpdated;
import org.apache.kafka.connect.storage.ConfigRecord.ConnectorConfig;
import org.apache.kafka.connect.storage.ConfigRecord.LoggerLevel;
import org.apache.kafka.connect.storage.ConfigRecord.RestartRequestRecord;
import org.apache.kafka.connect.storage.ConfigRecord.SessionKeyUpdate;
import org.apache.kafka.connect.storage.ConfigRecord.TargetStateUpdate;
import org.apache.kafka.connect.storage.ConfigRecord.TaskCommit;
import org.apache.kafka.connect.storage.ConfigRecord.TaskConfig;
import org.apache.kafka.connect.storage.ConfigRecord.TaskCountRecord;
import org.apache.kafka.connect.storage.ConfigRecord.Unreadable;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The state of the config topic, rebuilt by applying its records in log order (internal-topics.md §1, "reader
 * state machine"). Task configs stay deferred until a commit record covers them; a commit that finds some missing
 * marks the connector inconsistent instead.
 * <p>
 * {@link #apply} returns the changes a record made visible instead of calling a listener, so the owning store can
 * first publish a new {@link #snapshot()} and then tell the herder (listeners must see what they are told about).
 * Until {@link #markStarted()} - i.e. while the worker reads the topic at start-up - no changes are reported, and
 * restart requests and logger levels are dropped: they are commands meant for the workers running when they were
 * written. Not thread-safe; the store's reader thread owns it.
 */
public final class ConfigLogReplay {

    private static final Logger log = LoggerFactory.getLogger(ConfigLogReplay.class);

    /**
     * What the herder needs beyond {@link ClusterConfigState}: the session key, and the exactly-once bookkeeping
     * (task-count records, task config generations, connectors whose new tasks still need fencing). Immutable.
     */
    public record Snapshot(ClusterConfigState config,
                           SessionKeyUpdate sessionKey,
                           Map<String, Integer> taskCountRecords,
                           Map<String, Integer> taskConfigGenerations,
                           Set<String> connectorsPendingFencing) {
        public Snapshot {
            Objects.requireNonNull(config, "config");
            taskCountRecords = Map.copyOf(taskCountRecords);
            taskConfigGenerations = Map.copyOf(taskConfigGenerations);
            connectorsPendingFencing = Set.copyOf(connectorsPendingFencing);
        }
    }

    private final ConfigRecordCodec codec;
    private boolean started;
    private long offset = ClusterConfigState.NO_OFFSET;

    private final Map<String, Map<String, String>> connectorConfigs = new HashMap<>();
    private final Map<String, TargetState> targetStates = new HashMap<>();
    private final Map<String, Integer> taskCounts = new HashMap<>();
    private final Map<ConnectorTaskId, Map<String, String>> taskConfigs = new HashMap<>();
    private final Map<String, Map<Integer, Map<String, String>>> deferredTaskConfigs = new HashMap<>();
    private final Set<String> inconsistentConnectors = new HashSet<>();
    private final Map<String, Map<String, String>> appliedConnectorConfigs = new HashMap<>();
    private final Map<String, Integer> taskConfigGenerations = new HashMap<>();
    private final Map<String, Integer> taskCountRecords = new HashMap<>();
    private final Set<String> connectorsPendingFencing = new HashSet<>();
    private final Map<String, RestartRequest> pendingRestarts = new LinkedHashMap<>();
    private SessionKeyUpdate sessionKey;

    public ConfigLogReplay(ConfigRecordCodec codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /** Called once the start-up read reached the end of the topic; from then on changes are reported. */
    public void markStarted() {
        started = true;
    }

    public boolean started() {
        return started;
    }

    /** The offset after the last applied record (what workers compare in rebalances), or {@code NO_OFFSET}. */
    public long offset() {
        return offset;
    }

    /** Decodes and applies one consumed record; see {@link #apply(long, ConfigRecord)}. */
    public List<ConfigChange> apply(long recordOffset, String key, byte[] value) {
        return apply(recordOffset, codec.decode(key, value));
    }

    /**
     * Applies the record read at {@code recordOffset}.
     *
     * @return the changes to report, in order; empty before {@link #markStarted()}
     * @throws IllegalArgumentException if the record is not past the last applied one
     */
    public List<ConfigChange> apply(long recordOffset, ConfigRecord record) {
        if (recordOffset < offset) {
            throw new IllegalArgumentException("Config record at offset " + recordOffset
                    + " applied out of order; next expected offset is at least " + offset);
        }
        offset = recordOffset + 1;
        List<ConfigChange> changes = new ArrayList<>(1);
        if (record instanceof ConnectorConfig connector) {
            applyConnectorConfig(connector, changes);
        } else if (record instanceof TargetStateUpdate update) {
            applyTargetState(update, changes);
        } else if (record instanceof TaskConfig task) {
            deferredTaskConfigs.computeIfAbsent(task.id().connector(), c -> new HashMap<>())
                    .put(task.id().task(), task.properties());
        } else if (record instanceof TaskCommit commit) {
            applyCommit(commit, changes);
        } else if (record instanceof TaskCountRecord taskCount) {
            taskCountRecords.put(taskCount.connector(), taskCount.taskCount());
            connectorsPendingFencing.remove(taskCount.connector());
        } else if (record instanceof SessionKeyUpdate key) {
            sessionKey = key;
            changes.add(new SessionKeyChanged(key));
        } else if (record instanceof RestartRequestRecord restart) {
            applyRestartRequest(restart.request(), changes);
        } else if (record instanceof LoggerLevel logger) {
            if (started) {
                changes.add(new LoggingLevelSet(logger.namespace(), logger.level()));
            } else {
                log.debug("Ignoring cluster logger level {} for '{}' written before this worker started",
                        logger.level(), logger.namespace());
            }
        } else if (record instanceof Unreadable unreadable) {
            log.error("Ignoring config topic record at offset {} with key '{}': {}", recordOffset,
                    unreadable.key(), unreadable.reason());
        }
        return started ? changes : List.of();
    }

    private void applyConnectorConfig(ConnectorConfig record, List<ConfigChange> changes) {
        String connector = record.connector();
        if (record.isTombstone()) {
            log.debug("Removing connector {}", connector);
            connectorConfigs.remove(connector);
            taskCounts.remove(connector);
            taskConfigs.keySet().removeIf(id -> id.connector().equals(connector));
            deferredTaskConfigs.remove(connector);
            appliedConnectorConfigs.remove(connector);
            inconsistentConnectors.remove(connector);
            changes.add(new ConnectorConfigRemoved(connector));
            return;
        }
        connectorConfigs.put(connector, record.properties());
        // Very old workers wrote connectors without a target state record.
        targetStates.putIfAbsent(connector, TargetState.STARTED);
        changes.add(new ConnectorConfigUpdated(connector));
    }

    private void applyTargetState(TargetStateUpdate record, List<ConfigChange> changes) {
        String connector = record.connector();
        boolean exists = connectorConfigs.containsKey(connector);
        TargetState previous;
        if (!record.isTombstone()) {
            previous = targetStates.put(connector, record.state());
        } else if (exists) {
            // The tombstone came without (or before) the connector tombstone: the connector still runs, as STARTED.
            previous = targetStates.put(connector, TargetState.STARTED);
        } else {
            targetStates.remove(connector);
            return;
        }
        if (exists && previous != targetStates.get(connector)) {
            changes.add(new TargetStateChanged(connector));
        }
    }

    private void applyCommit(TaskCommit commit, List<ConfigChange> changes) {
        String connector = commit.connector();
        Map<Integer, Map<String, String>> deferred = deferredTaskConfigs.remove(connector);
        if (!connectorConfigs.containsKey(connector)) {
            log.debug("Ignoring task config commit for connector {}, which has been deleted", connector);
            return;
        }
        int newCount = commit.taskCount();
        int previousCount = taskCounts.getOrDefault(connector, 0);
        if (isComplete(deferred, newCount)) {
            taskConfigs.keySet().removeIf(id -> id.connector().equals(connector));
            for (int task = 0; task < newCount; task++) {
                taskConfigs.put(new ConnectorTaskId(connector, task), deferred.get(task));
            }
            taskConfigGenerations.merge(connector, 0, (generation, ignored) -> generation + 1);
            inconsistentConnectors.remove(connector);
            appliedConnectorConfigs.put(connector, connectorConfigs.get(connector));
        } else {
            log.error("Task config commit for connector {} names {} tasks but not all of their configs were read; "
                    + "the connector has no tasks until its task configs are written again", connector, newCount);
            inconsistentConnectors.add(connector);
        }
        taskCounts.put(connector, newCount);
        connectorsPendingFencing.add(connector);

        Set<ConnectorTaskId> affected = new HashSet<>();
        for (int task = 0; task < Math.max(newCount, previousCount); task++) {
            affected.add(new ConnectorTaskId(connector, task));
        }
        changes.add(new TaskConfigsUpdated(affected));
    }

    // Extra deferred ids beyond the count are allowed: compaction may keep task records of an older, larger set.
    private static boolean isComplete(Map<Integer, Map<String, String>> deferred, int taskCount) {
        for (int task = 0; task < taskCount; task++) {
            if (deferred == null || !deferred.containsKey(task)) {
                return false;
            }
        }
        return true;
    }

    private void applyRestartRequest(RestartRequest request, List<ConfigChange> changes) {
        if (!started) {
            log.debug("Ignoring restart request {} written before this worker started", request);
            return;
        }
        pendingRestarts.merge(request.connectorName(), request,
                (queued, incoming) -> incoming.compareTo(queued) > 0 ? incoming : queued);
        changes.add(new RestartRequested(request));
    }

    /** The pending restart requests, at most one per connector (the highest impact), in arrival order; clears them. */
    public List<RestartRequest> drainRestartRequests() {
        List<RestartRequest> requests = new ArrayList<>(pendingRestarts.values());
        pendingRestarts.clear();
        return requests;
    }

    /** The current state as immutable values. */
    public Snapshot snapshot() {
        ClusterConfigState config = new ClusterConfigState(offset, taskCounts, connectorConfigs, targetStates,
                taskConfigs, inconsistentConnectors, appliedConnectorConfigs);
        return new Snapshot(config, sessionKey, taskCountRecords, taskConfigGenerations, connectorsPendingFencing);
    }
}
