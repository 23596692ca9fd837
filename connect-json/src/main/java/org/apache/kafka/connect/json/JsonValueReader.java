package org.apache.kafka.connect.json;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts JSON trees into Connect values. With a schema, the JSON is read leniently the way Jackson's accessors
 * read it (an {@code int32} takes the integer part of any number and {@code 0} for a non-number, a {@code string}
 * is {@code null} for a non-string). Without a schema the value is inferred: integral numbers become {@code Long},
 * other numbers {@code Double}, arrays {@code List}, objects {@code Map<String, Object>}.
 */
final class JsonValueReader {

    private final boolean replaceNullWithDefault;

    JsonValueReader(boolean replaceNullWithDefault) {
        this.replaceNullWithDefault = replaceNullWithDefault;
    }

    /**
     * @param schema the expected schema, or {@code null} to infer the value from the JSON alone
     * @param node   the JSON, or {@code null} for an absent value (e.g. a struct field missing from the object)
     * @throws DataException if the JSON cannot be read as the schema demands
     */
    Object read(Schema schema, JsonNode node) {
        if (schema == null) {
            return readSchemaless(node);
        }
        if (node == null || node.isNull()) {
            return readNull(schema);
        }
        LogicalType logicalType = LogicalType.of(schema);
        if (logicalType != null) {
            return logicalType.toConnect(schema, node);
        }
        switch (schema.type()) {
            case INT8:
                return (byte) node.intValue();
            case INT16:
                return node.shortValue();
            case INT32:
                return node.intValue();
            case INT64:
                return node.longValue();
            case FLOAT32:
                return node.floatValue();
            case FLOAT64:
                return node.doubleValue();
            case BOOLEAN:
                return node.booleanValue();
            case STRING:
                return node.textValue();
            case BYTES:
                return readBytes(node);
            case ARRAY:
                return readArray(schema.valueSchema(), node);
            case MAP:
                return readMap(schema, node);
            case STRUCT:
                return readStruct(schema, node);
            default:
                throw new DataException("Unknown schema type: " + schema.type());
        }
    }

    private Object readNull(Schema schema) {
        if (replaceNullWithDefault && schema.defaultValue() != null) {
            return schema.defaultValue();
        }
        if (schema.isOptional()) {
            return null;
        }
        throw new DataException("Invalid null value for required " + schema.type() + " field");
    }

    private Object readSchemaless(JsonNode node) {
        if (node == null) {
            return null;
        }
        switch (node.getNodeType()) {
            case BOOLEAN:
                return node.booleanValue();
            case NUMBER:
                if (node.isIntegralNumber()) {
                    return node.longValue();
                }
                return node.doubleValue();
            case STRING:
                return node.textValue();
            case BINARY:
                return readBytes(node);
            case ARRAY:
                return readArray(null, node);
            case OBJECT:
                return readSchemalessObject(node);
            default:
                // NULL and MISSING (empty input); POJO nodes never come out of the parser.
                return null;
        }
    }

    private Map<String, Object> readSchemalessObject(JsonNode node) {
        Map<String, Object> map = new HashMap<>();
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            map.put(member.getKey(), readSchemaless(member.getValue()));
        }
        return map;
    }

    private static byte[] readBytes(JsonNode node) {
        try {
            return node.binaryValue();
        } catch (IOException e) {
            throw new DataException("Invalid bytes field", e);
        }
    }

    private List<Object> readArray(Schema elementSchema, JsonNode node) {
        // Iterating also accepts an object (its member values), as the reference implementation does.
        List<Object> list = new ArrayList<>(node.size());
        for (JsonNode element : node) {
            list.add(read(elementSchema, element));
        }
        return list;
    }

    private Map<Object, Object> readMap(Schema schema, JsonNode node) {
        Schema keySchema = schema.keySchema();
        Schema valueSchema = schema.valueSchema();
        Map<Object, Object> map = new HashMap<>();
        if (keySchema.type() == Schema.Type.STRING) {
            if (!node.isObject()) {
                throw new DataException("Maps with string fields should be encoded as JSON objects, but found "
                        + node.getNodeType());
            }
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                map.put(member.getKey(), read(valueSchema, member.getValue()));
            }
            return map;
        }
        if (!node.isArray()) {
            throw new DataException("Maps with non-string fields should be encoded as JSON array of tuples, but found "
                    + node.getNodeType());
        }
        for (JsonNode entry : node) {
            if (!entry.isArray()) {
                throw new DataException("Found invalid map entry instead of array tuple: " + entry.getNodeType());
            }
            if (entry.size() != 2) {
                throw new DataException("Found invalid map entry, expected length 2 but found :" + entry.size());
            }
            map.put(read(keySchema, entry.get(0)), read(valueSchema, entry.get(1)));
        }
        return map;
    }

    private Struct readStruct(Schema schema, JsonNode node) {
        if (!node.isObject()) {
            throw new DataException("Structs should be encoded as JSON objects, but found " + node.getNodeType());
        }
        // Bound to the built schema even when reading a default against a SchemaBuilder, which makes the builder
        // reject a struct default ("Invalid default value"), as the reference implementation does.
        Struct struct = new Struct(schema.schema());
        for (Field field : schema.fields()) {
            // Members not in the schema are ignored; a missing member reads as null.
            struct.put(field, read(field.schema(), node.get(field.name())));
        }
        return struct;
    }
}
