package org.apache.kafka.connect.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.SchemaBuilderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Translation of schemas between Connect and JSON, and its caches. */
class JsonConverterSchemaTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonConverter converter(String... keysAndValues) {
        Map<String, String> config = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        JsonConverter converter = new JsonConverter();
        converter.configure(config, false);
        return converter;
    }

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text);
    }

    @Test
    void writesMembersInWireOrder() {
        Schema schema = SchemaBuilder.struct().name("n").optional()
                .field("a", SchemaBuilder.int32().version(2).doc("d").parameter("p", "q").defaultValue(3).build())
                .field("f", Schema.FLOAT32_SCHEMA)
                .field("l", SchemaBuilder.array(Schema.FLOAT64_SCHEMA).build())
                .field("m", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.BOOLEAN_SCHEMA).build())
                .build();

        assertEquals("{\"type\":\"struct\",\"fields\":["
                + "{\"type\":\"int32\",\"optional\":false,\"version\":2,\"doc\":\"d\",\"parameters\":{\"p\":\"q\"},"
                + "\"default\":3,\"field\":\"a\"},"
                + "{\"type\":\"float\",\"optional\":false,\"field\":\"f\"},"
                + "{\"type\":\"array\",\"items\":{\"type\":\"double\",\"optional\":false},"
                + "\"optional\":false,\"field\":\"l\"},"
                + "{\"type\":\"map\",\"keys\":{\"type\":\"string\",\"optional\":false},"
                + "\"values\":{\"type\":\"boolean\",\"optional\":false},\"optional\":false,\"field\":\"m\"}],"
                + "\"optional\":true,\"name\":\"n\"}", converter().asJsonSchema(schema).toString());
    }

    @Test
    void defaultsAreWrittenWithTheConfiguredDecimalFormat() {
        Schema schema = Decimal.builder(2).optional().defaultValue(new BigDecimal("9.99")).build();

        assertEquals("\"A+c=\"", converter().asJsonSchema(schema).get("default").toString());
        assertEquals("9.99", converter("decimal.format", "NUMERIC").asJsonSchema(schema).get("default").toString());
    }

    @Test
    void nullTranslatesToNull() {
        assertNull(converter().asJsonSchema(null));
        assertNull(converter().asConnectSchema(NullNode.getInstance()));
    }

    @Test
    void readsEveryTypeName() throws Exception {
        JsonConverter converter = converter();
        Map<String, Schema.Type> types = Map.of("boolean", Schema.Type.BOOLEAN, "int8", Schema.Type.INT8,
                "int16", Schema.Type.INT16, "int32", Schema.Type.INT32, "int64", Schema.Type.INT64,
                "float", Schema.Type.FLOAT32, "double", Schema.Type.FLOAT64, "bytes", Schema.Type.BYTES,
                "string", Schema.Type.STRING);
        for (Map.Entry<String, Schema.Type> type : types.entrySet()) {
            Schema schema = converter.asConnectSchema(json("{\"type\":\"" + type.getKey() + "\"}"));
            assertEquals(type.getValue(), schema.type());
        }
    }

    @Test
    void readsMetadataAndIgnoresAttributesOfTheWrongJsonType() throws Exception {
        JsonConverter converter = converter();

        Schema full = converter.asConnectSchema(json("{\"type\":\"string\",\"optional\":true,\"name\":\"my.S\","
                + "\"version\":2,\"doc\":\"d\",\"parameters\":{\"a\":\"b\"},\"default\":\"x\"}"));
        assertEquals(SchemaBuilder.string().optional().name("my.S").version(2).doc("d").parameter("a", "b")
                .defaultValue("x").build(), full);

        Schema lenient = converter.asConnectSchema(json("{\"type\":\"string\",\"optional\":\"true\",\"name\":5,"
                + "\"version\":\"2\",\"doc\":[],\"parameters\":[1]}"));
        assertEquals(Schema.STRING_SCHEMA, lenient);
    }

    @Test
    void emptyParametersReadAsNoParameters() throws Exception {
        assertNull(converter().asConnectSchema(json("{\"type\":\"string\",\"parameters\":{}}")).parameters());
    }

    @Test
    void readsNestedSchemas() throws Exception {
        Schema schema = converter().asConnectSchema(json("{\"type\":\"struct\",\"fields\":["
                + "{\"type\":\"array\",\"items\":{\"type\":\"int64\",\"optional\":true},\"field\":\"l\"},"
                + "{\"type\":\"map\",\"keys\":{\"type\":\"int8\"},\"values\":{\"type\":\"bytes\"},\"field\":\"m\"}]}"));

        assertEquals(SchemaBuilder.struct()
                .field("l", SchemaBuilder.array(Schema.OPTIONAL_INT64_SCHEMA).build())
                .field("m", SchemaBuilder.map(Schema.INT8_SCHEMA, Schema.BYTES_SCHEMA).build())
                .build(), schema);
    }

    @Test
    void wrongDefaultTypesReadLikePayloads() throws Exception {
        assertEquals(0, converter().asConnectSchema(json("{\"type\":\"int32\",\"default\":\"x\"}")).defaultValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\"int32\"",
        "{\"optional\":true}",
        "{\"type\":5}",
        "{\"type\":\"INT32\"}",
        "{\"type\":\"float32\"}",
        "{\"type\":\"array\"}",
        "{\"type\":\"map\",\"keys\":{\"type\":\"string\"}}",
        "{\"type\":\"map\",\"values\":{\"type\":\"string\"}}",
        "{\"type\":\"struct\"}",
        "{\"type\":\"struct\",\"fields\":{}}",
        "{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\"}]}",
        "{\"type\":\"string\",\"parameters\":{\"a\":1}}"
    })
    void invalidSchemasAreDataExceptions(String schema) {
        assertThrows(DataException.class, () -> converter().asConnectSchema(json(schema)));
    }

    @Test
    void duplicateFieldNamesAreRejectedByTheSchemaBuilder() throws Exception {
        JsonNode schema = json("{\"type\":\"struct\",\"fields\":["
                + "{\"type\":\"int32\",\"field\":\"a\"},{\"type\":\"int8\",\"field\":\"a\"}]}");

        assertThrows(SchemaBuilderException.class, () -> converter().asConnectSchema(schema));
    }

    @Test
    void jsonSchemasAreTranslatedOncePerConverter() {
        JsonConverter converter = converter();
        Schema schema = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).build();
        Schema equalSchema = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).build();

        assertSame(converter.asJsonSchema(schema), converter.asJsonSchema(schema));
        assertSame(converter.asJsonSchema(schema), converter.asJsonSchema(equalSchema));
    }

    @Test
    void connectSchemasAreTranslatedOncePerConverter() throws Exception {
        JsonConverter converter = converter();
        String schema = "{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"field\":\"a\"}]}";

        assertSame(converter.asConnectSchema(json(schema)), converter.asConnectSchema(json(schema)));
    }

    @Test
    void recordsWithTheSameSchemaShareTheTranslatedSchema() {
        JsonConverter converter = converter();
        String envelope = "{\"schema\":{\"type\":\"array\",\"items\":{\"type\":\"int8\"}},\"payload\":%s}";
        byte[] first = String.format(envelope, "[1]").getBytes(StandardCharsets.UTF_8);
        byte[] second = String.format(envelope, "[2]").getBytes(StandardCharsets.UTF_8);

        assertSame(converter.toConnectData("t", first).schema(), converter.toConnectData("t", second).schema());
    }

    @Test
    void cacheSizeZeroTranslatesEveryTime() throws Exception {
        JsonConverter converter = converter("schemas.cache.size", "0");
        Schema schema = SchemaBuilder.array(Schema.INT32_SCHEMA).build();
        JsonNode json = json("{\"type\":\"array\",\"items\":{\"type\":\"int32\"}}");

        assertNotSame(converter.asJsonSchema(schema), converter.asJsonSchema(schema));
        assertEquals(converter.asJsonSchema(schema), converter.asJsonSchema(schema));
        assertNotSame(converter.asConnectSchema(json), converter.asConnectSchema(json));
        assertEquals(converter.asConnectSchema(json), converter.asConnectSchema(json));
    }

    @Test
    void cacheEvictsTheLeastRecentlyUsedSchema() {
        JsonConverter converter = converter("schemas.cache.size", "1");
        Schema first = SchemaBuilder.array(Schema.INT32_SCHEMA).build();
        Schema second = SchemaBuilder.array(Schema.INT64_SCHEMA).build();

        JsonNode firstJson = converter.asJsonSchema(first);
        assertSame(firstJson, converter.asJsonSchema(first));
        converter.asJsonSchema(second);
        assertNotSame(firstJson, converter.asJsonSchema(first));
    }

    @Test
    void cachedSchemasAreNotModifiedByStructTranslation() {
        JsonConverter converter = converter();
        Schema field = SchemaBuilder.int32().name("f").build();
        JsonNode fieldJson = converter.asJsonSchema(field);

        converter.asJsonSchema(SchemaBuilder.struct().field("a", field).build());

        assertFalse(fieldJson.has("field"));
        List<String> members = new ArrayList<>();
        fieldJson.fieldNames().forEachRemaining(members::add);
        assertEquals(List.of("type", "optional", "name"), members);
    }
}
