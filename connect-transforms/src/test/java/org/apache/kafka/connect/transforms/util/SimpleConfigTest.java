package org.apache.kafka.connect.transforms.util;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SimpleConfigTest {

    private static final ConfigDef DEF = new ConfigDef()
            .define("count", ConfigDef.Type.INT, 1, ConfigDef.Importance.LOW, "a count");

    @Test
    void parsesValuesWithDefaults() {
        assertEquals(5, new SimpleConfig(DEF, Map.of("count", "5")).getInt("count"));
        assertEquals(1, new SimpleConfig(DEF, Map.of()).getInt("count"));
    }

    @Test
    void rejectsValuesOfTheWrongType() {
        assertThrows(ConfigException.class, () -> new SimpleConfig(DEF, Map.of("count", "many")));
    }
}
