package org.apache.kafka.connect.source;

import org.apache.kafka.common.annotation.InterfaceAudience;
import org.apache.kafka.connect.connector.ConnectorContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * The context given to a {@link SourceConnector}.
 */
@InterfaceAudience.Public
public interface SourceConnectorContext extends ConnectorContext {

    /**
     * @return a reader of the offsets the connector's tasks committed, e.g. to plan task assignments
     */
    OffsetStorageReader offsetStorageReader();
}
