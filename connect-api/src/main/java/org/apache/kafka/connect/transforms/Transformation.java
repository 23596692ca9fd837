package org.apache.kafka.connect.transforms;

import org.apache.kafka.common.Configurable;
import org.apache.kafka.common.annotation.InterfaceAudience;
import org.apache.kafka.connect.components.ConnectPlugin;
import org.apache.kafka.connect.connector.ConnectRecord;

import java.io.Closeable;

/**
 * A single message transformation (SMT): rewrites, or drops, one record at a time between the connector and
 * Kafka. Configured once, then applied to every record of a task.
 *
 * @param <R> the record type (source or sink record)
 */
@InterfaceAudience.Public
public interface Transformation<R extends ConnectRecord<R>> extends Configurable, Closeable, ConnectPlugin {

    /**
     * Transforms a record, typically into a new one created with {@link ConnectRecord#newRecord}.
     *
     * @return the transformed record, or null to drop it
     */
    R apply(R record);

    @Override
    default String version() {
        return "undefined";
    }

    @Override
    void close();
}
