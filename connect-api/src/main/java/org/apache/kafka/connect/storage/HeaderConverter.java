package org.apache.kafka.connect.storage;

import org.apache.kafka.common.Configurable;
import org.apache.kafka.common.annotation.InterfaceAudience;
import org.apache.kafka.connect.components.ConnectPlugin;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;

import java.io.Closeable;

/**
 * Translates header values between Connect's data model and the bytes of Kafka record headers.
 */
@InterfaceAudience.Public
public interface HeaderConverter extends Configurable, Closeable, ConnectPlugin {

    /**
     * Deserializes the bytes of one header.
     *
     * @return the header's schema and value; null or {@code SchemaAndValue.NULL} for none
     */
    SchemaAndValue toConnectHeader(String topic, String headerKey, byte[] value);

    /**
     * Serializes one header value.
     *
     * @return the bytes, or null
     */
    byte[] fromConnectHeader(String topic, String headerKey, Schema schema, Object value);

    @Override
    default String version() {
        return "undefined";
    }
}
