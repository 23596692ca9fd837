package org.apache.kafka.connect.storage;

import org.apache.kafka.connect.runtime.TargetState;
import org.apache.kafka.connect.runtime.distributed.ClusterConfigState;
import org.apache.kafka.connect.util.ConnectorTaskId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The standalone worker's config store: connectors live in memory only and are lost when the worker stops.
 * Thread-safe; the listener is called on the writer's thread after the change is visible, outside the store's lock.
 */
public class MemoryConfigBackingStore implements ConfigBackingStore {

    private final Map<String, ConnectorState> connectors = new HashMap<>();
    private volatile UpdateListener listener;

    /** Everything stored about one connector. */
    private static final class ConnectorState {
        Map<String, String> config;
        TargetState targetState;
        List<Map<String, String>> taskConfigs = List.of();
        Map<String, String> appliedConfig;

        ConnectorState(Map<String, String> config, TargetState targetState) {
            this.config = config;
            this.targetState = targetState;
        }
    }

    @Override
    public void start() {
    }

    @Override
    public void stop() {
    }

    @Override
    public synchronized ClusterConfigState snapshot() {
        ClusterConfigState.Builder builder = new ClusterConfigState.Builder();
        connectors.forEach((name, state) ->
                builder.connector(name, state.config, state.targetState, state.taskConfigs, state.appliedConfig));
        return builder.build();
    }

    @Override
    public synchronized boolean contains(String connector) {
        return connectors.containsKey(connector);
    }

    @Override
    public void putConnectorConfig(String connector, Map<String, String> properties, TargetState targetState) {
        Objects.requireNonNull(properties, "properties");
        synchronized (this) {
            ConnectorState state = connectors.get(connector);
            Map<String, String> config = new HashMap<>(properties);
            if (state == null) {
                connectors.put(connector, new ConnectorState(config,
                        targetState != null ? targetState : TargetState.STARTED));
            } else {
                state.config = config;
                if (targetState != null) {
                    state.targetState = targetState;
                }
            }
        }
        // A target state given with the config takes effect when the connector (re)starts, as with the config topic.
        notify(l -> l.onConnectorConfigUpdate(connector));
    }

    @Override
    public void removeConnectorConfig(String connector) {
        synchronized (this) {
            if (connectors.remove(connector) == null) {
                return;
            }
        }
        notify(l -> l.onConnectorConfigRemove(connector));
    }

    @Override
    public void removeTaskConfigs(String connector) {
        putTaskConfigs(connector, List.of());
    }

    @Override
    public void putTaskConfigs(String connector, List<Map<String, String>> configs) {
        Set<ConnectorTaskId> updated = new LinkedHashSet<>();
        synchronized (this) {
            ConnectorState state = connectors.get(connector);
            if (state == null) {
                throw new IllegalArgumentException("Cannot put task configs for unknown connector " + connector);
            }
            int previousCount = state.taskConfigs.size();
            List<Map<String, String>> copies = new ArrayList<>(configs.size());
            for (Map<String, String> config : configs) {
                copies.add(new HashMap<>(config));
            }
            state.taskConfigs = List.copyOf(copies);
            state.appliedConfig = state.config;
            for (int task = 0; task < Math.max(previousCount, configs.size()); task++) {
                updated.add(new ConnectorTaskId(connector, task));
            }
        }
        notify(l -> l.onTaskConfigUpdate(updated));
    }

    @Override
    public void putTargetState(String connector, TargetState state) {
        Objects.requireNonNull(state, "state");
        synchronized (this) {
            ConnectorState current = connectors.get(connector);
            if (current == null) {
                throw new IllegalArgumentException("Cannot set the target state of unknown connector " + connector);
            }
            if (current.targetState == state) {
                return;
            }
            current.targetState = state;
        }
        notify(l -> l.onConnectorTargetStateChange(connector));
    }

    @Override
    public void refresh(long timeout, TimeUnit unit) {
        // Only this worker writes here: the snapshot is always current.
    }

    @Override
    public void setUpdateListener(UpdateListener listener) {
        this.listener = listener;
    }

    private void notify(Consumer<UpdateListener> event) {
        UpdateListener current = listener;
        if (current != null) {
            event.accept(current);
        }
    }
}
