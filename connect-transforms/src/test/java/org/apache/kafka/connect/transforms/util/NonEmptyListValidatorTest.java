package org.apache.kafka.connect.transforms.util;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NonEmptyListValidatorTest {

    private final NonEmptyListValidator validator = new NonEmptyListValidator();

    @Test
    void acceptsListsWithElements() {
        assertDoesNotThrow(() -> validator.ensureValid("fields", List.of("a")));
    }

    @Test
    void rejectsEmptyOrMissingLists() {
        ConfigException empty = assertThrows(ConfigException.class, () -> validator.ensureValid("fields", List.of()));
        assertEquals("Invalid value [] for configuration fields: Empty list", empty.getMessage());
        assertThrows(ConfigException.class, () -> validator.ensureValid("fields", null));
    }

    @Test
    void describesItself() {
        assertEquals("non-empty list", validator.toString());
    }
}
