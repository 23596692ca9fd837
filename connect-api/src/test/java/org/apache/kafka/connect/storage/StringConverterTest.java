package org.apache.kafka.connect.storage;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StringConverterTest {

    private static final String TOPIC = "topic";

    private final StringConverter converter = new StringConverter();

    @Test
    void serializesToStringOfAnyValue() {
        converter.configure(Map.of(), false);

        assertArrayEquals(utf8("hé €"), converter.fromConnectData(TOPIC, Schema.STRING_SCHEMA, "hé €"));
        assertArrayEquals(utf8("42"), converter.fromConnectData(TOPIC, Schema.INT32_SCHEMA, 42));
        assertArrayEquals(utf8("[1, a]"), converter.fromConnectData(TOPIC, null, List.of(1, "a")));
        assertArrayEquals(utf8("NaN"), converter.fromConnectData(TOPIC, null, Double.NaN));
    }

    @Test
    void nullStaysNull() {
        converter.configure(Map.of(), false);

        assertNull(converter.fromConnectData(TOPIC, Schema.OPTIONAL_STRING_SCHEMA, null));
        SchemaAndValue read = converter.toConnectData(TOPIC, null);
        assertEquals(Schema.OPTIONAL_STRING_SCHEMA, read.schema());
        assertNull(read.value());
    }

    @Test
    void deserializesToAnOptionalString() {
        converter.configure(Map.of(), true);

        SchemaAndValue read = converter.toConnectData(TOPIC, utf8("hello"));

        assertEquals(Schema.OPTIONAL_STRING_SCHEMA, read.schema());
        assertTrue(read.schema().isOptional());
        assertEquals("hello", read.value());
        assertEquals("", converter.toConnectData(TOPIC, new byte[0]).value());
    }

    @Test
    void worksWithoutConfigurationInUtf8() {
        assertArrayEquals(utf8("é"), converter.fromConnectData(TOPIC, null, "é"));
        assertEquals("é", converter.toConnectData(TOPIC, utf8("é")).value());
    }

    @Test
    void usesTheConfiguredEncoding() {
        converter.configure(Map.of(StringConverterConfig.ENCODING_CONFIG, "UTF-16LE"), false);

        assertArrayEquals("hé".getBytes(StandardCharsets.UTF_16LE), converter.fromConnectData(TOPIC, null, "hé"));
        assertEquals("hé", converter.toConnectData(TOPIC, "hé".getBytes(StandardCharsets.UTF_16LE)).value());
    }

    @Test
    void serdeSpecificEncodingsWinForTheirSide() {
        converter.configure(Map.of("key.serializer.encoding", "UTF-16BE"), true);
        assertArrayEquals(new byte[]{0, 'a'}, converter.fromConnectData(TOPIC, null, "a"));

        StringConverter valueConverter = new StringConverter();
        valueConverter.configure(Map.of("key.serializer.encoding", "UTF-16BE"), false);
        assertArrayEquals(new byte[]{'a'}, valueConverter.fromConnectData(TOPIC, null, "a"));
    }

    @Test
    void converterEncodingOverridesTheGenericDeserializerSetting() {
        converter.configure(Map.of("deserializer.encoding", "UTF-16BE"), false);

        assertEquals("\u0000a", converter.toConnectData(TOPIC, new byte[]{0, 'a'}).value());
    }

    @Test
    void unknownEncodingFailsAtConfigure() {
        assertThrows(SerializationException.class,
                () -> converter.configure(Map.of(StringConverterConfig.ENCODING_CONFIG, "NO-SUCH-CHARSET"), false));
        assertThrows(SerializationException.class,
                () -> converter.configure(Map.of(StringConverterConfig.ENCODING_CONFIG, ""), false));
    }

    @Test
    void headerConverterNeedsAConverterType() {
        assertThrows(ConfigException.class, () -> converter.configure(Map.of()));
        assertThrows(ConfigException.class, () -> converter.configure(Map.of(ConverterConfig.TYPE_CONFIG, "bogus")));
    }

    @Test
    void headerConversionMatchesValueConversion() {
        converter.configure(Map.of(ConverterConfig.TYPE_CONFIG, "header"));

        assertArrayEquals(utf8("42"), converter.fromConnectHeader(TOPIC, "h", Schema.INT32_SCHEMA, 42));
        assertNull(converter.fromConnectHeader(TOPIC, "h", null, null));
        SchemaAndValue read = converter.toConnectHeader(TOPIC, "h", utf8("{\"a\":1}"));
        assertEquals(Schema.OPTIONAL_STRING_SCHEMA, read.schema());
        assertEquals("{\"a\":1}", read.value());
    }

    @Test
    void keyTypeAppliesKeySettingsToHeaderConfiguration() {
        converter.configure(Map.of(ConverterConfig.TYPE_CONFIG, "key", "key.serializer.encoding", "UTF-16BE"));
        assertArrayEquals(new byte[]{0, 'a'}, converter.fromConnectHeader(TOPIC, "h", null, "a"));

        StringConverter valueTyped = new StringConverter();
        valueTyped.configure(Map.of(ConverterConfig.TYPE_CONFIG, "value", "key.serializer.encoding", "UTF-16BE"));
        assertArrayEquals(new byte[]{'a'}, valueTyped.fromConnectHeader(TOPIC, "h", null, "a"));
    }

    @Test
    void describesItsConfiguration() {
        assertEquals(List.of(ConverterConfig.TYPE_CONFIG, StringConverterConfig.ENCODING_CONFIG),
                List.copyOf(converter.config().names()));
        assertEquals("UTF-8", converter.config().defaultValues().get(StringConverterConfig.ENCODING_CONFIG));
        assertFalse(converter.version().isEmpty());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
