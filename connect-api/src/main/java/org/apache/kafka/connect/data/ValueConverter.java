package org.apache.kafka.connect.data;

import org.apache.kafka.connect.errors.DataException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The coercion rules behind the {@code Values.convertTo...} methods. Each conversion takes the schema the value
 * currently has, which may be null, and follows Apache Kafka's behaviour:
 * <ul>
 *     <li>numbers narrow with Java's casts, going through {@code long} for the integer types and {@code double} for
 *     the floating-point types; text converts to a number as a {@link BigDecimal} literal;</li>
 *     <li>Date, Time and Timestamp values count as numbers (days, milliseconds of the day, milliseconds) only when
 *     their schema says which they are;</li>
 *     <li>the conversions to booleans, lists, maps and the temporal types first parse text with
 *     {@link ValueParser}, and then convert what was parsed, still under the original schema.</li>
 * </ul>
 */
final class ValueConverter {

    private static final long MILLIS_PER_DAY = IsoTemporalFormats.MILLIS_PER_DAY;
    private static final String NUMBER_TARGET = "a number";

    private ValueConverter() {
    }

    // ---- primitive targets: callers map a null value to null ----

    static boolean toBoolean(Schema schema, Object value) {
        if (value instanceof Boolean) {
            return (Boolean) value;
        }
        if (value instanceof String) {
            SchemaAndValue parsed = ValueParser.parse((String) value);
            if (parsed != null && parsed.value() instanceof Boolean) {
                return (Boolean) parsed.value();
            }
        }
        return asLong(value, schema, null) != 0L;
    }

    /**
     * @throws DataException if the value is not a number, a decimal literal or a temporal value with its logical
     *         schema; {@code error}, if given, becomes the cause
     */
    static long asLong(Object value, Schema schema, Throwable error) {
        if (value instanceof Number) {
            return ((Number) value).longValue();
        }
        if (value instanceof String) {
            try {
                return new BigDecimal((String) value).longValue();
            } catch (NumberFormatException e) {
                throw unableToConvertToNumber(value, schema, e);
            }
        }
        if (value instanceof java.util.Date && schema != null) {
            java.util.Date date = (java.util.Date) value;
            if (isLogical(schema, Date.LOGICAL_NAME)) {
                return Date.fromLogical(schema, date);
            }
            if (isLogical(schema, Time.LOGICAL_NAME)) {
                return Time.fromLogical(schema, date);
            }
            if (isLogical(schema, Timestamp.LOGICAL_NAME)) {
                return Timestamp.fromLogical(schema, date);
            }
        }
        throw unableToConvertToNumber(value, schema, error);
    }

