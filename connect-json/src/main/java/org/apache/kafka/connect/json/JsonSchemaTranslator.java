package org.apache.kafka.connect.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.errors.DataException;

import java.util.Map;

import static org.apache.kafka.connect.json.JsonSchema.ARRAY_ITEMS_FIELD;
import static org.apache.kafka.connect.json.JsonSchema.ARRAY_TYPE;
import static org.apache.kafka.connect.json.JsonSchema.BOOLEAN_TYPE;
import static org.apache.kafka.connect.json.JsonSchema.BYTES_TYPE;
import static org.apache.kafka.connect.json.JsonSchema.DEFAULT_FIELD;
import static org.apache.kafka.connect.json.JsonSchema.DOC_FIELD;
import static org.apache.kafka.connect.json.JsonSchema.DOUBLE_TYPE;
import static org.apache.kafka.connect.json.JsonSchema.FLOAT_TYPE;
import static org.apache.kafka.connect.json.JsonSchema.INT16_TYPE;
import static org.apache.kafka.connect.json.JsonSchema.INT32_TYPE;
import static org.apache.kafka.connect.json.JsonSchema.INT64_TYPE;
import static org.apache.kafka.connect.json.JsonSchema.INT8_TYPE;
import static org.apache.kafka.connect.json.JsonSchema.MAP_KEYS_FIELD;
import static org.apache.kafka.connect.json.JsonSchema.MAP_TYPE;
import static org.apache.kafka.connect.json.JsonSchema.MAP_VALUES_FIELD;
import static org.apache.kafka.connect.json.JsonSchema.NAME_FIELD;
import static org.apache.kafka.connect.json.JsonSchema.OPTIONAL_FIELD;
import static org.apache.kafka.connect.json.JsonSchema.PARAMETERS_FIELD;
import static org.apache.kafka.connect.json.JsonSchema.STRING_TYPE;
import static org.apache.kafka.connect.json.JsonSchema.STRUCT_FIELDS_FIELD;
import static org.apache.kafka.connect.json.JsonSchema.STRUCT_FIELD_NAME_FIELD;
import static org.apache.kafka.connect.json.JsonSchema.STRUCT_TYPE;
import static org.apache.kafka.connect.json.JsonSchema.TYPE_FIELD;
import static org.apache.kafka.connect.json.JsonSchema.VERSION_FIELD;

/**
 * Translates schemas between Connect's model and their JSON form, e.g.
 * {@code {"type":"struct","fields":[{"type":"int32","optional":false,"field":"id"}],"optional":false,"name":"x.Y"}}.
 * <p>
 * Members are written in the order type, items/keys/values/fields, optional, name, version, doc, parameters,
 * default; a struct field's {@code "field"} name comes last. Reading is lenient about attributes of the wrong JSON
 * type (a non-boolean {@code optional} means required; a non-integer {@code version} is ignored) but strict about
 * the structure. Each direction keeps an LRU cache of top-level translations, so a record stream with a handful of
 * schemas translates each schema once.
 */
final class JsonSchemaTranslator {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonValueWriter defaultWriter;
    private final JsonValueReader defaultReader;
    private final LruCache<Schema, ObjectNode> toJsonCache;
    private final LruCache<JsonNode, Schema> toConnectCache;

    /**
     * @param cacheSize     capacity of each of the two caches; zero or less disables caching
     * @param defaultWriter writes default values into JSON schemas
     * @param defaultReader reads default values out of JSON schemas
     */
    JsonSchemaTranslator(int cacheSize, JsonValueWriter defaultWriter, JsonValueReader defaultReader) {
        this.defaultWriter = defaultWriter;
        this.defaultReader = defaultReader;
        this.toJsonCache = new LruCache<>(cacheSize);
        this.toConnectCache = new LruCache<>(cacheSize);
    }

    /**
     * @return the JSON form of the schema, or {@code null} for a {@code null} schema. The node may be shared with
     *         the cache and must not be modified.
     */
    ObjectNode toJson(Schema schema) {
        if (schema == null) {
            return null;
        }
        ObjectNode cached = toJsonCache.get(schema);
        if (cached != null) {
            return cached;
        }
        ObjectNode json = buildJson(schema);
        toJsonCache.put(schema, json);
        return json;
    }

    /**
     * @return the Connect schema described by the JSON, or {@code null} for JSON {@code null}
     * @throws DataException if the JSON does not describe a valid schema
     */
    Schema toConnect(JsonNode json) {
        if (json.isNull()) {
            return null;
        }
        Schema cached = toConnectCache.get(json);
        if (cached != null) {
            return cached;
        }
        Schema schema = buildConnect(json);
        toConnectCache.put(json, schema);
        return schema;
    }

    private ObjectNode buildJson(Schema schema) {
        ObjectNode json = NODES.objectNode();
        json.put(TYPE_FIELD, jsonTypeName(schema.type()));
        switch (schema.type()) {
            case ARRAY:
                json.set(ARRAY_ITEMS_FIELD, nestedJson(schema.valueSchema()));
                break;
            case MAP:
                json.set(MAP_KEYS_FIELD, nestedJson(schema.keySchema()));
                json.set(MAP_VALUES_FIELD, nestedJson(schema.valueSchema()));
                break;
            case STRUCT:
                json.set(STRUCT_FIELDS_FIELD, fieldsJson(schema));
                break;
            default:
                break;
        }
        json.put(OPTIONAL_FIELD, schema.isOptional());
        if (schema.name() != null) {
            json.put(NAME_FIELD, schema.name());
        }
        if (schema.version() != null) {
            json.put(VERSION_FIELD, schema.version());
        }
        if (schema.doc() != null) {
            json.put(DOC_FIELD, schema.doc());
        }
        if (schema.parameters() != null) {
            ObjectNode parameters = json.putObject(PARAMETERS_FIELD);
            for (Map.Entry<String, String> parameter : schema.parameters().entrySet()) {
                parameters.put(parameter.getKey(), parameter.getValue());
            }
        }
        if (schema.defaultValue() != null) {
            json.set(DEFAULT_FIELD, defaultWriter.write(schema, schema.defaultValue()));
        }
        return json;
    }

