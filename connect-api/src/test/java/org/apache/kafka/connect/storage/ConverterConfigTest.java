package org.apache.kafka.connect.storage;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConverterConfigTest {

    @Test
    void converterTypeIsRequiredAndLimitedToKnownNames() {
        ConfigDef.ConfigKey key = ConverterConfig.newConfigDef().configKeys().get(ConverterConfig.TYPE_CONFIG);

        assertEquals(ConfigDef.Type.STRING, key.type);
        assertSame(ConfigDef.NO_DEFAULT_VALUE, key.defaultValue);
        assertEquals(ConfigDef.Importance.LOW, key.importance);
        assertThrows(ConfigException.class, () -> new StringConverterConfig(Map.of()));
        assertThrows(ConfigException.class, () -> new StringConverterConfig(Map.of(ConverterConfig.TYPE_CONFIG, "KEY")));
    }

    @Test
    void typeIsParsedFromTheConfiguration() {
        assertEquals(ConverterType.KEY, new StringConverterConfig(Map.of(ConverterConfig.TYPE_CONFIG, "key")).type());
        assertEquals(ConverterType.HEADER,
                new StringConverterConfig(Map.of(ConverterConfig.TYPE_CONFIG, "header")).type());
    }

    @Test
    void encodingDefaultsToUtf8() {
        StringConverterConfig config = new StringConverterConfig(Map.of(ConverterConfig.TYPE_CONFIG, "value"));

        assertEquals("UTF-8", config.encoding());
        assertEquals("UTF-8", StringConverterConfig.ENCODING_DEFAULT);
    }

    @Test
    void converterTypeNamesAreMatchedIgnoringCase() {
        assertEquals(ConverterType.KEY, ConverterType.withName("KEY"));
        assertEquals(ConverterType.VALUE, ConverterType.withName("value"));
        assertEquals(ConverterType.HEADER, ConverterType.withName("Header"));
        assertNull(ConverterType.withName("other"));
        assertNull(ConverterType.withName(null));
        assertEquals("header", ConverterType.HEADER.getName());
    }
}
