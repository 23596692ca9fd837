package org.apache.kafka.connect.runtime.rest;

import org.apache.kafka.connect.health.ConnectClusterState;
import org.apache.kafka.connect.rest.ConnectRestExtensionContext;

import jakarta.ws.rs.core.Configurable;

/** What a REST extension gets in {@code register}: where to register its JAX-RS components, and the cluster view. */
public class ConnectRestExtensionContextImpl implements ConnectRestExtensionContext {

    private final Configurable<? extends Configurable<?>> configurable;
    private final ConnectClusterState clusterState;

    public ConnectRestExtensionContextImpl(Configurable<? extends Configurable<?>> configurable,
                                           ConnectClusterState clusterState) {
        this.configurable = configurable;
        this.clusterState = clusterState;
    }

    @Override
    public Configurable<? extends Configurable<?>> configurable() {
        return configurable;
    }

    @Override
    public ConnectClusterState clusterState() {
        return clusterState;
    }
}
