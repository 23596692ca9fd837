package org.apache.kafka.connect.transforms.field;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.transforms.util.SimpleConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FieldSyntaxVersionTest {

    private static FieldSyntaxVersion configured(Map<String, String> props) {
        ConfigDef def = FieldSyntaxVersion.appendConfigTo(new ConfigDef());
        return FieldSyntaxVersion.fromConfig(new SimpleConfig(def, props));
    }

    @Test
    void defaultsToV1() {
        assertEquals("V1", FieldSyntaxVersion.FIELD_SYNTAX_VERSION_DEFAULT_VALUE);
        assertEquals(FieldSyntaxVersion.V1, configured(Map.of()));
    }

    @Test
    void readsTheVersionCaseInsensitively() {
        assertEquals(FieldSyntaxVersion.V2, configured(Map.of("field.syntax.version", "v2")));
        assertEquals(FieldSyntaxVersion.V1, configured(Map.of("field.syntax.version", "V1")));
    }

    @Test
    void rejectsUnknownVersions() {
        assertThrows(ConfigException.class, () -> configured(Map.of("field.syntax.version", "V3")));
    }

    @Test
    void appendConfigToReturnsTheSameDefinition() {
        ConfigDef def = new ConfigDef();
        assertSame(def, FieldSyntaxVersion.appendConfigTo(def));
        assertEquals(ConfigDef.Importance.HIGH, def.configKeys().get("field.syntax.version").importance);
    }

    @Test
    void fromConfigRejectsAValueOutsideTheEnumWhenTheDefinitionDoesNotValidate() {
        ConfigDef lenient = new ConfigDef().define("field.syntax.version", ConfigDef.Type.STRING, "V9",
                ConfigDef.Importance.LOW, "no validator");
        assertThrows(ConfigException.class, () -> FieldSyntaxVersion.fromConfig(new SimpleConfig(lenient, Map.of())));
    }
}
