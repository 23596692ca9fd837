package org.apache.kafka.connect.storage;

import org.apache.kafka.common.annotation.InterfaceAudience;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;

import java.util.HashMap;
import java.util.Map;

/**
 * Converts any value to its {@code toString()} text in a configurable character set ({@code converter.encoding},
 * UTF-8 by default) and reads bytes back as an optional string. Works as key, value and header converter.
 *
 * <p>Encoding is delegated to Kafka's string serde, so their {@code key.}/{@code value.}-prefixed encoding settings
 * also apply and take precedence over {@code converter.encoding}.
 */
@InterfaceAudience.Public
public class StringConverter implements Converter, HeaderConverter {

    private static final String SERIALIZER_ENCODING = "serializer.encoding";
    private static final String DESERIALIZER_ENCODING = "deserializer.encoding";

    private final StringSerializer serializer = new StringSerializer();
    private final StringDeserializer deserializer = new StringDeserializer();

    public StringConverter() {
    }

    @Override
    public String version() {
        return AppInfoParser.getVersion();
    }

    @Override
    public ConfigDef config() {
        return StringConverterConfig.configDef();
    }

    /**
     * Configures the converter; {@code converter.type} is required and decides whether key settings apply.
     */
    @Override
    public void configure(Map<String, ?> configs) {
        StringConverterConfig config = new StringConverterConfig(configs);
        boolean isKey = config.type() == ConverterType.KEY;

        Map<String, Object> serializerConfigs = new HashMap<>(configs);
        serializerConfigs.put(SERIALIZER_ENCODING, config.encoding());
        serializer.configure(serializerConfigs, isKey);

        Map<String, Object> deserializerConfigs = new HashMap<>(configs);
        deserializerConfigs.put(DESERIALIZER_ENCODING, config.encoding());
        deserializer.configure(deserializerConfigs, isKey);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Map<String, Object> withType = new HashMap<>(configs);
        withType.put(ConverterConfig.TYPE_CONFIG, (isKey ? ConverterType.KEY : ConverterType.VALUE).getName());
        configure(withType);
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        return value == null ? null : serializer.serialize(topic, value.toString());
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        return new SchemaAndValue(Schema.OPTIONAL_STRING_SCHEMA, deserializer.deserialize(topic, value));
    }

    @Override
    public byte[] fromConnectHeader(String topic, String headerKey, Schema schema, Object value) {
        return fromConnectData(topic, schema, value);
    }

    @Override
    public SchemaAndValue toConnectHeader(String topic, String headerKey, byte[] value) {
        return toConnectData(topic, value);
    }

    @Override
    public void close() {
        // Kafka's string serde holds no resources.
    }
}
