package org.apache.kafka.connect.json;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Values written and read back, and the exact JSON text written for them. */
class JsonConverterRoundTripTest {

    private static JsonConverter converter(String... keysAndValues) {
        Map<String, String> config = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        JsonConverter converter = new JsonConverter();
        converter.configure(config, false);
        return converter;
    }

    private static String write(JsonConverter converter, Schema schema, Object value) {
        return new String(converter.fromConnectData("t", schema, value), StandardCharsets.UTF_8);
    }

    private static SchemaAndValue read(JsonConverter converter, String json) {
        return converter.toConnectData("t", json.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes with schemas enabled, reads back, and checks both the schema and the value survive. */
    private static void assertRoundTrip(Schema schema, Object value) {
        JsonConverter converter = converter();
        SchemaAndValue back = converter.toConnectData("t", converter.fromConnectData("t", schema, value));
        assertEquals(schema, back.schema());
        if (value instanceof byte[]) {
            assertArrayEquals((byte[]) value, (byte[]) back.value());
        } else {
            assertEquals(value, back.value());
        }
    }

    @Test
    void primitivesRoundTrip() {
        assertRoundTrip(Schema.INT8_SCHEMA, (byte) -128);
        assertRoundTrip(Schema.INT16_SCHEMA, (short) 32767);
        assertRoundTrip(Schema.INT32_SCHEMA, Integer.MIN_VALUE);
        assertRoundTrip(Schema.INT64_SCHEMA, Long.MAX_VALUE);
        assertRoundTrip(Schema.FLOAT32_SCHEMA, 0.1f);
        assertRoundTrip(Schema.FLOAT32_SCHEMA, Float.MAX_VALUE);
        assertRoundTrip(Schema.FLOAT64_SCHEMA, 0.1);
        assertRoundTrip(Schema.FLOAT64_SCHEMA, Double.MIN_VALUE);
        assertRoundTrip(Schema.BOOLEAN_SCHEMA, true);
        assertRoundTrip(Schema.STRING_SCHEMA, "tab\t \"quote\" \u00e9 \uD83D\uDE00");
        assertRoundTrip(Schema.BYTES_SCHEMA, new byte[] {0, 1, -1, 127, -128});
    }

    @Test
    void namedSchemaWithMetadataRoundTrips() {
        assertRoundTrip(SchemaBuilder.int32().name("my.Int").version(3).doc("an int").parameter("k", "v")
                .defaultValue(7).optional().build(), 5);
    }

    @Test
    void logicalTypesRoundTrip() {
        assertRoundTrip(Decimal.schema(2), new BigDecimal("-12.34"));
        assertRoundTrip(Decimal.schema(-2), new BigDecimal("1.2E+3"));
        assertRoundTrip(Date.SCHEMA, new java.util.Date(19358L * 86_400_000L));
        assertRoundTrip(Time.SCHEMA, new java.util.Date(45_296_789L));
        assertRoundTrip(Timestamp.SCHEMA, new java.util.Date(-1L));
    }

    @Test
    void containersRoundTrip() {
        Schema inner = SchemaBuilder.struct().name("Inner").field("x", Schema.INT32_SCHEMA)
                .field("y", Schema.OPTIONAL_STRING_SCHEMA).build();
        Schema outer = SchemaBuilder.struct().name("Outer")
                .field("inner", inner)
                .field("list", SchemaBuilder.array(Decimal.schema(1)).build())
                .field("byName", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_INT64_SCHEMA).build())
                .field("byStruct", SchemaBuilder.map(inner, Schema.BOOLEAN_SCHEMA).build())
                .build();
        Struct key = new Struct(inner).put("x", 1);
        Map<String, Long> byName = new HashMap<>();
        byName.put("a", 1L);
        byName.put("b", null);
        Struct value = new Struct(outer)
                .put("inner", new Struct(inner).put("x", 2).put("y", "two"))
                .put("list", List.of(new BigDecimal("1.5"), new BigDecimal("-0.1")))
                .put("byName", byName)
                .put("byStruct", Map.of(key, true));

        assertRoundTrip(outer, value);
    }

    @Test
    void numbersAreWrittenAsJavaPrintsThem() {
        JsonConverter converter = converter("schemas.enable", "false");

        assertEquals("1.0E10", write(converter, Schema.FLOAT32_SCHEMA, 1.0E10f));
        assertEquals("-0.0", write(converter, Schema.FLOAT64_SCHEMA, -0.0));
        assertEquals("\"NaN\"", write(converter, Schema.FLOAT64_SCHEMA, Double.NaN));
        assertEquals("\"-Infinity\"", write(converter, Schema.FLOAT32_SCHEMA, Float.NEGATIVE_INFINITY));
        assertEquals("-9223372036854775808", write(converter, Schema.INT64_SCHEMA, Long.MIN_VALUE));
    }

    @Test
    void decimalFormats() {
        Schema schema = Decimal.schema(2);
        BigDecimal value = new BigDecimal("12.30");

        assertEquals("\"BM4=\"", write(converter("schemas.enable", "false"), schema, value));
        assertEquals("12.30", write(converter("schemas.enable", "false", "decimal.format", "NUMERIC"), schema, value));
        // NUMERIC writes the value as it is, even with a scale other than the schema's.
        assertEquals("1.5", write(converter("schemas.enable", "false", "decimal.format", "NUMERIC"), schema,
                new BigDecimal("1.5")));
        assertThrows(DataException.class, () -> write(converter(), schema, new BigDecimal("1.5")));
    }

    @Test
    void decimalsAreReadFromEitherForm() {
        String schema = "{\"type\":\"bytes\",\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,"
                + "\"parameters\":{\"scale\":\"2\"}}";
        JsonConverter converter = converter();
        String envelope = "{\"schema\":" + schema + ",\"payload\":%s}";

        assertEquals(new BigDecimal("12.30"), read(converter, String.format(envelope, "\"BM4=\"")).value());
        assertEquals(new BigDecimal("12.30"), read(converter, String.format(envelope, "12.30")).value());
        assertEquals(new BigDecimal("1.5E+2"), read(converter, String.format(envelope, "1.5e2")).value());
    }

    @Test
    void logicalTypesAreWrittenAsNumbers() {
        JsonConverter converter = converter("schemas.enable", "false");

        assertEquals("19358", write(converter, Date.SCHEMA, new java.util.Date(19358L * 86_400_000L)));
        assertEquals("45296789", write(converter, Time.SCHEMA, new java.util.Date(45_296_789L)));
        assertEquals("1672576496789", write(converter, Timestamp.SCHEMA, new java.util.Date(1672576496789L)));
    }

    @Test
    void logicalTypesRejectOtherJavaTypes() {
        JsonConverter converter = converter();

        assertThrows(DataException.class, () -> write(converter, Decimal.schema(2), 12.34));
        assertThrows(DataException.class, () -> write(converter, Date.SCHEMA, 19358));
        assertThrows(DataException.class, () -> write(converter, Timestamp.SCHEMA, 1L));
    }

    @Test
    void logicalTypesRejectOtherJsonTypes() {
        JsonConverter converter = converter();
        String date = "{\"type\":\"int32\",\"name\":\"org.apache.kafka.connect.data.Date\"}";
        String time = "{\"type\":\"int32\",\"name\":\"org.apache.kafka.connect.data.Time\"}";
        String timestamp = "{\"type\":\"int64\",\"name\":\"org.apache.kafka.connect.data.Timestamp\"}";

        assertThrows(DataException.class, () -> read(converter, "{\"schema\":" + date + ",\"payload\":1.5}"));
        assertThrows(DataException.class, () -> read(converter, "{\"schema\":" + time + ",\"payload\":\"x\"}"));
        assertThrows(DataException.class, () -> read(converter, "{\"schema\":" + time + ",\"payload\":-5}"));
        assertThrows(DataException.class, () -> read(converter, "{\"schema\":" + timestamp + ",\"payload\":1.5}"));
    }

    @Test
    void mapsWithStringKeysAreObjectsAndOthersArePairs() {
        JsonConverter converter = converter("schemas.enable", "false");
        Map<Integer, String> intKeys = new LinkedHashMap<>();
        intKeys.put(1, "a");
        intKeys.put(2, "b");

        assertEquals("{\"k\":1}", write(converter, SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build(),
                Map.of("k", 1)));
        assertEquals("[[1,\"a\"],[2,\"b\"]]",
                write(converter, SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).build(), intKeys));
        // Without a schema, the keys decide: all strings make an object.
        assertEquals("{\"k\":1}", write(converter, null, Map.of("k", 1)));
        assertEquals("[[1,\"a\"],[2,\"b\"]]", write(converter, null, intKeys));
    }

