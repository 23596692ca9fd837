package org.apache.kafka.connect.header;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Schema.Type;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * The shallow checks {@link ConnectHeaders} applies to header values: the Java type of the value must suit the
 * schema's type (or its logical type); contents of lists, maps and structs are not inspected.
 */
final class SchemaFit {

    private SchemaFit() {
    }

    /**
     * @throws DataException if the schema is not of the expected type
     */
    static void checkType(Schema schema, Type expected) {
        if (schema.type() != expected) {
            throw new DataException("Expecting " + expected + " but instead found " + schema.type());
        }
    }

    /**
     * Accepts anything when there is no schema, null only for an optional schema.
     *
     * @throws DataException if the value does not suit the schema
     */
    static void checkValue(Object value, Schema schema) {
        if (schema == null) {
            return;
        }
        if (value == null) {
            if (!schema.isOptional()) {
                throw new DataException("A null value requires an optional schema but was " + schema);
            }
            return;
        }
        if (!isInstanceOfLogicalType(schema, value) && !isInstanceOfType(schema.type(), value)) {
            throw new DataException("The value " + value + " is not compatible with the schema " + schema);
        }
    }

    private static boolean isInstanceOfLogicalType(Schema schema, Object value) {
        String name = schema.name();
        if (name == null) {
            return false;
        }
        switch (name) {
            case Decimal.LOGICAL_NAME:
                return value instanceof BigDecimal;
            case Date.LOGICAL_NAME:
            case Time.LOGICAL_NAME:
            case Timestamp.LOGICAL_NAME:
                return value instanceof java.util.Date;
            default:
                return false;
        }
    }

    private static boolean isInstanceOfType(Type type, Object value) {
        switch (type) {
            case INT8:
                return value instanceof Byte;
            case INT16:
                return value instanceof Short;
            case INT32:
                return value instanceof Integer;
            case INT64:
                return value instanceof Long;
            case FLOAT32:
                return value instanceof Float;
            case FLOAT64:
                return value instanceof Double;
            case BOOLEAN:
                return value instanceof Boolean;
            case STRING:
                return value instanceof String;
            case BYTES:
                return value instanceof byte[] || value instanceof ByteBuffer;
            case ARRAY:
                return value instanceof List;
            case MAP:
                return value instanceof Map;
            case STRUCT:
                return value instanceof Struct;
            default:
                return false;
        }
    }
}
