package org.apache.kafka.connect.source;

import org.apache.kafka.common.annotation.InterfaceAudience;

/**
 * A source connector's answer to whether its tasks can define their own transaction boundaries
 * ({@code transaction.boundary=connector}) for a given configuration.
 */
@InterfaceAudience.Public
public enum ConnectorTransactionBoundaries {
    SUPPORTED,
    UNSUPPORTED
}
