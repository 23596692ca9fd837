package org.apache.kafka.connect.storage;

import org.apache.kafka.common.annotation.InterfaceAudience;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Values;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The default header converter: writes a header value as the UTF-8 bytes of its {@link Values} text form and reads
 * header bytes back with {@link Values#parseString(String)}, which infers the schema from the text. Numbers, booleans,
 * arrays, maps and ISO dates therefore round-trip with a schema; anything else becomes a string.
 */
@InterfaceAudience.Public
public class SimpleHeaderConverter implements HeaderConverter {

    private static final ConfigDef CONFIG_DEF = new ConfigDef();

    public SimpleHeaderConverter() {
    }

    @Override
    public String version() {
        return AppInfoParser.getVersion();
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    /** There is nothing to configure. */
    @Override
    public void configure(Map<String, ?> configs) {
    }

    /**
     * @return {@link SchemaAndValue#NULL} for null bytes, a null reference for the text {@code null}, else the parsed
     *         text
     */
    @Override
    public SchemaAndValue toConnectHeader(String topic, String headerKey, byte[] value) {
        if (value == null) {
            return SchemaAndValue.NULL;
        }
        return Values.parseString(new String(value, StandardCharsets.UTF_8));
    }

    /** @return the UTF-8 bytes of the value's text form (the schema is not consulted), or null for a null value */
    @Override
    public byte[] fromConnectHeader(String topic, String headerKey, Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        return Values.convertToString(schema, value).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
    }
}
