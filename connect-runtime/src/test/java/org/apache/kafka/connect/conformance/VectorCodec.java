package org.apache.kafka.connect.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.connect.data.ConnectSchema;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Translates between the JSON encodings of shared/vectors/FORMAT.md and Connect data: tagged values, schemas and
 * byte arrays ({@link RecordCodec} builds records on top). Decoding rebuilds objects exactly (schemas through the
 * {@link ConnectSchema} constructor, never a validating builder); encoding is its inverse, applied to what a
 * component returned.
 */
final class VectorCodec {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private VectorCodec() {
    }

    // ---------------------------------------------------------------- tagged values

    static Object decodeValue(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(element -> list.add(decodeValue(element)));
            return list;
        }
        if (node.isObject() && node.has("struct")) {
            return decodeStruct(node);
        }
        if (!node.isObject() || node.size() != 1) {
            throw new IllegalArgumentException("Not a tagged value: " + node);
        }
        String tag = node.fieldNames().next();
        JsonNode content = node.get(tag);
        switch (tag) {
            case "int8": return integer(content).byteValueExact();
            case "int16": return integer(content).shortValueExact();
            case "int32": return integer(content).intValueExact();
            case "int64": return integer(content).longValueExact();
            case "float32": return Float.parseFloat(content.textValue());
            case "float64": return Double.parseDouble(content.textValue());
            case "decimal": return new BigDecimal(content.textValue());
            case "bytes": return base64(content);
            case "bytebuffer": return ByteBuffer.wrap(base64(content));
            case "date": return new Date(integer(content).longValueExact());
            case "map": return decodeMap(content);
            default: throw new IllegalArgumentException("Unknown value tag '" + tag + "' in " + node);
        }
    }

    static JsonNode encodeValue(Object value) {
        if (value == null) {
            return JSON.nullNode();
        }
        if (value instanceof Boolean) {
            return JSON.booleanNode((Boolean) value);
        }
        if (value instanceof String) {
            return JSON.textNode((String) value);
        }
        if (value instanceof Byte) {
            return tagged("int8", JSON.numberNode((Byte) value));
        }
        if (value instanceof Short) {
            return tagged("int16", JSON.numberNode((Short) value));
        }
        if (value instanceof Integer) {
            return tagged("int32", JSON.numberNode((Integer) value));
        }
        if (value instanceof Long) {
            return tagged("int64", JSON.numberNode((Long) value));
        }
        if (value instanceof Float) {
            return tagged("float32", JSON.textNode(Float.toString((Float) value)));
        }
        if (value instanceof Double) {
            return tagged("float64", JSON.textNode(Double.toString((Double) value)));
        }
        if (value instanceof BigDecimal) {
            return tagged("decimal", JSON.textNode(value.toString()));
        }
        if (value instanceof byte[]) {
            return tagged("bytes", base64Node((byte[]) value));
        }
        if (value instanceof ByteBuffer) {
            return tagged("bytebuffer", base64Node(remaining((ByteBuffer) value)));
        }
        if (value instanceof Date) {
            return tagged("date", JSON.numberNode(((Date) value).getTime()));
        }
        if (value instanceof List) {
            ArrayNode array = JSON.arrayNode();
            ((List<?>) value).forEach(element -> array.add(encodeValue(element)));
            return array;
        }
        if (value instanceof Map) {
            ArrayNode pairs = JSON.arrayNode();
            ((Map<?, ?>) value).forEach((k, v) -> pairs.add(JSON.arrayNode().add(encodeValue(k)).add(encodeValue(v))));
            return tagged("map", pairs);
        }
        if (value instanceof Struct) {
            return encodeStruct((Struct) value);
        }
        throw new IllegalArgumentException("No vector encoding for values of " + value.getClass());
    }

    private static Map<Object, Object> decodeMap(JsonNode pairs) {
        // Insertion order is kept: a converter writing this map must see the case's order.
        Map<Object, Object> map = new LinkedHashMap<>();
        for (JsonNode pair : pairs) {
            if (!pair.isArray() || pair.size() != 2) {
                throw new IllegalArgumentException("A map entry must be a [key, value] pair: " + pair);
            }
            map.put(decodeValue(pair.get(0)), decodeValue(pair.get(1)));
        }
        return map;
    }

    private static Struct decodeStruct(JsonNode node) {
        Struct struct = new Struct(decodeSchema(node.get("schema")));
        for (Map.Entry<String, JsonNode> member : node.get("struct").properties()) {
            Object value = decodeValue(member.getValue());
            if (value != null) {
                struct.put(member.getKey(), value);
            }
        }
        return struct;
    }

    private static JsonNode encodeStruct(Struct struct) {
        ObjectNode members = JSON.objectNode();
        for (Field field : struct.schema().fields()) {
            // The raw stored value: a default must not stand in for an unset field.
            members.set(field.name(), encodeValue(struct.getWithoutDefault(field.name())));
        }
        ObjectNode node = JSON.objectNode();
        node.set("struct", members);
        node.set("schema", encodeSchema(struct.schema()));
        return node;
    }

    // ---------------------------------------------------------------- schemas

    static Schema decodeSchema(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        Schema.Type type = Schema.Type.valueOf(node.get("type").textValue().toUpperCase(Locale.ROOT));
        List<Field> fields = null;
        Schema keySchema = null;
        Schema valueSchema = null;
        switch (type) {
            case STRUCT:
                fields = decodeFields(node.get("fields"));
                break;
            case ARRAY:
                valueSchema = decodeSchema(node.get("items"));
                break;
            case MAP:
                keySchema = decodeSchema(node.get("keys"));
                valueSchema = decodeSchema(node.get("values"));
                break;
            default:
                break;
        }
        return new ConnectSchema(type,
                node.get("optional").booleanValue(),
                decodeValue(node.get("default")),
                node.hasNonNull("name") ? node.get("name").textValue() : null,
                node.hasNonNull("version") ? integer(node.get("version")).intValueExact() : null,
                node.hasNonNull("doc") ? node.get("doc").textValue() : null,
                node.has("parameters") ? decodeParameters(node.get("parameters")) : null,
                fields, keySchema, valueSchema);
    }

    static JsonNode encodeSchema(Schema schema) {
        if (schema == null) {
            return JSON.nullNode();
        }
        ObjectNode node = JSON.objectNode();
        node.put("type", schema.type().name().toLowerCase(Locale.ROOT));
        node.put("optional", schema.isOptional());
        if (schema.name() != null) {
            node.put("name", schema.name());
        }
        if (schema.version() != null) {
            node.put("version", schema.version());
        }
        if (schema.doc() != null) {
            node.put("doc", schema.doc());
        }
        if (schema.parameters() != null) {
            ObjectNode parameters = node.putObject("parameters");
            schema.parameters().forEach(parameters::put);
        }
        if (schema.defaultValue() != null) {
            node.set("default", encodeValue(schema.defaultValue()));
        }
        switch (schema.type()) {
            case STRUCT:
                ArrayNode fields = node.putArray("fields");
                for (Field field : schema.fields()) {
                    ObjectNode entry = JSON.objectNode().put("field", field.name());
                    entry.setAll((ObjectNode) encodeSchema(field.schema()));
                    fields.add(entry);
                }
                break;
            case ARRAY:
                node.set("items", encodeSchema(schema.valueSchema()));
                break;
            case MAP:
                node.set("keys", encodeSchema(schema.keySchema()));
                node.set("values", encodeSchema(schema.valueSchema()));
                break;
            default:
                break;
        }
        return node;
    }

    private static List<Field> decodeFields(JsonNode node) {
        List<Field> fields = new ArrayList<>();
        if (node != null) {
            for (JsonNode entry : node) {
                fields.add(new Field(entry.get("field").textValue(), fields.size(), decodeSchema(entry)));
            }
        }
        return fields;
    }

    private static Map<String, String> decodeParameters(JsonNode node) {
        Map<String, String> parameters = new LinkedHashMap<>();
        node.properties().forEach(entry -> parameters.put(entry.getKey(), entry.getValue().textValue()));
        return parameters;
    }

    // ---------------------------------------------------------------- schema and value pairs

    /** A result with {@code schema} and {@code value} members, or {@code result: null} for a null reference. */
    static ObjectNode encodeSchemaAndValue(SchemaAndValue schemaAndValue) {
        ObjectNode node = JSON.objectNode();
        if (schemaAndValue == null) {
            node.putNull("result");
        } else {
            node.set("schema", encodeSchema(schemaAndValue.schema()));
            node.set("value", encodeValue(schemaAndValue.value()));
        }
        return node;
    }

    // ---------------------------------------------------------------- bytes

    static byte[] decodeBytes(JsonNode node) {
        return node == null || node.isNull() ? null : base64(node.get("base64"));
    }

    static JsonNode encodeBytes(byte[] bytes) {
        if (bytes == null) {
            return JSON.nullNode();
        }
        ObjectNode node = JSON.objectNode().put("base64", Base64.getEncoder().encodeToString(bytes));
        String text = utf8OrNull(bytes);
        if (text != null) {
            node.put("text", text);
        }
        return node;
    }

    // ---------------------------------------------------------------- helpers

    private static ObjectNode tagged(String tag, JsonNode content) {
        ObjectNode node = JSON.objectNode();
        node.set(tag, content);
        return node;
    }

    static BigInteger integer(JsonNode node) {
        if (node == null || !node.isIntegralNumber()) {
            throw new IllegalArgumentException("Expected a JSON integer but got " + node);
        }
        return node.bigIntegerValue();
    }

    private static byte[] base64(JsonNode node) {
        return Base64.getDecoder().decode(node.textValue());
    }

    private static JsonNode base64Node(byte[] bytes) {
        return JSON.textNode(Base64.getEncoder().encodeToString(bytes));
    }

    /** The bytes between position and limit, leaving the buffer itself untouched. */
    private static byte[] remaining(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }

    private static String utf8OrNull(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
