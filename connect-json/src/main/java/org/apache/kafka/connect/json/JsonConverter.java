package org.apache.kafka.connect.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.ConverterConfig;
import org.apache.kafka.connect.storage.ConverterType;
import org.apache.kafka.connect.storage.HeaderConverter;

import java.util.HashMap;
import java.util.Map;

import static org.apache.kafka.connect.json.JsonSchema.ENVELOPE_PAYLOAD_FIELD;
import static org.apache.kafka.connect.json.JsonSchema.ENVELOPE_SCHEMA_FIELD;

/**
 * Converts Connect data to and from JSON, for record keys and values ({@link Converter}) and for headers
 * ({@link HeaderConverter}).
 * <p>
 * With {@code schemas.enable=true} (the default) every message is an envelope
 * {@code {"schema": <schema JSON>, "payload": <value JSON>}}, so the schema travels with the data; with
 * {@code schemas.enable=false} the message is the bare value and reading infers a schema-less value. When
 * {@code schema.content} is set (and schemas are enabled), messages are read as bare payloads of that schema.
 * A {@code null} message always maps to a {@code null} value, and a {@code null} schema-less value to {@code null}
 * bytes, so tombstones survive a round trip. See {@link JsonConverterConfig} for the other options.
 */
public class JsonConverter implements Converter, HeaderConverter {

    private static final String ENVELOPE_REQUIRED_MESSAGE = "JsonConverter with schemas.enable requires \"schema\" "
            + "and \"payload\" fields and may not contain additional fields. If you are trying to deserialize plain "
            + "JSON data, set schemas.enable=false in your converter configuration.";

    private final JsonSerializer serializer = new JsonSerializer();
    private final JsonDeserializer deserializer = new JsonDeserializer(true);

    private boolean schemasEnabled;
    private JsonValueWriter valueWriter;
    private JsonValueReader valueReader;
    private JsonSchemaTranslator schemaTranslator;
    /** The schema from {@code schema.content} that every message is read with, or {@code null} if unset. */
    private Schema fixedReadSchema;

    public JsonConverter() {
        this(true);
    }

    /**
     * @param enableBlackbirdModule accepted for compatibility and ignored: the Jackson Blackbird module speeds up
     *                              bean data binding, whereas this converter only uses Jackson's tree model
     */
    public JsonConverter(boolean enableBlackbirdModule) {
    }

    @Override
    public String version() {
        return AppInfoParser.getVersion();
    }

    @Override
    public ConfigDef config() {
        return JsonConverterConfig.configDef();
    }

    /** Configures this instance as a header converter, or with an explicit {@code converter.type}. */
    @Override
    public void configure(Map<String, ?> configs) {
        JsonConverterConfig config = new JsonConverterConfig(configs);
        JsonValueWriter writer = new JsonValueWriter(config.decimalFormat(), config.replaceNullWithDefault());
        JsonValueReader reader = new JsonValueReader(config.replaceNullWithDefault());
        JsonSchemaTranslator translator = new JsonSchemaTranslator(config.schemaCacheSize(), writer, reader);

        this.fixedReadSchema = parseSchemaContent(config.schemaContent(), translator);
        this.schemasEnabled = config.schemasEnabled();
        this.valueWriter = writer;
        this.valueReader = reader;
        this.schemaTranslator = translator;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Map<String, Object> withType = new HashMap<>(configs);
        withType.put(ConverterConfig.TYPE_CONFIG, (isKey ? ConverterType.KEY : ConverterType.VALUE).getName());
        configure(withType);
    }

    @Override
    public void close() {
        // Nothing to release: the serializer and deserializer hold no resources.
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
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        if (schema == null && value == null) {
            return null;
        }
        JsonNode json = schemasEnabled
                ? JsonSchema.envelope(schemaTranslator.toJson(schema), valueWriter.write(schema, value))
                : valueWriter.write(schema, value);
        try {
            return serializer.serialize(topic, json);
        } catch (SerializationException e) {
            throw new DataException("Converting Kafka Connect data to byte[] failed due to serialization error: ", e);
        }
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        if (value == null) {
            return SchemaAndValue.NULL;
        }
        JsonNode json;
        try {
            json = deserializer.deserialize(topic, value);
        } catch (SerializationException e) {
            throw new DataException("Converting byte[] to Kafka Connect data failed due to serialization error: ", e);
        }

        if (!schemasEnabled) {
            return new SchemaAndValue(null, valueReader.read(null, json));
        }
        if (fixedReadSchema != null) {
            return new SchemaAndValue(fixedReadSchema, valueReader.read(fixedReadSchema, json));
        }
        if (!isEnvelope(json)) {
            throw new DataException(ENVELOPE_REQUIRED_MESSAGE);
        }
        Schema schema = schemaTranslator.toConnect(json.get(ENVELOPE_SCHEMA_FIELD));
        return new SchemaAndValue(schema, valueReader.read(schema, json.get(ENVELOPE_PAYLOAD_FIELD)));
    }

    /**
     * @return the JSON form of a Connect schema, or {@code null} for a {@code null} schema; the result may be cached
     *         and shared, so callers must not modify it
     */
    public ObjectNode asJsonSchema(Schema schema) {
        return schemaTranslator.toJson(schema);
    }

    /**
     * @return the Connect schema described by a JSON schema, or {@code null} for JSON {@code null}
     * @throws DataException if the JSON does not describe a valid schema
     */
    public Schema asConnectSchema(JsonNode jsonSchema) {
        return schemaTranslator.toConnect(jsonSchema);
    }

    /** Exactly the two members {@code schema} and {@code payload}. */
    private static boolean isEnvelope(JsonNode json) {
        return json.isObject()
                && json.size() == 2
                && json.has(ENVELOPE_SCHEMA_FIELD)
                && json.has(ENVELOPE_PAYLOAD_FIELD);
    }

    private Schema parseSchemaContent(byte[] schemaContent, JsonSchemaTranslator translator) {
        if (schemaContent == null) {
            return null;
        }
        JsonNode json;
        try {
            json = deserializer.deserialize(null, schemaContent);
        } catch (SerializationException e) {
            throw new DataException("Failed to parse schema in converter config due to serialization error: ", e);
        }
        return translator.toConnect(json);
    }
}
