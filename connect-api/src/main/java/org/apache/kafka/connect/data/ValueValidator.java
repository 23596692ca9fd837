package org.apache.kafka.connect.data;

import org.apache.kafka.connect.errors.DataException;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * Checks that a Java value is a valid instance of a schema, descending into arrays, maps and structs. This backs
 * {@link ConnectSchema#validateValue} and so runs for every {@link Struct#put}: it allocates nothing on the success
 * path except one small {@link Location} per container.
 */
final class ValueValidator {

    private ValueValidator() {
    }

    /**
     * @param fieldName the struct field the value belongs to, or null for a free-standing value; only used in
     *                  error messages
     */
    static void validate(String fieldName, Schema schema, Object value) {
        validate(schema, value, fieldName, null);
    }

    private static void validate(Schema schema, Object value, String fieldName, Location location) {
        if (value == null) {
            if (!schema.isOptional()) {
                throw new DataException("Invalid value: null used for required "
                    + describe(fieldName, location) + ", schema type: " + schema.type());
            }
            return;
        }

        Class<?> logicalClass = logicalClass(schema.name());
        if (logicalClass != null) {
            // A logical type is represented by its own Java class instead of its physical type's class.
            if (!logicalClass.isInstance(value)) {
                throw wrongClass(schema, value, fieldName, location);
            }
            return;
        }

        switch (schema.type()) {
            case INT8:
                requireClass(value instanceof Byte, schema, value, fieldName, location);
                break;
            case INT16:
                requireClass(value instanceof Short, schema, value, fieldName, location);
                break;
            case INT32:
                requireClass(value instanceof Integer, schema, value, fieldName, location);
                break;
            case INT64:
                requireClass(value instanceof Long, schema, value, fieldName, location);
                break;
            case FLOAT32:
                requireClass(value instanceof Float, schema, value, fieldName, location);
                break;
            case FLOAT64:
                requireClass(value instanceof Double, schema, value, fieldName, location);
                break;
            case BOOLEAN:
                requireClass(value instanceof Boolean, schema, value, fieldName, location);
                break;
            case STRING:
                requireClass(value instanceof String, schema, value, fieldName, location);
                break;
            case BYTES:
                boolean bytes = value instanceof byte[] || value instanceof ByteBuffer;
                requireClass(bytes, schema, value, fieldName, location);
                break;
            case ARRAY:
                requireClass(value instanceof List, schema, value, fieldName, location);
                validateElements(schema, (List<?>) value, fieldName, location);
                break;
            case MAP:
                requireClass(value instanceof Map, schema, value, fieldName, location);
                validateEntries(schema, (Map<?, ?>) value, fieldName, location);
                break;
            case STRUCT:
                requireClass(value instanceof Struct, schema, value, fieldName, location);
                validateStruct(schema, (Struct) value);
                break;
            default:
                throw new DataException("Unsupported schema type: " + schema.type());
        }
    }

    private static void validateElements(Schema schema, List<?> list, String fieldName, Location location) {
        if (list.isEmpty()) {
            return;
        }
        Schema elementSchema = schema.valueSchema();
        Location elementLocation = new Location("element of array", location);
        for (Object element : list) {
            validate(elementSchema, element, fieldName, elementLocation);
        }
    }

    private static void validateEntries(Schema schema, Map<?, ?> map, String fieldName, Location location) {
        if (map.isEmpty()) {
            return;
        }
        Schema keySchema = schema.keySchema();
        Schema valueSchema = schema.valueSchema();
        Location keyLocation = new Location("key of map", location);
        Location valueLocation = new Location("value of map", location);
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            validate(keySchema, entry.getKey(), fieldName, keyLocation);
            validate(valueSchema, entry.getValue(), fieldName, valueLocation);
        }
    }

    private static void validateStruct(Schema schema, Struct struct) {
        Schema structSchema = struct.schema();
        if (structSchema != schema && !structSchema.equals(schema)) {
            throw new DataException("Struct schemas do not match.");
        }
        struct.validate();
    }

    private static Class<?> logicalClass(String schemaName) {
        if (schemaName == null) {
            return null;
        }
        switch (schemaName) {
            case Decimal.LOGICAL_NAME:
                return BigDecimal.class;
            case Date.LOGICAL_NAME:
            case Time.LOGICAL_NAME:
            case Timestamp.LOGICAL_NAME:
                return java.util.Date.class;
            default:
                return null;
        }
    }

    private static void requireClass(boolean matches, Schema schema, Object value, String fieldName,
                                     Location location) {
        if (!matches) {
            throw wrongClass(schema, value, fieldName, location);
        }
    }

    private static DataException wrongClass(Schema schema, Object value, String fieldName, Location location) {
        String schemaName = schema.name() == null ? "" : " \"" + schema.name() + "\"";
        return new DataException("Invalid Java object for schema" + schemaName + " with type " + schema.type()
            + ": " + value.getClass() + " for " + describe(fieldName, location));
    }

    /** Renders where a value sits, innermost first: {@code value of map element of array field: "f"}. */
    private static String describe(String fieldName, Location location) {
        StringBuilder text = new StringBuilder();
        for (Location l = location; l != null; l = l.outer) {
            text.append(l.role).append(' ');
        }
        if (fieldName == null) {
            text.append("value");
        } else {
            text.append("field: \"").append(fieldName).append('"');
        }
        return text.toString();
    }

    /** The role a value plays inside its enclosing container, linked to the container's own location. */
    private static final class Location {
        final String role;
        final Location outer;

        Location(String role, Location outer) {
            this.role = role;
            this.outer = outer;
        }
    }
}
