package org.apache.kafka.connect.storage;

import org.apache.kafka.connect.runtime.TargetState;
import org.apache.kafka.connect.runtime.distributed.ClusterConfigState;
import org.apache.kafka.connect.util.ConnectorTaskId;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where connector configs, target states and task configs are kept: in memory for standalone, in the config topic
 * for distributed. Readers work on immutable {@link #snapshot() snapshots}.
 *
 * <p>Writes return once they are visible in {@link #snapshot()} of this store. A store shared by several workers
 * (the config topic) also learns about other workers' writes; either way every change is reported to the
 * {@link UpdateListener} after it is visible in the snapshot. A topic-backed store calls the listener on its reader
 * thread; the in-memory store calls it on the writer's thread, before the write returns.
 */
public interface ConfigBackingStore {

    void start();

    void stop();

    /** The current configuration; never {@code null}. */
    ClusterConfigState snapshot();

    boolean contains(String connector);

    /**
     * Creates or replaces a connector's config.
     *
     * @param targetState the target state to set with it, or {@code null} to keep the current one (STARTED for a
     *                    new connector)
     */
    void putConnectorConfig(String connector, Map<String, String> properties, TargetState targetState);

    /** Removes a connector: its config, target state and task configs. */
    void removeConnectorConfig(String connector);

    /** Removes all task configs of a connector (its task count becomes 0). */
    void removeTaskConfigs(String connector);

    /** Replaces all task configs of a connector; task {@code i} gets element {@code i}. */
    void putTaskConfigs(String connector, List<Map<String, String>> configs);

    void putTargetState(String connector, TargetState state);

    /**
     * Catches up with writes made elsewhere (a no-op for stores only this worker writes).
     *
     * @throws TimeoutException if the store could not catch up in time
     */
    void refresh(long timeout, TimeUnit unit) throws TimeoutException;

    void setUpdateListener(UpdateListener listener);

    /** Told about changes once they are visible in the store's snapshot. */
    interface UpdateListener {

        void onConnectorConfigRemove(String connector);

        /** A connector was created or its config replaced. */
        void onConnectorConfigUpdate(String connector);

        /** Task configs were written; the ids are those of the new task set and of tasks that no longer exist. */
        void onTaskConfigUpdate(Collection<ConnectorTaskId> tasks);

        /** The target state of an existing connector changed. */
        void onConnectorTargetStateChange(String connector);
    }
}
