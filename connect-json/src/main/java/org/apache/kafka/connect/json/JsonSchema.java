package org.apache.kafka.connect.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The vocabulary of {@link JsonConverter}'s wire format: the envelope {@code {"schema": ..., "payload": ...}} used when
 * schemas are enabled, and the member and type names of the JSON form of a Connect schema.
 */
public class JsonSchema {

    static final String ENVELOPE_SCHEMA_FIELD = "schema";
    static final String ENVELOPE_PAYLOAD_FIELD = "payload";

    static final String TYPE_FIELD = "type";
    static final String OPTIONAL_FIELD = "optional";
    static final String NAME_FIELD = "name";
    static final String VERSION_FIELD = "version";
    static final String DOC_FIELD = "doc";
    static final String PARAMETERS_FIELD = "parameters";
    static final String DEFAULT_FIELD = "default";
    static final String ARRAY_ITEMS_FIELD = "items";
    static final String MAP_KEYS_FIELD = "keys";
    static final String MAP_VALUES_FIELD = "values";
    static final String STRUCT_FIELDS_FIELD = "fields";
    static final String STRUCT_FIELD_NAME_FIELD = "field";

    static final String BOOLEAN_TYPE = "boolean";
    static final String INT8_TYPE = "int8";
    static final String INT16_TYPE = "int16";
    static final String INT32_TYPE = "int32";
    static final String INT64_TYPE = "int64";
    static final String FLOAT_TYPE = "float";
    static final String DOUBLE_TYPE = "double";
    static final String BYTES_TYPE = "bytes";
    static final String STRING_TYPE = "string";
    static final String ARRAY_TYPE = "array";
    static final String MAP_TYPE = "map";
    static final String STRUCT_TYPE = "struct";

    public JsonSchema() {
    }

    /**
     * Wraps a schema and a payload into the envelope object; a Java {@code null} for either becomes JSON {@code null}.
     */
    public static ObjectNode envelope(JsonNode schema, JsonNode payload) {
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        envelope.set(ENVELOPE_SCHEMA_FIELD, schema);
        envelope.set(ENVELOPE_PAYLOAD_FIELD, payload);
        return envelope;
    }
}
