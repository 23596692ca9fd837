package org.apache.kafka.connect.data;

import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.SchemaBuilderException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Behaviour of {@link Values} that the golden vectors pin down only loosely: tokenising, nesting, quoting and
 * escaping, schema merging, and round trips through the text form. Values were checked against Apache Kafka's.
 */
class ValuesTest {

    private static final long DAY = 24L * 60 * 60 * 1000;

    private static TimeZone originalZone;

    // Values formats and parses dates in the JVM's default zone; the expectations below are in UTC
    @BeforeAll
    static void useUtc() {
        originalZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    }

    @AfterAll
    static void restoreZone() {
        TimeZone.setDefault(originalZone);
    }

    @Nested
    class Tokenizer {

        @Test
        void splitsAtDelimitersAndKeepsWhitespaceInTokens() {
            assertEquals(List.of("{", "\"", "a b", "\"", ":", " ", "[", "1", ",", " 2 ", "]", "}"),
                tokens("{\"a b\": [1, 2 ]}"));
            assertEquals(List.of(" ", "[", "1 ", ",", " x y", "]"), tokens(" [1 , x y]"));
        }

        @Test
        void backslashEscapesTheNextCharacterAndStaysInTheToken() {
            assertEquals(List.of("12\\:34", ",", "a\\\"b"), tokens("12\\:34,a\\\"b"));
            assertEquals(List.of("a\\\\", ",", "b"), tokens("a\\\\,b"));
            assertEquals(List.of("trailing\\"), tokens("trailing\\"));
        }

        @Test
        void nextReturnsEmptyTextOnceExhausted() {
            Values.Parser parser = new Values.Parser("a");
            assertEquals("a", parser.next());
            assertFalse(parser.hasNext());
            assertEquals("", parser.next());
            assertEquals("", parser.previous());
        }

        @Test
        void previousIsTheLastTokenReturnedByNext() {
            Values.Parser parser = new Values.Parser("a,b");
            assertNull(parser.previous());
            parser.next();
            assertEquals("a", parser.previous());
            assertTrue(parser.canConsume(","));
            assertEquals("a", parser.previous(), "canConsume does not change the previous token");
        }

        @Test
        void canConsumeSkipsWhitespaceOnlyTokensAndTrims() {
            Values.Parser parser = new Values.Parser("[ ] , x ");
            assertTrue(parser.canConsume("["));
            assertTrue(parser.canConsume("]"));
            assertTrue(parser.canConsume(","));
            assertFalse(parser.canConsume("x", false), "without trimming, ' x ' is not 'x'");
            assertTrue(parser.canConsume("x"));
            assertFalse(parser.hasNext());
        }

        @Test
        void aFailedLookAheadKeepsTheTokenPending() {
            Values.Parser parser = new Values.Parser("ab,c");
            assertFalse(parser.canConsume("x"));
            assertEquals(2, parser.position(), "position includes the look-ahead");
            assertEquals(0, parser.mark(), "mark excludes it");
            assertTrue(parser.hasNext());
            assertEquals("ab", parser.next());
            assertEquals(2, parser.mark());
        }

        @Test
        void nextOfSeveralTokensConcatenatesThemOrRewindsWhenTooFewRemain() {
            Values.Parser parser = new Values.Parser("a,b,c");
            parser.next();
            assertEquals(",b,", parser.next(3));
            assertEquals(",", parser.previous());
            assertNull(parser.next(5));
            assertEquals(4, parser.position(), "a failed next(n) consumes nothing");
            assertNull(parser.previous());
            assertEquals("c", parser.next());
        }

        @Test
        void nextOfZeroTokensShowsAPendingLookAheadWithoutConsumingIt() {
            Values.Parser parser = new Values.Parser("true");
            assertFalse(parser.canConsume("]"));
            assertEquals("true", parser.next(0));
            assertEquals("true", parser.next());
        }

        @Test
        void rewindToDropsTheLookAheadAndChecksBounds() {
            Values.Parser parser = new Values.Parser("a,b");
            parser.next();
            parser.next();
            parser.rewindTo(0);
            assertEquals("a", parser.next());
            parser.rewindTo(3);
            assertFalse(parser.hasNext());
            assertThrows(IllegalArgumentException.class, () -> parser.rewindTo(-1));
            assertThrows(IllegalArgumentException.class, () -> parser.rewindTo(4));
            assertEquals("a,b", parser.original());
        }

        private List<String> tokens(String text) {
            Values.Parser parser = new Values.Parser(text);
            List<String> tokens = new ArrayList<>();
            while (parser.hasNext()) {
                tokens.add(parser.next());
            }
            return tokens;
        }
    }

