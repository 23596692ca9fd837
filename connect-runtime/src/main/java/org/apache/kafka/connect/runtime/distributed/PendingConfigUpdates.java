package org.apache.kafka.connect.runtime.distributed;

import org.apache.kafka.connect.runtime.RestartRequest;
import org.apache.kafka.connect.storage.ConfigChange;
import org.apache.kafka.connect.storage.ConfigRecord.SessionKeyUpdate;
import org.apache.kafka.connect.util.ConnectorTaskId;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Config-topic changes the distributed herder has not acted on yet (runtime-behaviour §5.2). The config store tells
 * them on its reader thread; the herder {@link #drain() drains} them on its own thread each tick. Whether a change
 * needs a rebalance is decided here, as it arrives, so that requests answered before the next tick already see it
 * (the 409 of rest-api.md §1.1). Thread-safe.
 */
final class PendingConfigUpdates implements ConfigChange.Listener {

    private final Predicate<String> knownConnector;
    private final Runnable wakeup;

    private final Set<String> connectorConfigUpdates = new HashSet<>();
    private final Set<String> targetStateChanges = new HashSet<>();
    private final Set<ConnectorTaskId> taskConfigUpdates = new HashSet<>();
    private final Map<String, String> loggerLevels = new LinkedHashMap<>();
    private SessionKeyUpdate sessionKey;
    private boolean restartRequested;
    /** A drained change needs a rebalance. */
    private boolean rebalanceRequired;
    /** Requests about connectors must wait for the next rebalance (409). */
    private volatile boolean staleConfig;

    /**
     * @param knownConnector whether the herder's current snapshot has the connector (a new one needs a rebalance)
     * @param wakeup         interrupts the herder's wait so it acts on the change
     */
    PendingConfigUpdates(Predicate<String> knownConnector, Runnable wakeup) {
        this.knownConnector = knownConnector;
        this.wakeup = wakeup;
    }

    @Override
    public void onConnectorConfigRemove(String connector) {
        synchronized (this) {
            requireRebalance();
            connectorConfigUpdates.add(connector);
        }
        wakeup.run();
    }

    @Override
    public void onConnectorConfigUpdate(String connector) {
        synchronized (this) {
            if (knownConnector.test(connector)) {
                connectorConfigUpdates.add(connector);
            } else {
                // A new connector: the rebalance assigns it, and its owner starts it with this config.
                requireRebalance();
            }
        }
        wakeup.run();
    }

    @Override
    public void onTaskConfigUpdate(Collection<ConnectorTaskId> tasks) {
        synchronized (this) {
            requireRebalance();
            taskConfigUpdates.addAll(tasks);
        }
        wakeup.run();
    }

    @Override
    public void onConnectorTargetStateChange(String connector) {
        synchronized (this) {
            targetStateChanges.add(connector);
        }
        wakeup.run();
    }

    @Override
    public void onSessionKeyUpdate(SessionKeyUpdate key) {
        synchronized (this) {
            sessionKey = key;
        }
        wakeup.run();
    }

    /** The request itself is kept (coalesced per connector) by the config store. */
    @Override
    public void onRestartRequest(RestartRequest request) {
        synchronized (this) {
            restartRequested = true;
        }
        wakeup.run();
    }

    @Override
    public void onLoggingLevelUpdate(String namespace, String level) {
        synchronized (this) {
            loggerLevels.remove(namespace);
            loggerLevels.put(namespace, level);
        }
        wakeup.run();
    }

    // Called with the monitor held.
    private void requireRebalance() {
        rebalanceRequired = true;
        staleConfig = true;
    }

    /** Whether a change arrived that the group has not rebalanced for yet; cleared by {@link #rebalanceCompleted()}. */
    boolean staleConfig() {
        return staleConfig;
    }

    /**
     * A rebalance completed. It covers the changes drained before it (the herder rejoined for them), but not those
     * still pending, which keep requests about connectors answered with 409.
     */
    synchronized void rebalanceCompleted() {
        staleConfig = rebalanceRequired;
    }

    /** Takes everything pending. */
    synchronized Updates drain() {
        Updates updates = new Updates(Set.copyOf(connectorConfigUpdates), Set.copyOf(targetStateChanges),
                Set.copyOf(taskConfigUpdates), sessionKey, restartRequested,
                loggerLevels.entrySet().stream().map(e -> new LoggerLevel(e.getKey(), e.getValue())).toList(),
                rebalanceRequired);
        rebalanceRequired = false;
        connectorConfigUpdates.clear();
        targetStateChanges.clear();
        taskConfigUpdates.clear();
        loggerLevels.clear();
        sessionKey = null;
        restartRequested = false;
        return updates;
    }

    /** What one {@link #drain()} took. */
    record Updates(Set<String> connectorConfigUpdates, Set<String> targetStateChanges,
                   Set<ConnectorTaskId> taskConfigUpdates, SessionKeyUpdate sessionKey, boolean restartRequested,
                   List<LoggerLevel> loggerLevels, boolean needsRebalance) {

        boolean isEmpty() {
            return !needsRebalance && connectorConfigUpdates.isEmpty() && targetStateChanges.isEmpty()
                    && taskConfigUpdates.isEmpty() && sessionKey == null && !restartRequested && loggerLevels.isEmpty();
        }

        /** The connectors whose task sets were replaced. */
        Set<String> connectorsWithNewTasks() {
            Set<String> connectors = new HashSet<>();
            for (ConnectorTaskId id : taskConfigUpdates) {
                connectors.add(id.connector());
            }
            return connectors;
        }
    }

    /** A cluster-scope logger level read from the config topic. */
    record LoggerLevel(String namespace, String level) {
    }
}
