package org.apache.kafka.connect.transforms;

import org.apache.kafka.connect.data.ConnectSchema;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.data.Values;
import org.apache.kafka.connect.errors.DataException;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The value conversion rules of {@link Cast}. Numbers narrow or widen like Java primitive casts, booleans become
 * 1/0 and numbers become {@code true} when their integral part is non-zero, strings are parsed with the JDK parsers,
 * and anything cast to a string is rendered like {@link Values#convertToString}. Logical Date/Time/Timestamp values
 * are cast through their raw integer form unless the target is a string.
 */
final class CastValueConverter {

    /** Types a value may have before casting; BYTES is only castable to STRING (or as a Decimal). */
    static final Set<Schema.Type> SUPPORTED_SOURCE_TYPES = Collections.unmodifiableSet(EnumSet.of(
            Schema.Type.INT8, Schema.Type.INT16, Schema.Type.INT32, Schema.Type.INT64,
            Schema.Type.FLOAT32, Schema.Type.FLOAT64, Schema.Type.BOOLEAN, Schema.Type.STRING, Schema.Type.BYTES));

    private CastValueConverter() {
    }

    /** @throws DataException if values of the given type cannot be cast at all */
    static void requireSupportedSourceType(Schema.Type type) {
        if (!SUPPORTED_SOURCE_TYPES.contains(type)) {
            throw new DataException("Cast transformation does not support casting from " + type
                    + "; supported types are " + SUPPORTED_SOURCE_TYPES);
        }
    }

    /**
     * Casts a value described by a schema (whose type was already checked with
     * {@link #requireSupportedSourceType}).
     */
    static Object cast(Schema sourceSchema, Object value, Schema.Type targetType) {
        if (value == null) {
            return null;
        }
        if (targetType == Schema.Type.STRING) {
            return Values.convertToString(sourceSchema, value);
        }
        return castToNumberOrBoolean(rawTemporalValue(sourceSchema, value), targetType);
    }

    /** Casts a value that has no schema; its Connect type is derived from its Java class. */
    static Object castSchemaless(Object value, Schema.Type targetType) {
        if (value == null) {
            return null;
        }
        Schema.Type sourceType = ConnectSchema.schemaType(value.getClass());
        if (sourceType == null) {
            throw new DataException("Cast transformation was passed a value of type " + value.getClass()
                    + " which is not supported by Connect's data API");
        }
        requireSupportedSourceType(sourceType);
        return cast(null, value, targetType);
    }

    /** Logical temporal values are cast from the integer Connect stores for them (days, ms of day, epoch ms). */
    private static Object rawTemporalValue(Schema schema, Object value) {
        if (!(value instanceof java.util.Date) || schema == null || schema.name() == null) {
            return value;
        }
        java.util.Date date = (java.util.Date) value;
        switch (schema.name()) {
            case Date.LOGICAL_NAME:
                return Date.fromLogical(schema, date);
            case Time.LOGICAL_NAME:
                return Time.fromLogical(schema, date);
            case Timestamp.LOGICAL_NAME:
                return Timestamp.fromLogical(schema, date);
            default:
                return value;
        }
    }

    private static Object castToNumberOrBoolean(Object value, Schema.Type targetType) {
        if (value instanceof Number) {
            return fromNumber((Number) value, targetType);
        }
        if (value instanceof Boolean) {
            return fromNumber((Boolean) value ? 1 : 0, targetType);
        }
        if (value instanceof String) {
            return parse((String) value, targetType);
        }
        throw new DataException("Unexpected type in Cast transformation: " + value.getClass());
    }

    private static Object fromNumber(Number number, Schema.Type targetType) {
        switch (targetType) {
            case INT8:
                return number.byteValue();
            case INT16:
                return number.shortValue();
            case INT32:
                return number.intValue();
            case INT64:
                return number.longValue();
            case FLOAT32:
                return number.floatValue();
            case FLOAT64:
                return number.doubleValue();
            case BOOLEAN:
                return number.longValue() != 0;
            default:
                throw new DataException("Cast transformation cannot cast a number to " + targetType);
        }
    }

    private static Object parse(String text, Schema.Type targetType) {
        try {
            switch (targetType) {
                case INT8:
                    return Byte.parseByte(text);
                case INT16:
                    return Short.parseShort(text);
                case INT32:
                    return Integer.parseInt(text);
                case INT64:
                    return Long.parseLong(text);
                case FLOAT32:
                    return Float.parseFloat(text);
                case FLOAT64:
                    return Double.parseDouble(text);
                case BOOLEAN:
                    return Boolean.parseBoolean(text);
                default:
                    throw new DataException("Cast transformation cannot cast a string to " + targetType);
            }
        } catch (NumberFormatException e) {
            throw new DataException("Value (" + text + ") was out of range for requested data type", e);
        }
    }
}
