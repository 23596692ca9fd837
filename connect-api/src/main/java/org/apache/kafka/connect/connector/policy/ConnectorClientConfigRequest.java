package org.apache.kafka.connect.connector.policy;

import org.apache.kafka.common.annotation.InterfaceAudience;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.health.ConnectorType;

import java.util.Map;

/**
 * The Kafka client properties a connector configuration tries to override, as presented to a
 * {@link ConnectorClientConfigOverridePolicy}.
 */
@InterfaceAudience.Public
public class ConnectorClientConfigRequest {

    private final String connectorName;
    private final ConnectorType connectorType;
    private final Class<? extends Connector> connectorClass;
    private final Map<String, Object> clientProps;
    private final ClientType clientType;

    public ConnectorClientConfigRequest(String connectorName,
                                        ConnectorType connectorType,
                                        Class<? extends Connector> connectorClass,
                                        Map<String, Object> clientProps,
                                        ClientType clientType) {
        this.connectorName = connectorName;
        this.connectorType = connectorType;
        this.connectorClass = connectorClass;
        this.clientProps = clientProps;
        this.clientType = clientType;
    }

    /**
     * @return the overriding client properties, with the client prefix
     *         ({@code producer.override.} etc.) already removed
     */
    public Map<String, Object> clientProps() {
        return clientProps;
    }

    /**
     * @return which of the connector's clients the properties are for
     */
    public ClientType clientType() {
        return clientType;
    }

    public String connectorName() {
        return connectorName;
    }

    public ConnectorType connectorType() {
        return connectorType;
    }

    public Class<? extends Connector> connectorClass() {
        return connectorClass;
    }

    /**
     * The Kafka clients the runtime creates on behalf of a connector.
     */
    public enum ClientType {
        PRODUCER, CONSUMER, ADMIN
    }
}
