package org.apache.kafka.connect.source;

import org.apache.kafka.common.annotation.InterfaceAudience;
import org.apache.kafka.connect.connector.Connector;

import java.util.Map;

/**
 * A connector that imports data from another system into Kafka.
 */
@InterfaceAudience.Public
public abstract class SourceConnector extends Connector {

    @Override
    protected SourceConnectorContext context() {
        return (SourceConnectorContext) context;
    }

    /**
     * Tells whether the connector can provide exactly-once semantics with the given configuration.
     *
     * @return SUPPORTED or UNSUPPORTED; null (the default) means the connector does not say
     */
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return null;
    }

    /**
     * Tells whether the connector's tasks can define transaction boundaries with the given configuration.
     */
    public ConnectorTransactionBoundaries canDefineTransactionBoundaries(Map<String, String> connectorConfig) {
        return ConnectorTransactionBoundaries.UNSUPPORTED;
    }

    /**
     * Invoked when a user alters or resets the connector's offsets, so the connector can check or apply them.
     * Connectors may throw (e.g. {@link UnsupportedOperationException}) to refuse the request.
     *
     * @param connectorConfig the connector's configuration
     * @param offsets         the new offset per source partition; a null offset means the offset is reset
     * @return whether the connector acknowledged the change; by default it does not
     */
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        return false;
    }
}
