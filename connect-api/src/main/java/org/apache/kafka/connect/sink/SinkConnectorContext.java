package org.apache.kafka.connect.sink;

import org.apache.kafka.common.annotation.InterfaceAudience;
import org.apache.kafka.connect.connector.ConnectorContext;

/**
 * The context given to a {@link SinkConnector}; it adds nothing yet but leaves room for sink-specific features.
 */
@InterfaceAudience.Public
public interface SinkConnectorContext extends ConnectorContext {
}
