package org.apache.kafka.connect.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ShortNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Converts Connect values into JSON trees, guided by the value's schema or, when there is none, by the Java type of
 * the value. Maps whose keys are strings become JSON objects; all other maps become arrays of {@code [key, value]}
 * pairs.
 */
final class JsonValueWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final DecimalFormat decimalFormat;
    private final boolean replaceNullWithDefault;

    JsonValueWriter(DecimalFormat decimalFormat, boolean replaceNullWithDefault) {
        this.decimalFormat = decimalFormat;
        this.replaceNullWithDefault = replaceNullWithDefault;
    }

    /**
     * @param schema the value's schema, or {@code null} to infer the JSON form from the value's Java type
     * @throws DataException if the value does not match the schema or has no JSON form
     */
    JsonNode write(Schema schema, Object value) {
        if (value == null) {
            return writeNull(schema);
        }
        if (schema == null) {
            return writeSchemaless(value);
        }
        LogicalType logicalType = LogicalType.of(schema);
        if (logicalType != null) {
            return logicalType.toJson(schema, value, decimalFormat);
        }
        switch (schema.type()) {
            case INT8:
                if (value instanceof Byte) {
                    return IntNode.valueOf((Byte) value);
                }
                break;
            case INT16:
                if (value instanceof Short) {
                    return ShortNode.valueOf((Short) value);
                }
                break;
            case INT32:
                if (value instanceof Integer) {
                    return IntNode.valueOf((Integer) value);
                }
                break;
            case INT64:
                if (value instanceof Long) {
                    return LongNode.valueOf((Long) value);
                }
                break;
            case FLOAT32:
                if (value instanceof Float) {
                    return FloatNode.valueOf((Float) value);
                }
                break;
            case FLOAT64:
                if (value instanceof Double) {
                    return DoubleNode.valueOf((Double) value);
                }
                break;
            case BOOLEAN:
                if (value instanceof Boolean) {
                    return BooleanNode.valueOf((Boolean) value);
                }
                break;
            case STRING:
                if (value instanceof String) {
                    return TextNode.valueOf((String) value);
                }
                break;
            case BYTES:
                return writeBytes(value);
            case ARRAY:
                if (value instanceof Collection) {
                    return writeArray(schema.valueSchema(), (Collection<?>) value);
                }
                break;
            case MAP:
                if (value instanceof Map) {
                    return writeMap(schema, (Map<?, ?>) value);
                }
                break;
            case STRUCT:
                if (value instanceof Struct) {
                    return writeStruct(schema, (Struct) value);
                }
                break;
            default:
                break;
        }
        throw new DataException("Invalid type for " + schema.type() + ": " + value.getClass());
    }

    private JsonNode writeNull(Schema schema) {
        if (schema == null) {
            return NullNode.getInstance();
        }
        if (replaceNullWithDefault && schema.defaultValue() != null) {
            return write(schema, schema.defaultValue());
        }
        if (schema.isOptional()) {
            return NullNode.getInstance();
        }
        throw new DataException("Conversion error: null value for field that is required and has no default value");
    }

    private JsonNode writeSchemaless(Object value) {
        if (value instanceof Byte) {
            return IntNode.valueOf((Byte) value);
        } else if (value instanceof Short) {
            return ShortNode.valueOf((Short) value);
        } else if (value instanceof Integer) {
            return IntNode.valueOf((Integer) value);
        } else if (value instanceof Long) {
            return LongNode.valueOf((Long) value);
        } else if (value instanceof Float) {
            return FloatNode.valueOf((Float) value);
        } else if (value instanceof Double) {
            return DoubleNode.valueOf((Double) value);
        } else if (value instanceof Boolean) {
            return BooleanNode.valueOf((Boolean) value);
        } else if (value instanceof String) {
            return TextNode.valueOf((String) value);
        } else if (value instanceof byte[] || value instanceof ByteBuffer) {
            return writeBytes(value);
        } else if (value instanceof List) {
            return writeArray(null, (List<?>) value);
        } else if (value instanceof Map) {
            return writeMap(null, (Map<?, ?>) value);
        } else if (value instanceof Struct) {
            // A struct always has a schema, which cannot match the absent one.
            throw new DataException("Mismatching schema.");
        }
        throw new DataException("Java class " + value.getClass() + " does not have corresponding schema type.");
    }

    private static JsonNode writeBytes(Object value) {
        if (value instanceof byte[]) {
            return BinaryNode.valueOf((byte[]) value);
        }
        if (value instanceof ByteBuffer) {
            return BinaryNode.valueOf(bytesOf((ByteBuffer) value));
        }
        throw new DataException("Invalid type for bytes type: " + value.getClass());
    }

    /**
     * The whole backing array of a heap buffer, as the reference implementation writes it whatever the buffer's
     * position; the remaining bytes of a buffer without an accessible array.
     */
    private static byte[] bytesOf(ByteBuffer buffer) {
        if (buffer.hasArray()) {
            return buffer.array();
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private ArrayNode writeArray(Schema elementSchema, Collection<?> elements) {
        ArrayNode array = NODES.arrayNode(elements.size());
        for (Object element : elements) {
            array.add(write(elementSchema, element));
        }
        return array;
    }

    private JsonNode writeMap(Schema schema, Map<?, ?> map) {
        Schema keySchema = schema == null ? null : schema.keySchema();
        Schema valueSchema = schema == null ? null : schema.valueSchema();
        boolean stringKeys = schema == null ? allKeysAreStrings(map) : keySchema.type() == Schema.Type.STRING;
        if (stringKeys) {
            ObjectNode object = NODES.objectNode();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String name = keySchema == null ? (String) entry.getKey() : write(keySchema, entry.getKey()).asText();
                object.set(name, write(valueSchema, entry.getValue()));
            }
            return object;
        }
        ArrayNode pairs = NODES.arrayNode(map.size());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            ArrayNode pair = NODES.arrayNode(2);
            pair.add(write(keySchema, entry.getKey()));
            pair.add(write(valueSchema, entry.getValue()));
            pairs.add(pair);
        }
        return pairs;
    }

    private static boolean allKeysAreStrings(Map<?, ?> map) {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                return false;
            }
        }
        return true;
    }

    private ObjectNode writeStruct(Schema schema, Struct struct) {
        if (struct.schema() != schema && !struct.schema().equals(schema)) {
            throw new DataException("Mismatching schema.");
        }
        ObjectNode object = NODES.objectNode();
        for (Field field : schema.fields()) {
            // The raw value: whether a null becomes the field's default is decided in write().
            object.set(field.name(), write(field.schema(), struct.getWithoutDefault(field.name())));
        }
        return object;
    }
}