    @Nested
    class ParseString {

        @Test
        void nestedArraysAndMapsGetNestedSchemas() {
            SchemaAndValue parsed = Values.parseString("{\"a\":[1,2],\"b\":[300]}");

            assertEquals(SchemaBuilder.map(Schema.STRING_SCHEMA, SchemaBuilder.array(Schema.INT16_SCHEMA).build())
                .build(), parsed.schema(), "the latest value schema of a type wins; inner values are not widened");
            assertEquals(Map.of("a", List.of((byte) 1, (byte) 2), "b", List.of((short) 300)), parsed.value());
        }

        @Test
        void numericElementsWidenToTheWidestType() {
            SchemaAndValue parsed = Values.parseString("[1, 300, 70000, 1.5]");

            assertEquals(SchemaBuilder.array(Schema.FLOAT32_SCHEMA).build(), parsed.schema());
            assertEquals(List.of(1.0f, 300.0f, 70000.0f, 1.5f), parsed.value());
        }

        @Test
        void numbersAndDatesMergeIntoTheWiderLogicalSchema() {
            SchemaAndValue parsed = Values.parseString("[2023-01-01,1]");

            assertEquals(SchemaBuilder.array(Date.SCHEMA).build(), parsed.schema());
            assertEquals(List.of(new java.util.Date(1672531200000L), new java.util.Date(DAY)), parsed.value());
        }

        @Test
        void mixedElementTypesLeaveTheElementSchemaUnknown() {
            SchemaAndValue parsed = Values.parseString("[true,1,\"x\"]");

            assertEquals(Schema.Type.ARRAY, parsed.schema().type());
            assertNull(parsed.schema().valueSchema());
            assertEquals(Arrays.asList(true, (byte) 1, "x"), parsed.value());
        }

        @Test
        void conflictingMapKeysLeaveBothKeyAndValueSchemasUnknown() {
            SchemaAndValue parsed = Values.parseString("{1:2,\"a\":3}");

            assertNull(parsed.schema().keySchema());
            assertNull(parsed.schema().valueSchema());
            assertEquals(2, ((Map<?, ?>) parsed.value()).size());
        }

        @Test
        void aNullElementBesideTypedOnesMakesTheWholeTextAString() {
            assertEquals(new SchemaAndValue(Schema.STRING_SCHEMA, "[1,null]"), Values.parseString("[1,null]"));
            assertEquals(new SchemaAndValue(Schema.STRING_SCHEMA, "{\"a\":[1],\"b\":null}"),
                Values.parseString("{\"a\":[1],\"b\":null}"));
            assertEquals(Arrays.asList(null, null), Values.parseString("[null,null]").value());
        }

        @Test
        void quotedStringsMayHoldDelimitersAndKeepTheirEscapes() {
            SchemaAndValue parsed = Values.parseString("[\"a,b\", \"c]d\", \"e\\\"f\", \" g \"]");

            assertEquals(SchemaBuilder.array(Schema.STRING_SCHEMA).build(), parsed.schema());
            assertEquals(List.of("a,b", "c]d", "e\\\"f", " g "), parsed.value());
        }

        @Test
        void quotedTemporalTextIsReadAsTemporal() {
            SchemaAndValue parsed = Values.parseString("[\"12:34:56.789Z\"]");

            assertEquals(SchemaBuilder.array(Time.SCHEMA).build(), parsed.schema());
            assertEquals(List.of(new java.util.Date(45296789L)), parsed.value());
            assertEquals(List.of("1"), Values.parseString("[\"1\"]").value(), "quoted numbers stay strings");
        }

        @Test
        void timesAreReadWithPlainOrEscapedColons() {
            assertEquals(new SchemaAndValue(Time.SCHEMA, new java.util.Date(45296789L)),
                Values.parseString("12:34:56.789Z"));
            assertEquals(new SchemaAndValue(Timestamp.SCHEMA, new java.util.Date(1672576496789L)),
                Values.parseString("2023-01-01T12\\:34\\:56.789Z"));
            assertEquals(new SchemaAndValue(Schema.INT8_SCHEMA, (byte) 12), Values.parseString("12:34:56"),
                "an incomplete time is the number before its first colon");
        }

        @Test
        void commasBetweenMapEntriesAreOptionalAndTrailingCommasAllowed() {
            Map<String, Byte> expected = Map.of("a", (byte) 1, "b", (byte) 2);
            assertEquals(expected, Values.parseString("{\"a\":1 \"b\":2}").value());
            assertEquals(expected, Values.parseString("{\"a\":1,\"b\":2,}").value());
            assertEquals(List.of((byte) 1), Values.parseString("[1, ]").value());
            assertEquals(Schema.STRING_SCHEMA, Values.parseString("[1,,2]").schema());
        }

