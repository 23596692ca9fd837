package org.apache.kafka.connect.sink;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.annotation.InterfaceAudience;
import org.apache.kafka.connect.connector.Connector;

import java.util.Map;

/**
 * A connector that exports records from Kafka topics to another system.
 */
@InterfaceAudience.Public
public abstract class SinkConnector extends Connector {

    /**
     * The configuration key listing the topics to consume; the runtime passes it on to the connector.
     */
    public static final String TOPICS_CONFIG = "topics";

    @Override
    protected SinkConnectorContext context() {
        return (SinkConnectorContext) context;
    }

    /**
     * Invoked when a user alters or resets the connector's consumer offsets, so the connector can update any state
     * of its own. Connectors may throw (e.g. {@link UnsupportedOperationException}) to refuse the request.
     *
     * @param connectorConfig the connector's configuration
     * @param offsets         the new offset per partition; a null offset means the offset is reset
     * @return whether the connector acknowledged the change; by default it does not
     */
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<TopicPartition, Long> offsets) {
        return false;
    }
}
