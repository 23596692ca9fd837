package org.apache.kafka.connect.json;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The envelope, tombstones, schema.content, header mode and plugin plumbing. */
class JsonConverterWireFormatTest {

    private static JsonConverter converter(String... keysAndValues) {
        Map<String, String> config = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        JsonConverter converter = new JsonConverter();
        converter.configure(config, false);
        return converter;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void writesAnEnvelopeWhenSchemasAreEnabled() {
        assertEquals("{\"schema\":{\"type\":\"int32\",\"optional\":false},\"payload\":42}",
                text(converter().fromConnectData("t", Schema.INT32_SCHEMA, 42)));
        assertEquals("{\"schema\":{\"type\":\"int32\",\"optional\":true},\"payload\":null}",
                text(converter().fromConnectData("t", Schema.OPTIONAL_INT32_SCHEMA, null)));
        assertEquals("{\"schema\":null,\"payload\":{\"a\":1}}",
                text(converter().fromConnectData("t", null, Map.of("a", 1))));
    }

    @Test
    void writesTheBareValueWhenSchemasAreDisabled() {
        assertEquals("42", text(converter("schemas.enable", "false").fromConnectData("t", Schema.INT32_SCHEMA, 42)));
        assertEquals("null", text(converter("schemas.enable", "false")
                .fromConnectData("t", Schema.OPTIONAL_INT32_SCHEMA, null)));
    }

    @Test
    void tombstonesStayTombstones() {
        for (String enabled : new String[] {"true", "false"}) {
            JsonConverter converter = converter("schemas.enable", enabled);
            assertNull(converter.fromConnectData("t", null, null));
            assertSame(SchemaAndValue.NULL, converter.toConnectData("t", null));
        }
    }

    @Test
    void readsTheEnvelope() {
        SchemaAndValue result = converter().toConnectData("t",
                utf8("{\"payload\":[\"a\"],\"schema\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}"));

        assertEquals(SchemaBuilder.array(Schema.STRING_SCHEMA).build(), result.schema());
        assertEquals(List.of("a"), result.value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "[1]", "\"x\"", "null", "{}", "", "   ", "{\"payload\":5}",
        "{\"schema\":{\"type\":\"int32\"}}", "{\"schema\":{\"type\":\"int32\"},\"payload\":5,\"extra\":1}"})
    void anythingButAnExactEnvelopeIsRejected(String json) {
        DataException e = assertThrows(DataException.class, () -> converter().toConnectData("t", utf8(json)));
        assertTrue(e.getMessage().startsWith("JsonConverter with schemas.enable requires \"schema\" and \"payload\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "nope", "{'schema':null,'payload':1}", "[1,]", "NaN", "\"a\u0001b\""})
    void malformedJsonIsADataException(String json) {
        assertThrows(DataException.class, () -> converter().toConnectData("t", utf8(json)));
        assertThrows(DataException.class, () -> converter("schemas.enable", "false").toConnectData("t", utf8(json)));
    }

    @Test
    void schemalessReadingToleratesLeadingZerosAndEmptyInput() {
        JsonConverter converter = converter("schemas.enable", "false");

        assertEquals(1L, converter.toConnectData("t", utf8("01")).value());
        assertNull(converter.toConnectData("t", new byte[0]).value());
    }

    @Test
    void schemaContentReadsBarePayloads() {
        String schema = "{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"field\":\"a\"},"
                + "{\"type\":\"string\",\"optional\":true,\"field\":\"b\"}]}";
        JsonConverter converter = converter("schema.content", schema);

        SchemaAndValue result = converter.toConnectData("t", utf8("{\"a\":1,\"z\":true}"));

        Schema expected = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA)
                .field("b", Schema.OPTIONAL_STRING_SCHEMA).build();
        assertEquals(expected, result.schema());
        assertEquals(new Struct(expected).put("a", 1), result.value());
        // Writing is not affected.
        assertEquals("{\"schema\":{\"type\":\"int8\",\"optional\":false},\"payload\":1}",
                text(converter.fromConnectData("t", Schema.INT8_SCHEMA, (byte) 1)));
    }

    @Test
    void schemaContentIsIgnoredWithoutSchemas() {
        JsonConverter converter = converter("schemas.enable", "false", "schema.content", "{\"type\":\"int32\"}");

        assertEquals("x", converter.toConnectData("t", utf8("\"x\"")).value());
    }

    @Test
    void invalidSchemaContentFailsConfiguration() {
        assertThrows(DataException.class, () -> converter("schema.content", "{not json"));
        assertThrows(DataException.class, () -> converter("schema.content", "{\"type\":\"nope\"}"));
        assertThrows(DataException.class, () -> converter("schemas.enable", "false", "schema.content", "5"));
    }

    @Test
    void worksAsAHeaderConverter() {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("converter.type", "header"));

        byte[] bytes = converter.fromConnectHeader("t", "h", Schema.STRING_SCHEMA, "v");

        assertEquals("{\"schema\":{\"type\":\"string\",\"optional\":false},\"payload\":\"v\"}", text(bytes));
        assertEquals(new SchemaAndValue(Schema.STRING_SCHEMA, "v"), converter.toConnectHeader("t", "h", bytes));
    }

    @Test
    void headerConfigurationNeedsTheConverterType() {
        assertThrows(ConfigException.class, () -> new JsonConverter().configure(Map.of()));
    }

    @Test
    void converterConfigurationRejectsInvalidValues() {
        assertThrows(ConfigException.class, () -> converter("decimal.format", "HEX"));
        assertThrows(ConfigException.class, () -> converter("schemas.enable", "yes"));
    }

    @Test
    void isKeyDoesNotChangeTheFormat() {
        JsonConverter keyConverter = new JsonConverter();
        keyConverter.configure(Map.of(), true);

        assertArrayEquals(converter().fromConnectData("t", Schema.INT64_SCHEMA, 1L),
                keyConverter.fromConnectData("t", Schema.INT64_SCHEMA, 1L));
    }

    @Test
    void reportsTheKafkaVersion() {
        assertEquals(org.apache.kafka.common.utils.internals.AppInfoParser.getVersion(), new JsonConverter().version());
    }

    @Test
    void isDiscoverableAsBothPluginKinds() {
        assertTrue(ServiceLoader.load(Converter.class).stream()
                .anyMatch(provider -> provider.type() == JsonConverter.class));
        assertTrue(ServiceLoader.load(HeaderConverter.class).stream()
                .anyMatch(provider -> provider.type() == JsonConverter.class));
    }
}