        @Test
        void unquotedWordsAreNotValuesInsideContainers() {
            assertEquals(new SchemaAndValue(Schema.STRING_SCHEMA, "[a,b]"), Values.parseString("[a,b]"));
            assertEquals(new SchemaAndValue(Schema.STRING_SCHEMA, "{a:1}"), Values.parseString("{a:1}"));
        }

        @Test
        void textAfterAContainerOrNumberIsIgnoredButNotAfterALiteral() {
            assertEquals(List.of((byte) 1), Values.parseString("[1] trailing").value());
            assertEquals((byte) 1, Values.parseString("1,2]").value());
            assertEquals(new SchemaAndValue(Schema.STRING_SCHEMA, "true,"), Values.parseString("true,"));
            assertEquals(new SchemaAndValue(Schema.STRING_SCHEMA, "null]"), Values.parseString("null]"));
        }

        @Test
        void aMalformedContainerAfterLeadingWhitespaceYieldsOnlyTheWhitespace() {
            assertEquals(new SchemaAndValue(Schema.STRING_SCHEMA, "  "), Values.parseString("  [1,2"));
            assertEquals(new SchemaAndValue(Schema.STRING_SCHEMA, "[1,2"), Values.parseString("[1,2"));
            assertEquals(new SchemaAndValue(Schema.STRING_SCHEMA, " ]"), Values.parseString(" ]"));
        }

        @Test
        void literalsAreCaseSensitiveAndNullTextIsANullReference() {
            assertNull(Values.parseString(" null "));
            assertEquals(SchemaAndValue.NULL, Values.parseString(null));
            assertEquals(new SchemaAndValue(Schema.BOOLEAN_SCHEMA, true), Values.parseString(" true "));
            assertEquals(new SchemaAndValue(Schema.STRING_SCHEMA, "True"), Values.parseString("True"));
        }

        @Test
        void numbersGetTheNarrowestFittingSchema() {
            assertEquals(new SchemaAndValue(Schema.INT16_SCHEMA, (short) 128), Values.parseString("128"));
            assertEquals(new SchemaAndValue(Schema.INT8_SCHEMA, (byte) 15), Values.parseString("1.5e1"));
            assertEquals(new SchemaAndValue(Schema.FLOAT32_SCHEMA, 1.0e19f), Values.parseString("1e19"));
            assertEquals(new SchemaAndValue(Schema.FLOAT64_SCHEMA, 1.0e39), Values.parseString("1e39"));
            assertEquals(new SchemaAndValue(Decimal.schema(0), new BigDecimal("12345678901234567890")),
                Values.parseString("12345678901234567890"));
            assertEquals(new SchemaAndValue(Decimal.schema(-400), new BigDecimal("1e400")), Values.parseString("1e400"));
            assertEquals(new SchemaAndValue(Schema.STRING_SCHEMA, ".5"), Values.parseString(".5"));
        }
    }

    @Nested
    class ConvertToString {

        @Test
        void quotesAndEscapesStringsOnlyInsideContainers() {
            assertEquals("a\"b\\c", Values.convertToString(null, "a\"b\\c"));
            assertEquals("[\"a\\\"b\\\\c\",null]", Values.convertToString(null, Arrays.asList("a\"b\\c", null)));
            assertEquals("{\"k\\\"\":\"v\"}", Values.convertToString(null, Map.of("k\"", "v")));
        }

        @Test
        void writesStructFieldsInOrderWithTheirDefaults() {
            Schema schema = SchemaBuilder.struct()
                .field("name", Schema.STRING_SCHEMA)
                .field("count", SchemaBuilder.int32().defaultValue(7).build())
                .field("data", Schema.OPTIONAL_BYTES_SCHEMA)
                .build();
            Struct struct = new Struct(schema).put("name", "x").put("data", new byte[]{1, 2});

            assertEquals("{\"name\":\"x\",\"count\":7,\"data\":\"AQI=\"}", Values.convertToString(schema, struct));
        }

        @Test
        void writesDatesInTheFormChosenByTheirValueAndNeverQuotesThem() {
            List<java.util.Date> dates = List.of(new java.util.Date(5000), new java.util.Date(2 * DAY),
                new java.util.Date(2 * DAY + 1));

            assertEquals("[00:00:05.000Z,1970-01-03,1970-01-03T00:00:00.001Z]", Values.convertToString(null, dates));
        }

