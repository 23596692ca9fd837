package org.apache.kafka.connect.transforms.predicates;

import org.apache.kafka.common.Configurable;
import org.apache.kafka.common.annotation.InterfaceAudience;
import org.apache.kafka.connect.components.ConnectPlugin;
import org.apache.kafka.connect.connector.ConnectRecord;

/**
 * A condition on records deciding whether a transformation applies to them (configured with the
 * transformation's {@code predicate} and {@code negate} settings).
 *
 * @param <R> the record type (source or sink record)
 */
@InterfaceAudience.Public
public interface Predicate<R extends ConnectRecord<R>> extends Configurable, AutoCloseable, ConnectPlugin {

    @Override
    default String version() {
        return "undefined";
    }

    /**
     * @return whether the record satisfies the condition
     */
    boolean test(R record);

    @Override
    void close();
}
