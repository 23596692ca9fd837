package org.apache.kafka.connect.storage;

import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimpleHeaderConverterTest {

    private static final String TOPIC = "topic";
    private static final String KEY = "header";

    private final SimpleHeaderConverter converter = new SimpleHeaderConverter();

    @Test
    void readsTheSchemaFromTheText() {
        assertEquals(new SchemaAndValue(Schema.INT16_SCHEMA, (short) 128), read("128"));
        assertEquals(new SchemaAndValue(Schema.BOOLEAN_SCHEMA, true), read("true"));
        assertEquals(new SchemaAndValue(Schema.STRING_SCHEMA, "hello world"), read("hello world"));
        assertEquals(new SchemaAndValue(SchemaBuilder.array(Schema.STRING_SCHEMA).build(), List.of("a", "b")),
            read("[\"a\",\"b\"]"));
    }

    @Test
    void nullBytesAndTheTextNullAreDifferent() {
        assertEquals(SchemaAndValue.NULL, converter.toConnectHeader(TOPIC, KEY, null));
        assertNull(read("null"));
        assertEquals(new SchemaAndValue(Schema.STRING_SCHEMA, ""), read(""));
    }

    @Test
    void replacesInvalidUtf8() {
        SchemaAndValue read = converter.toConnectHeader(TOPIC, KEY, new byte[]{(byte) 0xff, '1'});

        assertEquals(new SchemaAndValue(Schema.STRING_SCHEMA, "\ufffd1"), read);
    }

    @Test
    void writesTheTextFormWithoutConsultingTheSchema() {
        assertArrayEquals(utf8("a \"b\""), converter.fromConnectHeader(TOPIC, KEY, Schema.STRING_SCHEMA, "a \"b\""));
        assertArrayEquals(utf8("[\"a\",1,null]"),
            converter.fromConnectHeader(TOPIC, KEY, null, Arrays.asList("a", 1, null)));
        assertArrayEquals(utf8("AQI="), converter.fromConnectHeader(TOPIC, KEY, Schema.INT32_SCHEMA, new byte[]{1, 2}));
        assertNull(converter.fromConnectHeader(TOPIC, KEY, Schema.OPTIONAL_STRING_SCHEMA, null));
        assertThrows(DataException.class, () -> converter.fromConnectHeader(TOPIC, KEY, null, new Object()));
    }

    @Test
    void structsComeBackAsMaps() {
        Schema schema = SchemaBuilder.struct().field("x", Schema.INT32_SCHEMA).field("y", Schema.STRING_SCHEMA).build();
        byte[] bytes = converter.fromConnectHeader(TOPIC, KEY, schema, new Struct(schema).put("x", 7).put("y", "s"));

        SchemaAndValue read = converter.toConnectHeader(TOPIC, KEY, bytes);

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("x", (byte) 7);
        expected.put("y", "s");
        assertEquals(expected, read.value());
        assertEquals(Schema.Type.MAP, read.schema().type());
        assertEquals(Schema.STRING_SCHEMA, read.schema().keySchema());
        assertNull(read.schema().valueSchema(), "the values have different types");
    }

    @Test
    void hasNoConfigurationAndReportsTheKafkaVersion() throws Exception {
        converter.configure(Map.of("anything", "ignored"));

        assertTrue(converter.config().names().isEmpty());
        assertEquals(AppInfoParser.getVersion(), converter.version());
        converter.close();
    }

    private SchemaAndValue read(String text) {
        return converter.toConnectHeader(TOPIC, KEY, utf8(text));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