    static double asDouble(Object value, Schema schema, Throwable error) {
        if (value instanceof Number) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof String) {
            try {
                return new BigDecimal((String) value).doubleValue();
            } catch (NumberFormatException e) {
                throw unableToConvertToNumber(value, schema, e);
            }
        }
        return asLong(value, schema, error);
    }

    // ---- other targets: a null value is rejected; the target schema only names the target in error messages ----

    static List<?> toList(Object value, Schema target) {
        Object candidate = parsedIfText(value);
        if (candidate instanceof List) {
            return (List<?>) candidate;
        }
        throw unableToConvert(candidate, target, null);
    }

    static Map<?, ?> toMap(Object value, Schema target) {
        Object candidate = parsedIfText(value);
        if (candidate instanceof Map) {
            return (Map<?, ?>) candidate;
        }
        throw unableToConvert(candidate, target, null);
    }

    static Struct toStruct(Object value, Schema target) {
        requireValue(value);
        if (value instanceof Struct) {
            return (Struct) value;
        }
        throw unableToConvert(value, target, null);
    }

    static java.util.Date toTime(Schema schema, Object value) {
        Object candidate = parsedIfText(value);
        if (candidate instanceof java.util.Date) {
            java.util.Date date = (java.util.Date) candidate;
            if (schema == null || isLogical(schema, Time.LOGICAL_NAME)) {
                return date;
            }
            if (isLogical(schema, Timestamp.LOGICAL_NAME)) {
                return Time.toLogical(Time.SCHEMA, (int) Math.floorMod(date.getTime(), MILLIS_PER_DAY));
            }
        }
        return Time.toLogical(Time.SCHEMA, (int) asLong(candidate, schema, null));
    }

    static java.util.Date toDate(Schema schema, Object value) {
        Object candidate = parsedIfText(value);
        if (candidate instanceof java.util.Date) {
            java.util.Date date = (java.util.Date) candidate;
            if (schema == null || isLogical(schema, Date.LOGICAL_NAME)) {
                return date;
            }
            if (isLogical(schema, Timestamp.LOGICAL_NAME)) {
                // Division truncates towards zero (as in Apache), so instants before the epoch round up to a day
                return Date.toLogical(Date.SCHEMA, (int) (date.getTime() / MILLIS_PER_DAY));
            }
        }
        return Date.toLogical(Date.SCHEMA, (int) asLong(candidate, schema, null));
    }

    static java.util.Date toTimestamp(Schema schema, Object value) {
        Object candidate = parsedIfText(value);
        if (candidate instanceof java.util.Date) {
            java.util.Date date = (java.util.Date) candidate;
            if (schema == null || isLogical(schema, Timestamp.LOGICAL_NAME)) {
                return date;
            }
            if (isLogical(schema, Date.LOGICAL_NAME)) {
                return Timestamp.toLogical(Timestamp.SCHEMA, Date.fromLogical(schema, date) * MILLIS_PER_DAY);
            }
        }
        return Timestamp.toLogical(Timestamp.SCHEMA, asLong(candidate, schema, null));
    }

    /** The decimal schema's scale is read only to decode bytes; numbers and text keep their own scale. */
    static BigDecimal toDecimal(Object value, Schema decimalSchema) {
        requireValue(value);
        if (value instanceof BigDecimal) {
            return (BigDecimal) value;
        }
        if (value instanceof Number) {
            return BigDecimal.valueOf(((Number) value).doubleValue());
        }
        if (value instanceof String) {
            // An invalid literal escapes as NumberFormatException, as in Apache
            return new BigDecimal((String) value);
        }
        if (value instanceof byte[]) {
            return new BigDecimal(new BigInteger((byte[]) value), decimalScale(decimalSchema));
        }
        if (value instanceof ByteBuffer) {
            return new BigDecimal(new BigInteger(remainingBytes((ByteBuffer) value)), decimalScale(decimalSchema));
        }
        throw unableToConvert(value, decimalSchema, null);
    }

    // ---- conversion to any schema ----

    static Object convert(Schema toSchema, Schema fromSchema, Object value) {
        if (value == null) {
            if (toSchema.isOptional()) {
                return null;
            }
            throw nullForRequiredSchema();
        }
        switch (toSchema.type()) {
            case BYTES:
                return isLogical(toSchema, Decimal.LOGICAL_NAME) ? toDecimal(value, toSchema) : toBytes(value, toSchema);
            case STRING:
                return ValueFormatter.format(value);
            case BOOLEAN:
                return toBoolean(fromSchema, value);
            case INT8:
                return (byte) asLong(value, fromSchema, null);
            case INT16:
                return (short) asLong(value, fromSchema, null);
            case INT32:
                if (isLogical(toSchema, Date.LOGICAL_NAME)) {
                    return toDate(fromSchema, value);
                }
                if (isLogical(toSchema, Time.LOGICAL_NAME)) {
                    return toTime(fromSchema, value);
                }
                return (int) asLong(value, fromSchema, null);
            case INT64:
                if (isLogical(toSchema, Timestamp.LOGICAL_NAME)) {
                    return toTimestamp(fromSchema, value);
                }
                return asLong(value, fromSchema, null);
            case FLOAT32:
                return (float) asDouble(value, fromSchema, null);
            case FLOAT64:
                return asDouble(value, fromSchema, null);
            case ARRAY:
                return toList(value, toSchema);
            case MAP:
                return toMap(value, toSchema);
            case STRUCT:
                return toStruct(value, toSchema);
            default:
                throw unableToConvert(value, toSchema, null);
        }
    }

    // Alignment converts values that have no schema of their own, hence a null source schema

    static List<Object> alignElements(Schema arraySchema, List<Object> elements) {
        Schema elementSchema = arraySchema.valueSchema();
        List<Object> aligned = new ArrayList<>(elements.size());
        for (Object element : elements) {
            aligned.add(convert(elementSchema, null, element));
        }
        return aligned;
    }

    /** @param values whether to convert the values too, or only the keys */
    static Map<Object, Object> alignEntries(Schema mapSchema, Map<Object, Object> entries, boolean values) {
        Schema keySchema = mapSchema.keySchema();
        Schema valueSchema = values ? mapSchema.valueSchema() : null;
        Map<Object, Object> aligned = new LinkedHashMap<>();
        for (Map.Entry<Object, Object> entry : entries.entrySet()) {
            Object key = convert(keySchema, null, entry.getKey());
            aligned.put(key, values ? convert(valueSchema, null, entry.getValue()) : entry.getValue());
        }
        return aligned;
    }

    // ---- helpers ----

    private static Object parsedIfText(Object value) {
        requireValue(value);
        if (!(value instanceof String)) {
            return value;
        }
        SchemaAndValue parsed = ValueParser.parse((String) value);
        // Apache fails with a NullPointerException on the text "null"; a null value is the clearer complaint
        Object parsedValue = parsed == null ? null : parsed.value();
        requireValue(parsedValue);
        return parsedValue;
    }

    private static byte[] toBytes(Object value, Schema bytesSchema) {
        if (value instanceof byte[]) {
            return (byte[]) value;
        }
        if (value instanceof ByteBuffer) {
            return remainingBytes((ByteBuffer) value);
        }
        throw unableToConvert(value, bytesSchema, null);
    }

    /** Copies the bytes between position and limit without moving the caller's buffer. */
    private static byte[] remainingBytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }

    private static int decimalScale(Schema decimalSchema) {
        Map<String, String> parameters = decimalSchema.parameters();
        String scale = parameters == null ? null : parameters.get(Decimal.SCALE_FIELD);
        if (scale == null) {
            throw new DataException("Invalid Decimal schema: scale parameter not found.");
        }
        try {
            return Integer.parseInt(scale);
        } catch (NumberFormatException e) {
            throw new DataException("Invalid scale parameter found in Decimal schema: " + scale, e);
        }
    }

    private static boolean isLogical(Schema schema, String logicalName) {
        return logicalName.equals(schema.name());
    }

    private static void requireValue(Object value) {
        if (value == null) {
            throw nullForRequiredSchema();
        }
    }

    private static DataException nullForRequiredSchema() {
        return new DataException("Unable to convert a null value to a schema that requires a value");
    }

    private static DataException unableToConvertToNumber(Object value, Schema schema, Throwable cause) {
        return unableToConvert(value, schema != null ? schema : NUMBER_TARGET, cause);
    }

    private static DataException unableToConvert(Object value, Object target, Throwable cause) {
        return new DataException("Unable to convert " + value + " (" + value.getClass() + ") to " + target, cause);
    }
}
