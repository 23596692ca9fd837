package org.apache.kafka.connect.rest;

import org.apache.kafka.common.annotation.InterfaceAudience;
import org.apache.kafka.connect.health.ConnectClusterState;

import jakarta.ws.rs.core.Configurable;

/**
 * What a {@link ConnectRestExtension} gets to work with: the JAX-RS configuration of Connect's REST server and a
 * view of the cluster.
 */
@InterfaceAudience.Public
public interface ConnectRestExtensionContext {

    /**
     * @return the JAX-RS configurable to register resources, filters and other providers with
     */
    Configurable<? extends Configurable<?>> configurable();

    /**
     * @return a read-only view of the cluster's connectors
     */
    ConnectClusterState clusterState();
}