    private ArrayNode fieldsJson(Schema schema) {
        ArrayNode fields = NODES.arrayNode(schema.fields().size());
        for (Field field : schema.fields()) {
            ObjectNode fieldJson = buildJson(field.schema());
            fieldJson.put(STRUCT_FIELD_NAME_FIELD, field.name());
            fields.add(fieldJson);
        }
        return fields;
    }

    private ObjectNode nestedJson(Schema schema) {
        return schema == null ? null : buildJson(schema);
    }

    private static String jsonTypeName(Schema.Type type) {
        switch (type) {
            case FLOAT32:
                return FLOAT_TYPE;
            case FLOAT64:
                return DOUBLE_TYPE;
            default:
                // Every other JSON type name is Connect's own lower-case name.
                return type.getName();
        }
    }

    private Schema buildConnect(JsonNode json) {
        JsonNode typeNode = json.get(TYPE_FIELD);
        if (typeNode == null || !typeNode.isTextual()) {
            throw new DataException("Schema must contain 'type' field");
        }
        SchemaBuilder builder = builderFor(typeNode.textValue(), json);

        JsonNode optional = json.get(OPTIONAL_FIELD);
        if (optional != null && optional.isBoolean() && optional.booleanValue()) {
            builder.optional();
        } else {
            builder.required();
        }
        JsonNode name = json.get(NAME_FIELD);
        if (name != null && name.isTextual()) {
            builder.name(name.textValue());
        }
        JsonNode version = json.get(VERSION_FIELD);
        if (version != null && version.isInt()) {
            builder.version(version.intValue());
        }
        JsonNode doc = json.get(DOC_FIELD);
        if (doc != null && doc.isTextual()) {
            builder.doc(doc.textValue());
        }
        JsonNode parameters = json.get(PARAMETERS_FIELD);
        if (parameters != null && parameters.isObject()) {
            for (Map.Entry<String, JsonNode> parameter : parameters.properties()) {
                if (!parameter.getValue().isTextual()) {
                    throw new DataException("Schema parameters must have string values.");
                }
                builder.parameter(parameter.getKey(), parameter.getValue().textValue());
            }
        }
        JsonNode defaultValue = json.get(DEFAULT_FIELD);
        if (defaultValue != null) {
            // Read against the builder, which by now carries the name and parameters logical types depend on.
            builder.defaultValue(defaultReader.read(builder, defaultValue));
        }
        return builder.build();
    }

    private SchemaBuilder builderFor(String typeName, JsonNode json) {
        switch (typeName) {
            case BOOLEAN_TYPE:
                return SchemaBuilder.bool();
            case INT8_TYPE:
                return SchemaBuilder.int8();
            case INT16_TYPE:
                return SchemaBuilder.int16();
            case INT32_TYPE:
                return SchemaBuilder.int32();
            case INT64_TYPE:
                return SchemaBuilder.int64();
            case FLOAT_TYPE:
                return SchemaBuilder.float32();
            case DOUBLE_TYPE:
                return SchemaBuilder.float64();
            case BYTES_TYPE:
                return SchemaBuilder.bytes();
            case STRING_TYPE:
                return SchemaBuilder.string();
            case ARRAY_TYPE:
                return arrayBuilder(json);
            case MAP_TYPE:
                return mapBuilder(json);
            case STRUCT_TYPE:
                return structBuilder(json);
            default:
                throw new DataException("Unknown schema type: " + typeName);
        }
    }

    private SchemaBuilder arrayBuilder(JsonNode json) {
        JsonNode items = required(json, ARRAY_ITEMS_FIELD, "Array schema did not specify the element type");
        return SchemaBuilder.array(nestedConnect(items));
    }

    private SchemaBuilder mapBuilder(JsonNode json) {
        // Both members must be present before either is translated.
        JsonNode keys = required(json, MAP_KEYS_FIELD, "Map schema did not specify the key type");
        JsonNode values = required(json, MAP_VALUES_FIELD, "Map schema did not specify the value type");
        return SchemaBuilder.map(nestedConnect(keys), nestedConnect(values));
    }

    private static JsonNode required(JsonNode json, String member, String missingMessage) {
        JsonNode nested = json.get(member);
        if (nested == null) {
            throw new DataException(missingMessage);
        }
        return nested;
    }

    private Schema nestedConnect(JsonNode json) {
        return json.isNull() ? null : buildConnect(json);
    }

    private SchemaBuilder structBuilder(JsonNode json) {
        JsonNode fields = json.get(STRUCT_FIELDS_FIELD);
        if (fields == null || !fields.isArray()) {
            throw new DataException("Struct schema's \"fields\" argument is not an array.");
        }
        SchemaBuilder builder = SchemaBuilder.struct();
        for (JsonNode field : fields) {
            JsonNode fieldName = field.get(STRUCT_FIELD_NAME_FIELD);
            if (fieldName == null || !fieldName.isTextual()) {
                throw new DataException("Struct schema's field name not specified properly");
            }
            builder.field(fieldName.textValue(), buildConnect(field));
        }
        return builder;
    }
}
