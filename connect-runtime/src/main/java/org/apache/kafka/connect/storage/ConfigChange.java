package org.apache.kafka.connect.storage;

import org.apache.kafka.connect.runtime.RestartRequest;
import org.apache.kafka.connect.storage.ConfigRecord.SessionKeyUpdate;
import org.apache.kafka.connect.util.ConnectorTaskId;

import java.util.Objects;
import java.util.Set;

/**
 * A change that replaying a config-topic record made visible, to be told to the herder once the snapshot holding
 * it is published (see {@link ConfigLogReplay}). Immutable.
 */
public sealed interface ConfigChange {

    /** Tells the listener about this change. */
    void notify(Listener listener);

    /** Receives changes; extends the store listener with the kinds only a config topic carries. */
    interface Listener extends ConfigBackingStore.UpdateListener {

        void onSessionKeyUpdate(SessionKeyUpdate sessionKey);

        void onRestartRequest(RestartRequest request);

        void onLoggingLevelUpdate(String namespace, String level);
    }

    /** A connector was created or its config replaced. */
    record ConnectorConfigUpdated(String connector) implements ConfigChange {
        @Override
        public void notify(Listener listener) {
            listener.onConnectorConfigUpdate(connector);
        }
    }

    /** A connector was deleted. */
    record ConnectorConfigRemoved(String connector) implements ConfigChange {
        @Override
        public void notify(Listener listener) {
            listener.onConnectorConfigRemove(connector);
        }
    }

    /** Task configs were committed: the ids of the new task set and of tasks that no longer exist. */
    record TaskConfigsUpdated(Set<ConnectorTaskId> tasks) implements ConfigChange {
        public TaskConfigsUpdated {
            tasks = Set.copyOf(tasks);
        }

        @Override
        public void notify(Listener listener) {
            listener.onTaskConfigUpdate(tasks);
        }
    }

    /** The target state of an existing connector changed. */
    record TargetStateChanged(String connector) implements ConfigChange {
        @Override
        public void notify(Listener listener) {
            listener.onConnectorTargetStateChange(connector);
        }
    }

    /** A new session key was distributed. */
    record SessionKeyChanged(SessionKeyUpdate sessionKey) implements ConfigChange {
        public SessionKeyChanged {
            Objects.requireNonNull(sessionKey, "sessionKey");
        }

        @Override
        public void notify(Listener listener) {
            listener.onSessionKeyUpdate(sessionKey);
        }
    }

    /** A restart was requested; pending requests also coalesce in {@link ConfigLogReplay#drainRestartRequests()}. */
    record RestartRequested(RestartRequest request) implements ConfigChange {
        @Override
        public void notify(Listener listener) {
            listener.onRestartRequest(request);
        }
    }

    /** A cluster-wide logger level was set. */
    record LoggingLevelSet(String namespace, String level) implements ConfigChange {
        @Override
        public void notify(Listener listener) {
            listener.onLoggingLevelUpdate(namespace, level);
        }
    }
}
