package org.apache.kafka.connect.health;

import org.apache.kafka.common.annotation.InterfaceAudience;

import java.util.Collection;
import java.util.Map;

/**
 * A read-only view of the Connect cluster's connectors, offered to REST extensions.
 */
@InterfaceAudience.Public
public interface ConnectClusterState {

    /**
     * @return the names of the connectors currently deployed
     */
    Collection<String> connectors();

    /**
     * @return the current state of the named connector and its tasks
     */
    ConnectorHealth connectorHealth(String connName);

    /**
     * @return the named connector's configuration
     */
    default Map<String, String> connectorConfig(String connName) {
        throw new UnsupportedOperationException();
    }

    default ConnectClusterDetails clusterDetails() {
        throw new UnsupportedOperationException();
    }
}
