package org.apache.kafka.connect.health;

import org.apache.kafka.common.annotation.InterfaceAudience;

import java.util.Locale;

/**
 * Whether a connector imports data into Kafka (source) or exports it (sink).
 */
@InterfaceAudience.Public
public enum ConnectorType {
    SOURCE, SINK, UNKNOWN;

    /**
     * @return the lower-case name, as shown by the REST API
     */
    @Override
    public String toString() {
        return super.toString().toLowerCase(Locale.ROOT);
    }
}
