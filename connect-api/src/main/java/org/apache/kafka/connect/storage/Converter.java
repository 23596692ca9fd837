package org.apache.kafka.connect.storage;

import org.apache.kafka.common.annotation.InterfaceAudience;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.connect.components.ConnectPlugin;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;

/**
 * Translates record keys or values between Connect's data model and the bytes stored in Kafka.
 */
@InterfaceAudience.Public
public interface Converter extends Closeable, ConnectPlugin {

    /**
     * Configures this instance.
     *
     * @param configs the converter's configuration
     * @param isKey   whether it converts keys (true) or values (false)
     */
    void configure(Map<String, ?> configs, boolean isKey);

    /**
     * Serializes a Connect value.
     *
     * @return the serialized bytes, or null (e.g. for a null value)
     */
    byte[] fromConnectData(String topic, Schema schema, Object value);

    /**
     * Serializes a Connect value, with access to the Kafka headers being written (to add to them, e.g. a schema
     * id). By default the headers are ignored.
     */
    default byte[] fromConnectData(String topic, Headers headers, Schema schema, Object value) {
        return fromConnectData(topic, schema, value);
    }

    /**
     * Deserializes bytes into a Connect value and its schema.
     */
    SchemaAndValue toConnectData(String topic, byte[] value);

    /**
     * Deserializes bytes with access to the record's Kafka headers. By default the headers are ignored.
     */
    default SchemaAndValue toConnectData(String topic, Headers headers, byte[] value) {
        return toConnectData(topic, value);
    }

    @Override
    default ConfigDef config() {
        return new ConfigDef();
    }

    @Override
    default void close() throws IOException {
    }

    @Override
    default String version() {
        return "undefined";
    }
}
