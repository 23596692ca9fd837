package org.apache.kafka.connect.data;

import org.apache.kafka.common.annotation.InterfaceAudience;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.SchemaBuilderException;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.text.DateFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Utilities for converting Connect values between types and to and from a compact text form, for places that hold
 * values of unknown or differing schemas: header converters, SMTs that cast or insert literal values, and so on.
 * <p>
 * The {@code convertTo...} methods take the schema the value currently has (or null) and coerce the value: numbers
 * convert between numeric types with Java's narrowing casts, strings are parsed, dates and times convert through
 * their numeric logical representation, and failures raise {@link DataException}. The text form is written by
 * {@link #convertToString(Schema, Object)} and read by {@link #parseString(String)}.
 */
@InterfaceAudience.Public
public class Values {

    // Targets of the container conversions, named in error messages
    private static final Schema ANY_ARRAY = new ConnectSchema(Schema.Type.ARRAY);
    private static final Schema ANY_MAP = new ConnectSchema(Schema.Type.MAP);
    private static final Schema ANY_STRUCT = new ConnectSchema(Schema.Type.STRUCT);

    public Values() {
    }

    // ---- conversions to primitive types: a null value converts to null ----

    /**
     * @param schema the schema of the value; may be null
     * @return true or false as parsed from text, else whether the value is non-zero as a long (so 0.5 is false)
     */
    public static Boolean convertToBoolean(Schema schema, Object value) throws DataException {
        return value == null ? null : ValueConverter.toBoolean(schema, value);
    }

    /** @return the value as a long (see {@link #convertToLong(Schema, Object)}) narrowed to a byte */
    public static Byte convertToByte(Schema schema, Object value) throws DataException {
        return value == null ? null : (byte) ValueConverter.asLong(value, schema, null);
    }

    /** @return the value as a long (see {@link #convertToLong(Schema, Object)}) narrowed to a short */
    public static Short convertToShort(Schema schema, Object value) throws DataException {
        return value == null ? null : (short) ValueConverter.asLong(value, schema, null);
    }

    /** @return the value as a long (see {@link #convertToLong(Schema, Object)}) narrowed to an int */
    public static Integer convertToInteger(Schema schema, Object value) throws DataException {
        return value == null ? null : (int) ValueConverter.asLong(value, schema, null);
    }

    /**
     * @return a number's long value, the long value of a decimal literal (so "1.9" is 1), or the number of days,
     *         milliseconds of the day or milliseconds of a value whose schema is Date, Time or Timestamp
     */
    public static Long convertToLong(Schema schema, Object value) throws DataException {
        return value == null ? null : ValueConverter.asLong(value, schema, null);
    }

    /** @return the value as a double (see {@link #convertToDouble(Schema, Object)}) narrowed to a float */
    public static Float convertToFloat(Schema schema, Object value) throws DataException {
        return value == null ? null : (float) ValueConverter.asDouble(value, schema, null);
    }

    /** @return the double counterpart of {@link #convertToLong(Schema, Object)} */
    public static Double convertToDouble(Schema schema, Object value) throws DataException {
        return value == null ? null : ValueConverter.asDouble(value, schema, null);
    }

    /**
     * @return the text form of the value (a top-level string is returned as it is), or null for a null value; the
     *         schema is not consulted
     */
    public static String convertToString(Schema schema, Object value) {
        return ValueFormatter.format(value);
    }

    // ---- conversions to other types: a null value is rejected ----

    /** @return the list itself, or the list parsed from text */
    public static List<?> convertToList(Schema schema, Object value) {
        return ValueConverter.toList(value, ANY_ARRAY);
    }

    /** @return the map itself, or the map parsed from text */
    public static Map<?, ?> convertToMap(Schema schema, Object value) {
        return ValueConverter.toMap(value, ANY_MAP);
    }

    /** @return the struct itself; nothing else converts to a struct */
    public static Struct convertToStruct(Schema schema, Object value) {
        return ValueConverter.toStruct(value, ANY_STRUCT);
    }

    /**
     * @return a time: a date value without a schema or with the Time schema as it is, the time of day of a Timestamp
     *         value, or a number of milliseconds since midnight (text is parsed first)
     */
    public static java.util.Date convertToTime(Schema schema, Object value) {
        return ValueConverter.toTime(schema, value);
    }

    /**
     * @return a date: a date value without a schema or with the Date schema as it is, the day of a Timestamp value,
     *         or a number of days since the epoch (text is parsed first)
     */
    public static java.util.Date convertToDate(Schema schema, Object value) {
        return ValueConverter.toDate(schema, value);
    }

    /**
     * @return a timestamp: a date value without a schema or with the Timestamp schema as it is, the midnight of a
     *         Date value, or a number of milliseconds since the epoch (text is parsed first)
     */
    public static java.util.Date convertToTimestamp(Schema schema, Object value) {
        return ValueConverter.toTimestamp(schema, value);
    }

    /**
     * @param scale used only to decode bytes (the unscaled value in two's complement); numbers keep their own scale
     * @return a BigDecimal as it is, another number through its double value, text as written (an invalid literal
     *         raises {@link NumberFormatException}), or decoded bytes
     */
    public static BigDecimal convertToDecimal(Schema schema, Object value, int scale) {
        return ValueConverter.toDecimal(value, Decimal.schema(scale));
    }

    // ---- schemas and text ----

    /**
     * @return the schema of a value of a primitive type, the schema of a struct, an array or map schema when all
     *         elements (or all keys and all values) share one type, or null when no schema can be inferred; logical
     *         values (BigDecimal, Date) have no inferable schema
     * @throws SchemaBuilderException for a list or map whose elements, keys or values are all null
     */
    public static Schema inferSchema(Object value) {
        if (value instanceof String) {
            return Schema.STRING_SCHEMA;
        }
        if (value instanceof Boolean) {
            return Schema.BOOLEAN_SCHEMA;
        }
        if (value instanceof Byte) {
            return Schema.INT8_SCHEMA;
        }
        if (value instanceof Short) {
            return Schema.INT16_SCHEMA;
        }
        if (value instanceof Integer) {
            return Schema.INT32_SCHEMA;
        }
        if (value instanceof Long) {
            return Schema.INT64_SCHEMA;
        }
        if (value instanceof Float) {
            return Schema.FLOAT32_SCHEMA;
        }
        if (value instanceof Double) {
            return Schema.FLOAT64_SCHEMA;
        }
        if (value instanceof byte[] || value instanceof ByteBuffer) {
            return Schema.BYTES_SCHEMA;
        }
        if (value instanceof List) {
            return inferListSchema((List<?>) value);
        }
        if (value instanceof Map) {
            return inferMapSchema((Map<?, ?>) value);
        }
        if (value instanceof Struct) {
            return ((Struct) value).schema();
        }
        return null;
    }

    /**
     * Parses the text form (see {@link ValueParser} for the grammar).
     *
     * @return {@link SchemaAndValue#NULL} for null text, a null reference for the text {@code null}, and the text
     *         itself with the STRING schema when it is not in a recognised form
     */
    public static SchemaAndValue parseString(String value) {
        return ValueParser.parse(value);
    }

    /**
     * @return a new format for the value in the JVM's default time zone: time of day for instants less than a day
     *         after the epoch, date for exact days, else timestamp
     */
    public static DateFormat dateFormatFor(java.util.Date value) {
        return IsoTemporalFormats.formatFor(value);
    }

    // ---- protected building blocks ----

    /**
     * Converts a value to the given schema's type (and logical type), treating the value as having {@code fromSchema}.
     *
     * @throws DataException for a null value unless {@code toSchema} is optional, and for values that do not convert
     */
    protected static Object convertTo(Schema toSchema, Schema fromSchema, Object value) throws DataException {
        return ValueConverter.convert(toSchema, fromSchema, value);
    }

    /**
     * @return the value as {@link #convertToLong(Schema, Object)} converts it
     * @throws DataException if it does not convert; {@code error}, if given, becomes its cause
     */
    protected static long asLong(Object value, Schema fromSchema, Throwable error) {
        return ValueConverter.asLong(value, fromSchema, error);
    }

    /** The double counterpart of {@link #asLong(Object, Schema, Throwable)}. */
    protected static double asDouble(Object value, Schema fromSchema, Throwable error) {
        return ValueConverter.asDouble(value, fromSchema, error);
    }

    /** Appends the text form of a value; {@code embedded} values (inside containers) have their strings quoted. */
    protected static void append(StringBuilder builder, Object value, boolean embedded) {
        ValueFormatter.append(builder, value, embedded);
    }

    /** Appends the elements in embedded text form, comma-separated, without brackets. */
    protected static void appendIterable(StringBuilder builder, Iterator<?> iter) {
        ValueFormatter.appendElements(builder, iter);
    }

    /** @return the text with backslashes and double quotes escaped by a backslash */
    protected static String escape(String value) {
        return ValueFormatter.escape(value);
    }

    /** @return a new list with every element converted to the array schema's element schema */
    protected static List<Object> alignListEntriesWithSchema(Schema schema, List<Object> input) {
        return ValueConverter.alignElements(schema, input);
    }

    /** @return a new map with every key and every value converted to the map schema's key and value schemas */
    protected static Map<Object, Object> alignMapKeysAndValuesWithSchema(Schema mapSchema, Map<Object, Object> input) {
        return ValueConverter.alignEntries(mapSchema, input, true);
    }

    /** @return a new map with every key converted to the map schema's key schema; values are kept as they are */
    protected static Map<Object, Object> alignMapKeysWithSchema(Schema mapSchema, Map<Object, Object> input) {
        return ValueConverter.alignEntries(mapSchema, input, false);
    }

    private static Schema inferListSchema(List<?> list) {
        if (list.isEmpty()) {
            return null;
        }
        SchemaDetector elements = new SchemaDetector();
        for (Object element : list) {
            if (!elements.canDetect(element)) {
                return null;
            }
        }
        return SchemaBuilder.array(elements.schema()).build();
    }

    private static Schema inferMapSchema(Map<?, ?> map) {
        if (map.isEmpty()) {
            return null;
        }
        SchemaDetector keys = new SchemaDetector();
        SchemaDetector values = new SchemaDetector();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!keys.canDetect(entry.getKey()) || !values.canDetect(entry.getValue())) {
                return null;
            }
        }
        return SchemaBuilder.map(keys.schema(), values.schema()).build();
    }

    /**
     * Splits text into tokens for {@link ValueParser}: each of the delimiters {@code [ ] { } , : "} is a token of its
     * own and the text between delimiters is one token, whitespace included. A backslash escapes the next character
     * (both stay in the token), so {@code \:} does not split a token.
     * <p>
     * The parser can look one token ahead: {@link #isNext(String, boolean)} and {@link #canConsume(String, boolean)}
     * read the next token and keep it until it is consumed. {@link #position()} is the position after all text read,
     * the look-ahead included, while {@link #mark()} is the position after the tokens consumed, to which
     * {@link #rewindTo(int)} can return.
     */
    protected static class Parser {

        private static final String DELIMITERS = "[]{},:\"";
        private static final char ESCAPE = '\\';

        private final String original;
        private int position;
        private String lookahead;
        private String previous;

        public Parser(String original) {
            this.original = original;
        }

        /** @return the position in the text after the last token read, including a look-ahead token */
        public int position() {
            return position;
        }

        /** @return the position in the text after the last token consumed, for {@link #rewindTo(int)} */
        public int mark() {
            return lookahead == null ? position : position - lookahead.length();
        }

        /**
         * Continues reading at the given position, dropping the look-ahead and forgetting the previous token.
         *
         * @throws IllegalArgumentException if the position is outside the text
         */
        public void rewindTo(int position) {
            if (position < 0 || position > original.length()) {
                throw new IllegalArgumentException("Invalid index");
            }
            this.position = position;
            this.lookahead = null;
            this.previous = null;
        }

        public String original() {
            return original;
        }

        public boolean hasNext() {
            return lookahead != null || canConsumeNextToken();
        }

        /** @return the next token, or the empty string when the text is exhausted */
        public String next() {
            String token = lookahead != null ? lookahead : readToken();
            lookahead = null;
            previous = token;
            return token;
        }

        /**
         * @return the text of the next {@code n} tokens, or null (with nothing consumed) if fewer tokens remain; for
         *         {@code n == 0} the text of a pending look-ahead token, which stays pending
         */
        public String next(int n) {
            int start = mark();
            for (int i = 0; i < n; i++) {
                if (!hasNext()) {
                    rewindTo(start);
                    return null;
                }
                next();
            }
            return original.substring(start, position);
        }

        /** @return the token last returned by {@link #next()}, or null if there is none */
        public String previous() {
            return previous;
        }

        /** Same as {@code canConsume(expected, true)}. */
        public boolean canConsume(String expected) {
            return canConsume(expected, true);
        }

        /** Consumes the next token if it {@linkplain #isNext(String, boolean) is the expected one}. */
        public boolean canConsume(String expected, boolean ignoreLeadingAndTrailingWhitespace) {
            if (!isNext(expected, ignoreLeadingAndTrailingWhitespace)) {
                return false;
            }
            lookahead = null;
            return true;
        }

        /** @return whether unread text remains (ignoring any look-ahead token) */
        protected boolean canConsumeNextToken() {
            return position < original.length();
        }

        /**
         * Looks at the next token without consuming it. When ignoring whitespace, tokens of only whitespace are
         * skipped (and dropped) and the token is compared trimmed.
         */
        protected boolean isNext(String expected, boolean ignoreLeadingAndTrailingWhitespace) {
            if (lookahead == null) {
                if (!canConsumeNextToken()) {
                    return false;
                }
                lookahead = readToken();
            }
            if (!ignoreLeadingAndTrailingWhitespace) {
                return lookahead.equals(expected);
            }
            while (lookahead.trim().isEmpty() && canConsumeNextToken()) {
                lookahead = readToken();
            }
            return lookahead.trim().equals(expected);
        }

        private String readToken() {
            int start = position;
            int length = original.length();
            if (start >= length) {
                return "";
            }
            int end = start;
            if (isDelimiter(original.charAt(end))) {
                end++;
            } else {
                while (end < length && !isDelimiter(original.charAt(end))) {
                    boolean escapes = original.charAt(end) == ESCAPE && end + 1 < length;
                    end += escapes ? 2 : 1;
                }
            }
            position = end;
            return original.substring(start, end);
        }

        private static boolean isDelimiter(char c) {
            return DELIMITERS.indexOf(c) >= 0;
        }
    }

    /**
     * Finds the one schema type shared by a sequence of values, as {@link #inferSchema(Object)} infers it per value.
     * Nulls are allowed and make the resulting schema optional.
     */
    protected static class SchemaDetector {

        private Schema.Type knownType;
        private boolean optional;

        public SchemaDetector() {
        }

        /** @return whether the value is null or its inferred type matches the type of the values seen before */
        public boolean canDetect(Object value) {
            if (value == null) {
                optional = true;
                return true;
            }
            Schema schema = inferSchema(value);
            if (schema == null) {
                return false;
            }
            if (knownType == null) {
                knownType = schema.type();
                return true;
            }
            return knownType == schema.type();
        }

        /**
         * @return a new schema of the detected type only: no name or parameters, and no element, key, value or field
         *         schemas
         * @throws SchemaBuilderException if no non-null value has been detected
         */
        public Schema schema() {
            if (knownType == null) {
                throw new SchemaBuilderException("type cannot be null");
            }
            List<Field> fields = knownType == Schema.Type.STRUCT ? List.of() : null;
            return new ConnectSchema(knownType, optional, null, null, null, null, null, fields, null, null);
        }
    }
}
