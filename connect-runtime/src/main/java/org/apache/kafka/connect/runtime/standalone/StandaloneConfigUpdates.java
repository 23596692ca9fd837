package org.apache.kafka.connect.runtime.standalone;

import org.apache.kafka.connect.runtime.TargetState;
import org.apache.kafka.connect.runtime.Worker;
import org.apache.kafka.connect.storage.ConfigBackingStore;
import org.apache.kafka.connect.storage.StatusBackingStore;
import org.apache.kafka.connect.util.Callback;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The standalone herder's reactions to config changes, made as a worker reacts to records read from the config
 * topic: start, restart or stop a connector, apply a target state. Called on the writer's thread; each reaction
 * takes the herder lock (the writer usually holds it already). A connector config written through
 * {@link #putConnectorConfig} tells its writer how the start it triggered went.
 */
final class StandaloneConfigUpdates implements ConfigBackingStore.UpdateListener {

    private static final Logger log = LoggerFactory.getLogger(StandaloneConfigUpdates.class);

    private final StandaloneHerder herder;
    private final Worker worker;
    private final StandaloneTasks tasks;
    private final ConfigBackingStore configStore;
    private final StatusBackingStore statusStore;
    /** The writer waiting for the start its config triggers; guarded by the herder lock. */
    private final Map<String, Callback<TargetState>> pendingWrites = new HashMap<>();

    StandaloneConfigUpdates(StandaloneHerder herder, Worker worker, StandaloneTasks tasks,
                            ConfigBackingStore configStore, StatusBackingStore statusStore) {
        this.herder = herder;
        this.worker = worker;
        this.tasks = tasks;
        this.configStore = configStore;
        this.statusStore = statusStore;
    }

    /**
     * Stores a connector config, which (re)starts the connector. Called with the herder lock held.
     *
     * @param onStarted told when the connector reached its target state, or failed to
     */
    void putConnectorConfig(String connName, Map<String, String> config, TargetState targetState,
                            Callback<TargetState> onStarted) {
        pendingWrites.put(connName, onStarted);
        try {
            configStore.putConnectorConfig(connName, config, targetState);
        } finally {
            pendingWrites.remove(connName);
        }
    }

    @Override
    public void onConnectorConfigRemove(String connName) {
        synchronized (herder) {
            tasks.stopAndRemove(connName);
            worker.stopAndAwaitConnector(connName);
            herder.onDeletion(connName);
            // A connector created later under the same name starts with no recorded topics.
            statusStore.getAllTopics(connName).forEach(topic -> statusStore.deleteTopic(connName, topic.topic()));
        }
    }

    @Override
    public void onConnectorConfigUpdate(String connName) {
        synchronized (herder) {
            if (worker.connectorNames().contains(connName)) {
                worker.stopAndAwaitConnector(connName);
            }
            herder.startConnector(connName, pendingWrites.remove(connName));
        }
    }

    @Override
    public void onTaskConfigUpdate(Collection<ConnectorTaskId> taskIds) {
        // Nothing to do: the herder writes task configs itself, after stopping the tasks they replace.
    }

    @Override
    public void onConnectorTargetStateChange(String connName) {
        synchronized (herder) {
            TargetState state = configStore.snapshot().targetState(connName);
            worker.setTargetState(connName, state, (error, newState) -> {
                if (error != null) {
                    log.error("Failed to transition connector {} to target state {}", connName, state, error);
                } else if (newState == TargetState.STARTED) {
                    herder.requestTaskReconfiguration(connName);
                }
            });
        }
    }
}