        @Test
        void writesByteBuffersFromTheirStartToTheirLimit() {
            ByteBuffer buffer = ByteBuffer.wrap(new byte[]{9, 1, 2});
            buffer.position(1);

            assertEquals("CQEC", Values.convertToString(null, buffer));
            assertEquals(1, buffer.position());
        }

        @Test
        void rejectsValuesOfNoConnectType() {
            assertThrows(DataException.class, () -> Values.convertToString(null, List.of('c')));
        }

        @Test
        void protectedBuildingBlocksWriteTheSameForm() {
            StringBuilder text = new StringBuilder();
            Values.appendIterable(text, Arrays.asList("a", 1, null).iterator());
            assertEquals("\"a\",1,null", text.toString());

            text.setLength(0);
            Values.append(text, "s", false);
            Values.append(text, "s", true);
            assertEquals("s\"s\"", text.toString());
            assertEquals("\\\\\\\"", Values.escape("\\\""));
        }

        @Test
        void dateFormatForChoosesThePatternByValueInTheDefaultZone() {
            SimpleDateFormat time = (SimpleDateFormat) Values.dateFormatFor(new java.util.Date(-1));
            SimpleDateFormat date = (SimpleDateFormat) Values.dateFormatFor(new java.util.Date(DAY));
            SimpleDateFormat timestamp = (SimpleDateFormat) Values.dateFormatFor(new java.util.Date(DAY + 1));

            assertEquals("HH:mm:ss.SSS'Z'", time.toPattern());
            assertEquals("yyyy-MM-dd", date.toPattern());
            assertEquals("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", timestamp.toPattern());
            assertEquals(TimeZone.getDefault(), timestamp.getTimeZone());
        }
    }

    @Nested
    class RoundTrip {

        @ParameterizedTest
        @ValueSource(strings = {"[1,2,3]", "{\"a\":[1,2],\"b\":[]}", "[[\"x,y\",\"\"],[]]", "{1:\"one\",2:\"two\"}",
            "[2023-01-01,2023-01-02]", "{\"t\":12:34:56.789Z}", "[1.5,2.5]", "[true,false]"})
        void textSurvivesParseAndFormat(String text) {
            assertEquals(text, Values.convertToString(null, Values.parseString(text).value()));
        }

        @Test
        void valuesSurviveFormatAndParse() {
            Map<String, List<Integer>> map = new LinkedHashMap<>();
            map.put("a", List.of(-5));
            map.put("b,\"c\"", List.of(1, 70000));

            SchemaAndValue parsed = Values.parseString(Values.convertToString(null, map));

            assertEquals(SchemaBuilder.map(Schema.STRING_SCHEMA, SchemaBuilder.array(Schema.INT32_SCHEMA).build())
                .build(), parsed.schema());
            assertEquals(List.of("a", "b,\\\"c\\\""), new ArrayList<>(((Map<?, ?>) parsed.value()).keySet()),
                "escapes written for embedded quotes are kept when read back");
        }

        @Test
        void timestampsSurviveFormatAndParse() {
            java.util.Date timestamp = new java.util.Date(1672576496789L);

            assertEquals(new SchemaAndValue(Timestamp.SCHEMA, timestamp),
                Values.parseString(Values.convertToString(Timestamp.SCHEMA, timestamp)));
        }
    }

    @Nested
    class Conversions {

        @Test
        void numbersNarrowThroughLong() {
            assertEquals(-1, Values.convertToInteger(null, 1e20));
            assertEquals(Long.MAX_VALUE, Values.convertToLong(null, 1e20));
            assertEquals((byte) 127, Values.convertToByte(Schema.STRING_SCHEMA, "-129"));
            assertFalse(Values.convertToBoolean(null, 0.9), "0.9 is 0 as a long");
        }

        @Test
        void temporalValuesConvertThroughTheirLogicalNumbers() {
            java.util.Date beforeEpoch = new java.util.Date(-1);

            assertEquals(new java.util.Date(DAY - 1), Values.convertToTime(Timestamp.SCHEMA, beforeEpoch));
            assertEquals(new java.util.Date(0), Values.convertToDate(Timestamp.SCHEMA, beforeEpoch),
                "the day of a timestamp truncates towards zero");
            assertEquals(new java.util.Date(3 * DAY), Values.convertToTimestamp(Date.SCHEMA, new java.util.Date(3 * DAY)));
            assertEquals(new java.util.Date(3), Values.convertToTime(Date.SCHEMA, new java.util.Date(3 * DAY)),
                "a date is a number of days, taken as milliseconds of the day");
            assertEquals(3L, Values.convertToLong(Date.SCHEMA, new java.util.Date(3 * DAY)));
            assertThrows(DataException.class, () -> Values.convertToLong(null, new java.util.Date(3 * DAY)));
        }

