package org.apache.kafka.connect.storage;

import org.apache.kafka.connect.runtime.RestartRequest;
import org.apache.kafka.connect.storage.ConfigRecord.SessionKeyUpdate;
import org.apache.kafka.connect.util.ConnectorTaskId;

import java.util.Collection;
import java.util.Objects;

/**
 * Lets a plain {@link ConfigBackingStore.UpdateListener} listen to a config topic: connector and task changes are
 * passed on, the kinds only a config topic carries (session keys, restart requests, logger levels) are dropped.
 */
final class StoreListenerAdapter implements ConfigChange.Listener {

    private final ConfigBackingStore.UpdateListener delegate;

    StoreListenerAdapter(ConfigBackingStore.UpdateListener delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void onConnectorConfigRemove(String connector) {
        delegate.onConnectorConfigRemove(connector);
    }

    @Override
    public void onConnectorConfigUpdate(String connector) {
        delegate.onConnectorConfigUpdate(connector);
    }

    @Override
    public void onTaskConfigUpdate(Collection<ConnectorTaskId> tasks) {
        delegate.onTaskConfigUpdate(tasks);
    }

    @Override
    public void onConnectorTargetStateChange(String connector) {
        delegate.onConnectorTargetStateChange(connector);
    }

    @Override
    public void onSessionKeyUpdate(SessionKeyUpdate sessionKey) {
    }

    @Override
    public void onRestartRequest(RestartRequest request) {
    }

    @Override
    public void onLoggingLevelUpdate(String namespace, String level) {
    }
}
