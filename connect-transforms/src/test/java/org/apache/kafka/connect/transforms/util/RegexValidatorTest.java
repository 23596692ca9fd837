package org.apache.kafka.connect.transforms.util;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegexValidatorTest {

    private final RegexValidator validator = new RegexValidator();

    @Test
    void acceptsValidPatterns() {
        assertDoesNotThrow(() -> validator.ensureValid("regex", "(?<name>a+)-\\d*"));
        assertDoesNotThrow(() -> validator.ensureValid("regex", ""));
    }

    @Test
    void rejectsInvalidPatternsNamingTheSetting() {
        ConfigException e = assertThrows(ConfigException.class, () -> validator.ensureValid("regex", "("));
        assertTrue(e.getMessage().startsWith("Invalid value ( for configuration regex: Invalid regex: "),
                e.getMessage());
    }

    @Test
    void rejectsNull() {
        assertThrows(ConfigException.class, () -> validator.ensureValid("regex", null));
    }

    @Test
    void describesItself() {
        assertEquals("valid regex", validator.toString());
    }
}