        @Test
        void textIsParsedBeforeTemporalConversionUnderTheOriginalSchema() {
            java.util.Date date = new java.util.Date(1672531200000L);

            assertEquals(date, Values.convertToDate(null, "2023-01-01"));
            assertThrows(DataException.class, () -> Values.convertToDate(Schema.STRING_SCHEMA, "2023-01-01"));
        }

        @Test
        void theTextNullIsRejectedAsAMissingValue() {
            // Apache throws a NullPointerException here; ours reports the missing value
            assertThrows(DataException.class, () -> Values.convertToDate(null, "null"));
            assertThrows(DataException.class, () -> Values.convertToList(null, "null"));
            assertThrows(DataException.class, () -> Values.convertToBoolean(null, "null"));
        }

        @Test
        void decimalsDecodeBytesWithTheRequestedScaleAndLeaveBuffersUntouched() {
            ByteBuffer buffer = ByteBuffer.wrap(new byte[]{9, 1, 2});
            buffer.position(1);

            assertEquals(new BigDecimal("2.58"), Values.convertToDecimal(null, buffer, 2));
            assertEquals(1, buffer.position());
            assertEquals(new BigDecimal("300.0"), Values.convertToDecimal(null, 300, 2));
            assertThrows(NumberFormatException.class, () -> Values.convertToDecimal(null, "abc", 2));
        }

        @Test
        void convertToFollowsTheTargetSchemaAndItsOptionality() {
            assertNull(Values.convertTo(Schema.OPTIONAL_INT32_SCHEMA, null, null));
            assertThrows(DataException.class, () -> Values.convertTo(Schema.INT32_SCHEMA, null, null));
            assertEquals(5, Values.convertTo(Schema.INT32_SCHEMA, null, "5"));
            assertEquals(new java.util.Date(DAY), Values.convertTo(Date.SCHEMA, null, 1));
            assertArrayEquals(new byte[]{1, 2}, (byte[]) Values.convertTo(Schema.BYTES_SCHEMA, null,
                ByteBuffer.wrap(new byte[]{1, 2})));
        }

        @Test
        void alignmentConvertsElementsKeysAndValues() {
            Schema map = SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.INT64_SCHEMA).build();
            Map<Object, Object> input = new LinkedHashMap<>(Map.of((byte) 1, (byte) 2));

            assertEquals(Map.of(1, 2L), Values.alignMapKeysAndValuesWithSchema(map, input));
            assertEquals(Map.of(1, (byte) 2), Values.alignMapKeysWithSchema(map, input));
            assertEquals(List.of(1, 2), Values.alignListEntriesWithSchema(SchemaBuilder.array(Schema.INT32_SCHEMA)
                .build(), new ArrayList<>(List.of((byte) 1, "2"))));
        }

        @Test
        void containersAreReturnedAsTheyAre() {
            List<Object> list = new ArrayList<>();
            Map<Object, Object> map = new LinkedHashMap<>();

            assertSame(list, Values.convertToList(null, list));
            assertSame(map, Values.convertToMap(null, map));
            assertThrows(DataException.class, () -> Values.convertToStruct(null, "{\"a\":1}"));
        }
    }

    @Nested
    class InferSchema {

        @Test
        void detectsOneTypeAndMakesItOptionalWhenNullsOccur() {
            Values.SchemaDetector detector = new Values.SchemaDetector();

            assertTrue(detector.canDetect(null));
            assertTrue(detector.canDetect(1));
            assertFalse(detector.canDetect(1L));
            assertFalse(detector.canDetect(new BigDecimal("1")), "logical values have no inferable schema");
            assertEquals(Schema.OPTIONAL_INT32_SCHEMA, detector.schema());
        }

        @Test
        void nestedContainersAreDetectedByTypeOnly() {
            Schema inferred = Values.inferSchema(List.of(List.of(1), List.of("a")));

            assertEquals(Schema.Type.ARRAY, inferred.valueSchema().type());
            assertNull(inferred.valueSchema().valueSchema());
            assertNull(Values.inferSchema(List.of(List.of(1), List.of())), "an empty list has no schema");
        }

        @Test
        void listsOfOnlyNullsHaveNoType() {
            assertThrows(SchemaBuilderException.class, () -> Values.inferSchema(Arrays.asList(null, null)));
            assertThrows(SchemaBuilderException.class, () -> new Values.SchemaDetector().schema());
        }
    }
}