    @Test
    void structFieldsAreWrittenInSchemaOrder() {
        Schema schema = SchemaBuilder.struct().field("z", Schema.INT32_SCHEMA).field("a", Schema.OPTIONAL_STRING_SCHEMA)
                .build();

        assertEquals("{\"z\":1,\"a\":null}", write(converter("schemas.enable", "false"), schema,
                new Struct(schema).put("z", 1)));
    }

    @Test
    void schemalessValuesAreWrittenByJavaType() {
        JsonConverter converter = converter("schemas.enable", "false");

        assertEquals("[1,\"a\",true,null,2.5,\"AQI=\",\"AwQ=\"]", write(converter, null,
                Arrays.asList((byte) 1, "a", true, null, 2.5f, new byte[] {1, 2}, ByteBuffer.wrap(new byte[] {3, 4}))));
        assertThrows(DataException.class, () -> write(converter, null, new BigDecimal("1")));
        assertThrows(DataException.class, () -> write(converter, null, new java.util.Date(0)));
    }

    @Test
    void schemalessJsonIsReadByJsonType() {
        SchemaAndValue result = read(converter("schemas.enable", "false"),
                "[1, 1.5, \"s\", true, null, [], {\"a\":2}]");

        assertNull(result.schema());
        assertEquals(Arrays.asList(1L, 1.5, "s", true, null, List.of(), Map.of("a", 2L)), result.value());
    }

