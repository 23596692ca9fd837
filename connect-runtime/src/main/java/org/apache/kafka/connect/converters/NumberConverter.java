package org.apache.kafka.connect.converters;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.ConverterType;
import org.apache.kafka.connect.storage.HeaderConverter;

import java.util.Map;

/**
 * Common base of the converters that store one fixed-width number with Kafka's own number serdes.
 * <p>
 * Writing accepts {@code null} or exactly the boxed type {@code T} (a {@code Short} is not widened to a
 * {@code Long}); the schema is not consulted. Reading yields the optional schema of that type.
 *
 * @param <T> the boxed number type this converter handles
 */
abstract class NumberConverter<T extends Number> implements Converter, HeaderConverter {

    private final String typeName;
    private final Class<T> type;
    private final Schema readSchema;
    private final Serializer<T> serializer;
    private final Deserializer<T> deserializer;

    /**
     * @param typeName     the lower-case type name used in error messages, e.g. {@code "short"}
     * @param type         the only value class accepted when writing
     * @param readSchema   the optional schema returned when reading
     * @param serializer   the Kafka serializer for {@code T}
     * @param deserializer the Kafka deserializer for {@code T}
     */
    NumberConverter(String typeName, Class<T> type, Schema readSchema,
                    Serializer<T> serializer, Deserializer<T> deserializer) {
        this.typeName = typeName;
        this.type = type;
        this.readSchema = readSchema;
        this.serializer = serializer;
        this.deserializer = deserializer;
    }

    @Override
    public String version() {
        return AppInfoParser.getVersion();
    }

    @Override
    public ConfigDef config() {
        return NumberConverterConfig.configDef();
    }

    @Override
    public void configure(Map<String, ?> configs) {
        NumberConverterConfig config = new NumberConverterConfig(configs);
        boolean isKey = config.type() == ConverterType.KEY;
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        configure(ConverterTypes.withKeyOrValueType(configs, isKey));
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        T number;
        try {
            number = type.cast(value);
        } catch (ClassCastException e) {
            throw new DataException("Failed to serialize to " + typeName + " (was " + value.getClass() + "): ", e);
        }
        return serializer.serialize(topic, number);
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        try {
            return new SchemaAndValue(readSchema, deserializer.deserialize(topic, value));
        } catch (SerializationException e) {
            throw new DataException("Failed to deserialize " + typeName + ": ", e);
        }
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
        serializer.close();
        deserializer.close();
    }
}
