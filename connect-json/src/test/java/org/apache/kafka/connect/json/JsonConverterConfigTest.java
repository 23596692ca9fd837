package org.apache.kafka.connect.json;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.storage.ConverterType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonConverterConfigTest {

    private static JsonConverterConfig config(String... keysAndValues) {
        Map<String, Object> props = new HashMap<>();
        props.put("converter.type", "value");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            props.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new JsonConverterConfig(props);
    }

    @Test
    void defaults() {
        JsonConverterConfig config = config();

        assertTrue(config.schemasEnabled());
        assertEquals(1000, config.schemaCacheSize());
        assertEquals(DecimalFormat.BASE64, config.decimalFormat());
        assertTrue(config.replaceNullWithDefault());
        assertNull(config.schemaContent());
        assertEquals(ConverterType.VALUE, config.type());
    }

    @Test
    void constantsHaveTheDocumentedValues() {
        assertEquals("schemas.enable", JsonConverterConfig.SCHEMAS_ENABLE_CONFIG);
        assertEquals("schemas.cache.size", JsonConverterConfig.SCHEMAS_CACHE_SIZE_CONFIG);
        assertEquals("schema.content", JsonConverterConfig.SCHEMA_CONTENT_CONFIG);
        assertEquals("decimal.format", JsonConverterConfig.DECIMAL_FORMAT_CONFIG);
        assertEquals("replace.null.with.default", JsonConverterConfig.REPLACE_NULL_WITH_DEFAULT_CONFIG);
        assertEquals("BASE64", JsonConverterConfig.DECIMAL_FORMAT_DEFAULT);
        assertNull(JsonConverterConfig.SCHEMA_CONTENT_DEFAULT);
    }

    @Test
    void parsesExplicitValues() {
        JsonConverterConfig config = config("schemas.enable", "false", "schemas.cache.size", "7",
                "decimal.format", "NUMERIC", "replace.null.with.default", "false",
                "schema.content", "{\"type\":\"int8\"}");

        assertFalse(config.schemasEnabled());
        assertEquals(7, config.schemaCacheSize());
        assertEquals(DecimalFormat.NUMERIC, config.decimalFormat());
        assertFalse(config.replaceNullWithDefault());
        assertArrayEquals("{\"type\":\"int8\"}".getBytes(StandardCharsets.UTF_8), config.schemaContent());
    }

    @Test
    void decimalFormatIsCaseInsensitive() {
        assertEquals(DecimalFormat.NUMERIC, config("decimal.format", "numeric").decimalFormat());
        assertEquals(DecimalFormat.BASE64, config("decimal.format", "Base64").decimalFormat());
    }

    @Test
    void booleansAreCaseInsensitive() {
        assertTrue(config("schemas.enable", "TRUE").schemasEnabled());
    }

    @Test
    void rejectsInvalidValues() {
        assertThrows(ConfigException.class, () -> config("decimal.format", "HEX"));
        assertThrows(ConfigException.class, () -> config("schemas.enable", "yes"));
        assertThrows(ConfigException.class, () -> config("replace.null.with.default", "maybe"));
        assertThrows(ConfigException.class, () -> config("schemas.cache.size", "many"));
    }

    @Test
    void anyCacheSizeIsAccepted() {
        assertEquals(0, config("schemas.cache.size", "0").schemaCacheSize());
        assertEquals(-1, config("schemas.cache.size", "-1").schemaCacheSize());
    }

    @Test
    void blankSchemaContentCountsAsUnset() {
        assertNull(config("schema.content", "").schemaContent());
        assertNull(config("schema.content", "   ").schemaContent());
    }

    @Test
    void converterTypeIsRequired() {
        assertThrows(ConfigException.class, () -> new JsonConverterConfig(Map.of()));
    }

    @Test
    void configDefIsSharedAndDefinesEveryKey() {
        ConfigDef def = JsonConverterConfig.configDef();

        assertSame(def, JsonConverterConfig.configDef());
        assertSame(def, new JsonConverter().config());
        assertEquals(6, def.names().size());
        assertTrue(def.names().containsAll(List.of("converter.type", "schemas.enable", "schemas.cache.size",
                "schema.content", "decimal.format", "replace.null.with.default")));
    }
}
