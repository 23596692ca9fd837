package org.apache.kafka.connect.runtime.errors;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ToleranceTypeTest {

    @Test
    void configValuesAreLowerCase() {
        assertEquals("none", ToleranceType.NONE.value());
        assertEquals("all", ToleranceType.ALL.value());
    }

    @Test
    void parsingIgnoresCase() {
        assertEquals(ToleranceType.NONE, ToleranceType.forConfigValue("none"));
        assertEquals(ToleranceType.ALL, ToleranceType.forConfigValue("ALL"));
        assertEquals(ToleranceType.ALL, ToleranceType.forConfigValue("All"));
    }

    @Test
    void unknownValuesAreRejected() {
        ConfigException thrown = assertThrows(ConfigException.class, () -> ToleranceType.forConfigValue("some"));
        assertEquals("Invalid value some for configuration errors.tolerance: Must be one of: none, all",
                thrown.getMessage());
        assertThrows(ConfigException.class, () -> ToleranceType.forConfigValue(null));
    }
}