    @Test
    void jsonIsReadLenientlyAgainstASchema() {
        JsonConverter converter = converter();

        assertEquals((short) 4464, read(converter, "{\"schema\":{\"type\":\"int16\"},\"payload\":70000}").value());
        assertEquals(1, read(converter, "{\"schema\":{\"type\":\"int32\"},\"payload\":1.7}").value());
        assertEquals(0, read(converter, "{\"schema\":{\"type\":\"int32\"},\"payload\":\"12\"}").value());
        assertNull(read(converter, "{\"schema\":{\"type\":\"string\"},\"payload\":5}").value());
        // -0.0 is read as an exact decimal first, which has no negative zero.
        assertEquals(0.0, read(converter, "{\"schema\":{\"type\":\"double\"},\"payload\":-0.0}").value());
        assertEquals(Double.POSITIVE_INFINITY,
                read(converter, "{\"schema\":{\"type\":\"double\"},\"payload\":1e400}").value());
    }

    @Test
    void nullUsesTheDefaultWhenReplacingIsEnabled() {
        Schema optionalWithDefault = SchemaBuilder.string().optional().defaultValue("dflt").build();
        Schema requiredWithDefault = SchemaBuilder.int32().defaultValue(12).build();

        assertEquals("\"dflt\"", write(converter("schemas.enable", "false"), optionalWithDefault, null));
        assertEquals("12", write(converter("schemas.enable", "false"), requiredWithDefault, null));
        assertEquals("null", write(converter("schemas.enable", "false", "replace.null.with.default", "false"),
                optionalWithDefault, null));
        assertThrows(DataException.class, () -> write(converter("replace.null.with.default", "false"),
                requiredWithDefault, null));
        assertThrows(DataException.class, () -> write(converter(), Schema.INT32_SCHEMA, null));
    }

