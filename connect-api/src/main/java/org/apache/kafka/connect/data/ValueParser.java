package org.apache.kafka.connect.data;

import org.apache.kafka.connect.errors.DataException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads the text form of Connect values (the grammar behind {@link Values#parseString(String)}), inferring a schema
 * as it goes. The text is split by {@link Values.Parser} into tokens at the delimiters {@code [ ] { } , : "}.
 * <p>
 * At the top level the text may be an array {@code [a,b]}, a map {@code {k:v}}, one of {@code null}, {@code true},
 * {@code false}, a number, or a date, time or timestamp in the {@link IsoTemporalFormats} forms. Inside containers,
 * double-quoted strings are allowed too (their escapes are kept as written). Anything else, or any malformed
 * container, makes the whole text a STRING. Several quirks are kept on purpose because Apache Kafka behaves this way:
 * text after a complete top-level array, map, number or temporal value is ignored, while {@code null}, {@code true}
 * and {@code false} must stand alone; commas between map entries are optional; a trailing comma is allowed in arrays
 * and maps; a malformed container after leading whitespace yields just that whitespace.
 * <p>
 * The elements of an array (and the keys and the values of a map) get a common schema when their schemas agree or
 * differ only by numeric width; the elements are then converted to that schema. A null element cannot be converted
 * to the (required) common schema, so it makes the whole text a STRING unless no element has a schema at all.
 */
final class ValueParser {

    private static final String ARRAY_BEGIN = "[";
    private static final String ARRAY_END = "]";
    private static final String MAP_BEGIN = "{";
    private static final String MAP_END = "}";
    private static final String ENTRY_SEPARATOR = ":";
    private static final String ELEMENT_SEPARATOR = ",";
    private static final String QUOTE = "\"";
    private static final String NULL = "null";
    private static final String TRUE = "true";
    private static final String FALSE = "false";

    /** The number of tokens in {@code HH ':' mm ':' ss.SSSZ}, the form the tokenizer splits an unescaped time into. */
    private static final int SPLIT_TIME_TOKENS = 5;

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private static final SchemaAndValue TRUE_VALUE = new SchemaAndValue(Schema.BOOLEAN_SCHEMA, Boolean.TRUE);
    private static final SchemaAndValue FALSE_VALUE = new SchemaAndValue(Schema.BOOLEAN_SCHEMA, Boolean.FALSE);

    private final Values.Parser tokens;

    private ValueParser(String text) {
        this.tokens = new Values.Parser(text);
    }

    /**
     * @return the parsed schema and value; {@link SchemaAndValue#NULL} for null text; a null reference for the text
     *         {@code null}; the text itself as a STRING when it is in none of the recognised forms
     */
    static SchemaAndValue parse(String text) {
        if (text == null) {
            return SchemaAndValue.NULL;
        }
        if (text.isEmpty()) {
            return new SchemaAndValue(Schema.STRING_SCHEMA, text);
        }
        try {
            return new ValueParser(text).parseTopLevel();
        } catch (NotAValue | DataException e) {
            return new SchemaAndValue(Schema.STRING_SCHEMA, text);
        }
    }

    private SchemaAndValue parseTopLevel() {
        if (tokens.canConsume(ARRAY_BEGIN)) {
            return parseTopLevelContainer(this::parseArray);
        }
        if (tokens.canConsume(MAP_BEGIN)) {
            return parseTopLevelContainer(this::parseMap);
        }
        if (tokens.canConsume(NULL)) {
            requireEnd();
            return null;
        }
        if (tokens.canConsume(TRUE)) {
            requireEnd();
            return TRUE_VALUE;
        }
        if (tokens.canConsume(FALSE)) {
            requireEnd();
            return FALSE_VALUE;
        }
        return parseNumberOrTemporal(tokens.next());
    }

    /**
     * Apache quirk kept for compatibility: when a malformed top-level array or map follows leading whitespace, the
     * result is a STRING of only that whitespace rather than of the whole text.
     */
    private SchemaAndValue parseTopLevelContainer(Supplier<SchemaAndValue> container) {
        try {
            return container.get();
        } catch (NotAValue | DataException e) {
            tokens.rewindTo(0);
            String leading = tokens.next();
            if (leading.trim().isEmpty()) {
                return new SchemaAndValue(Schema.STRING_SCHEMA, leading);
            }
            throw e;
        }
    }

    /** Parses a value inside a container; a null value comes back as {@link SchemaAndValue#NULL}. */
    private SchemaAndValue parseEmbedded() {
        if (tokens.canConsume(ARRAY_BEGIN)) {
            return parseArray();
        }
        if (tokens.canConsume(MAP_BEGIN)) {
            return parseMap();
        }
        if (tokens.canConsume(QUOTE)) {
            return parseQuoted();
        }
        if (tokens.canConsume(NULL)) {
            return SchemaAndValue.NULL;
        }
        if (tokens.canConsume(TRUE)) {
            return TRUE_VALUE;
        }
        if (tokens.canConsume(FALSE)) {
            return FALSE_VALUE;
        }
        if (!tokens.hasNext()) {
            throw new NotAValue();
        }
        return parseNumberOrTemporal(tokens.next());
    }

    private SchemaAndValue parseArray() {
        List<Object> elements = new ArrayList<>();
        CommonSchema elementSchema = new CommonSchema();
        while (!tokens.canConsume(ARRAY_END)) {
            SchemaAndValue element = parseEmbedded();
            elements.add(element.value());
            elementSchema.include(element.schema());
            if (!tokens.canConsume(ELEMENT_SEPARATOR)) {
                if (tokens.canConsume(ARRAY_END)) {
                    break;
                }
                throw new NotAValue();
            }
        }
        Schema common = elementSchema.schema();
        Schema schema = arraySchema(common);
        return new SchemaAndValue(schema, common == null ? elements : ValueConverter.alignElements(schema, elements));
    }

    private SchemaAndValue parseMap() {
        Map<Object, Object> entries = new LinkedHashMap<>();
        CommonSchema keySchema = new CommonSchema();
        CommonSchema valueSchema = new CommonSchema();
        while (!tokens.canConsume(MAP_END)) {
            SchemaAndValue key = parseEmbedded();
            if (key.value() == null || !tokens.canConsume(ENTRY_SEPARATOR)) {
                throw new NotAValue();
            }
            SchemaAndValue value = parseEmbedded();
            entries.put(key.value(), value.value());
            keySchema.include(key.schema());
            valueSchema.include(value.schema());
            tokens.canConsume(ELEMENT_SEPARATOR);
        }
        Schema keys = keySchema.schema();
        if (keys == null) {
            return new SchemaAndValue(mapSchema(null, null), entries);
        }
        Schema values = valueSchema.schema();
        Schema schema = mapSchema(keys, values);
        return new SchemaAndValue(schema, ValueConverter.alignEntries(schema, entries, values != null));
    }

    /** Reads up to the closing quote, which has been opened already; escapes are kept as written. */
    private SchemaAndValue parseQuoted() {
        StringBuilder content = new StringBuilder();
        while (true) {
            if (!tokens.hasNext()) {
                throw new NotAValue();
            }
            String token = tokens.next();
            if (token.equals(QUOTE)) {
                break;
            }
            content.append(token);
        }
        String text = content.toString();
        SchemaAndValue temporal = IsoTemporalFormats.parse(text);
        return temporal != null ? temporal : new SchemaAndValue(Schema.STRING_SCHEMA, text);
    }

    private SchemaAndValue parseNumberOrTemporal(String token) {
        String text = token.trim();
        if (text.isEmpty()) {
            throw new NotAValue();
        }
        char first = text.charAt(0);
        if (Character.isDigit(first)) {
            SchemaAndValue temporal = parseTemporal(text);
            if (temporal != null) {
                return temporal;
            }
        } else if (first != '+' && first != '-') {
            throw new NotAValue();
        }
        return parseNumber(text);
    }

    /**
     * A temporal value is either one token (a date, or a time with escaped colons) or a time split by the tokenizer at
     * its colons; in the latter case the following tokens are consumed, else the parser is left as it was.
     */
    private SchemaAndValue parseTemporal(String firstToken) {
        SchemaAndValue temporal = IsoTemporalFormats.parse(firstToken);
        if (temporal != null) {
            return temporal;
        }
        int mark = tokens.mark();
        String rest = tokens.next(SPLIT_TIME_TOKENS - 1);
        if (rest != null) {
            temporal = IsoTemporalFormats.parse(firstToken + rest);
            if (temporal != null) {
                return temporal;
            }
        }
        tokens.rewindTo(mark);
        return null;
    }

    /**
     * Integral numbers in the long range get the narrowest integer schema. Other numbers written with a fraction or an
     * exponent become FLOAT32 if a float can hold their magnitude, else FLOAT64 if a double can; the rest (including
     * integers beyond the long range written without a fraction) become a Decimal of the number's own scale.
     */
    private static SchemaAndValue parseNumber(String text) {
        BigDecimal number;
        try {
            number = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new NotAValue();
        }
        if (isIntegral(number) && number.compareTo(LONG_MIN) >= 0 && number.compareTo(LONG_MAX) <= 0) {
            return narrowestInteger(number.longValue());
        }
        if (number.scale() != 0) {
            float asFloat = number.floatValue();
            if (!Float.isInfinite(asFloat)) {
                return new SchemaAndValue(Schema.FLOAT32_SCHEMA, asFloat);
            }
            double asDouble = number.doubleValue();
            if (!Double.isInfinite(asDouble)) {
                return new SchemaAndValue(Schema.FLOAT64_SCHEMA, asDouble);
            }
        }
        return new SchemaAndValue(Decimal.schema(number.scale()), number);
    }

    private static boolean isIntegral(BigDecimal number) {
        return number.signum() == 0 || number.scale() <= 0 || number.stripTrailingZeros().scale() <= 0;
    }

    private static SchemaAndValue narrowestInteger(long value) {
        if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
            return new SchemaAndValue(Schema.INT8_SCHEMA, (byte) value);
        }
        if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
            return new SchemaAndValue(Schema.INT16_SCHEMA, (short) value);
        }
        if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
            return new SchemaAndValue(Schema.INT32_SCHEMA, (int) value);
        }
        return new SchemaAndValue(Schema.INT64_SCHEMA, value);
    }

    private void requireEnd() {
        if (tokens.hasNext()) {
            throw new NotAValue();
        }
    }

    /** Array and map schemas are built directly because their element, key or value schema may be unknown (null). */
    private static Schema arraySchema(Schema elementSchema) {
        return new ConnectSchema(Schema.Type.ARRAY, false, null, null, null, null, null, null, null, elementSchema);
    }

    private static Schema mapSchema(Schema keySchema, Schema valueSchema) {
        return new ConnectSchema(Schema.Type.MAP, false, null, null, null, null, null, null, keySchema, valueSchema);
    }

    /**
     * The schema shared by a sequence of parsed values, ignoring nulls: among schemas of one type the latest wins,
     * numeric types widen (INT8 up to FLOAT64, keeping the wider schema, logical name included), and any other
     * difference leaves the sequence without a common schema.
     */
    private static final class CommonSchema {

        private static final List<Schema.Type> NUMERIC_WIDENING = List.of(Schema.Type.INT8, Schema.Type.INT16,
            Schema.Type.INT32, Schema.Type.INT64, Schema.Type.FLOAT32, Schema.Type.FLOAT64);

        private Schema schema;
        private boolean conflicting;

        void include(Schema next) {
            if (next == null || conflicting) {
                return;
            }
            if (schema == null || schema.type() == next.type()) {
                schema = next;
                return;
            }
            int currentWidth = NUMERIC_WIDENING.indexOf(schema.type());
            int nextWidth = NUMERIC_WIDENING.indexOf(next.type());
            if (currentWidth < 0 || nextWidth < 0) {
                conflicting = true;
                schema = null;
            } else if (nextWidth > currentWidth) {
                schema = next;
            }
        }

        /** @return the common schema, or null if there were no non-null values or they had no common schema */
        Schema schema() {
            return schema;
        }
    }

    /** Signals text that is not in the grammar; cheap because it is part of normal control flow. */
    private static final class NotAValue extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotAValue() {
            super(null, null, false, false);
        }
    }
}