    @Test
    void nullStructFieldsUseTheirDefaultOnlyWhenReplacingIsEnabled() {
        Schema schema = SchemaBuilder.struct().field("o", SchemaBuilder.string().optional().defaultValue("d").build())
                .build();
        Struct struct = new Struct(schema);

        assertEquals("{\"o\":\"d\"}", write(converter("schemas.enable", "false"), schema, struct));
        assertEquals("{\"o\":null}", write(converter("schemas.enable", "false", "replace.null.with.default", "false"),
                schema, struct));
    }

    @Test
    void nullIsReadAsTheDefaultWhenReplacingIsEnabled() {
        String json = "{\"schema\":{\"type\":\"int32\",\"optional\":true,\"default\":5},\"payload\":null}";

        assertEquals(5, read(converter(), json).value());
        assertNull(read(converter("replace.null.with.default", "false"), json).value());
    }

    @Test
    void missingStructFieldsReadAsNullOrDefault() {
        String schema = "{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"default\":9,\"field\":\"a\"},"
                + "{\"type\":\"string\",\"optional\":true,\"field\":\"b\"}]}";
        Struct struct = (Struct) read(converter(), "{\"schema\":" + schema + ",\"payload\":{\"zzz\":1}}").value();

        assertEquals(9, struct.get("a"));
        assertNull(struct.get("b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"int32\"}|null",
        "{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"field\":\"a\"}]}|{}",
        "{\"type\":\"struct\",\"fields\":[]}|[]",
        "{\"type\":\"array\",\"items\":{\"type\":\"int32\"}}|[1,null]",
        "{\"type\":\"map\",\"keys\":{\"type\":\"string\"},\"values\":{\"type\":\"int32\"}}|[[\"a\",1]]",
        "{\"type\":\"map\",\"keys\":{\"type\":\"int32\"},\"values\":{\"type\":\"int32\"}}|{\"1\":1}",
        "{\"type\":\"map\",\"keys\":{\"type\":\"int32\"},\"values\":{\"type\":\"int32\"}}|[[1]]",
        "{\"type\":\"map\",\"keys\":{\"type\":\"int32\"},\"values\":{\"type\":\"int32\"}}|[5]",
        "{\"type\":\"bytes\"}|\"not base64!\""
    })
    void payloadsThatDoNotFitTheSchemaAreRejected(String schemaAndPayload) {
        String[] parts = schemaAndPayload.split("\\|");
        String json = "{\"schema\":" + parts[0] + ",\"payload\":" + parts[1] + "}";

        assertThrows(DataException.class, () -> read(converter(), json));
    }

    @Test
    void valuesThatDoNotFitTheSchemaAreRejected() {
        JsonConverter converter = converter();
        Schema struct = SchemaBuilder.struct().field("x", Schema.INT32_SCHEMA).build();
        Schema other = SchemaBuilder.struct().name("other").field("x", Schema.INT32_SCHEMA).build();

        assertThrows(DataException.class, () -> write(converter, Schema.INT32_SCHEMA, 1L));
        assertThrows(DataException.class, () -> write(converter, Schema.BYTES_SCHEMA, "AQI="));
        assertThrows(DataException.class, () -> write(converter, struct, Map.of("x", 1)));
        assertThrows(DataException.class, () -> write(converter, struct, new Struct(other).put("x", 1)));
        assertThrows(DataException.class, () -> write(converter, null, new Struct(struct).put("x", 1)));
        assertThrows(DataException.class, () -> write(converter,
                SchemaBuilder.array(Schema.STRING_SCHEMA).build(), Arrays.asList("a", null)));
    }
}
