package org.apache.kafka.connect.transforms.field;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import java.util.Locale;

/**
 * The syntax a transformation uses to interpret a configured field path.
 * <ul>
 *   <li>{@link #V1}: the path is the name of a top-level field, taken literally (dots included).</li>
 *   <li>{@link #V2}: the path is a dot-separated list of nested field names; a name containing dots is wrapped in
 *       backticks, e.g. {@code `foo.bar`.baz}.</li>
 * </ul>
 */
public enum FieldSyntaxVersion {
    V1,
    V2;

    public static final String FIELD_SYNTAX_VERSION_CONFIG = "field.syntax.version";
    public static final String FIELD_SYNTAX_VERSION_DOC =
            "Defines the version of the syntax to access fields. If set to <code>V1</code>, then the field paths are "
            + "limited to access the elements at the root level of the struct or map. If set to <code>V2</code>, the "
            + "syntax will support accessing nested elements. To access nested elements, dotted notation is used. If "
            + "dots are already included in the field name, then backtick pairs can be used to wrap field names "
            + "containing dots. E.g. to access the subfield <code>baz</code> from a field named \"foo.bar\" in a "
            + "struct/map the following format can be used to access its elements: \"<code>foo.bar</code>.baz\".";
    public static final String FIELD_SYNTAX_VERSION_DEFAULT_VALUE = V1.name();

    /**
     * Adds the {@value #FIELD_SYNTAX_VERSION_CONFIG} setting to {@code configDef} and returns the same instance.
     */
    public static ConfigDef appendConfigTo(ConfigDef configDef) {
        return configDef.define(
                FIELD_SYNTAX_VERSION_CONFIG,
                ConfigDef.Type.STRING,
                FIELD_SYNTAX_VERSION_DEFAULT_VALUE,
                ConfigDef.CaseInsensitiveValidString.in(V1.name(), V2.name()),
                ConfigDef.Importance.HIGH,
                FIELD_SYNTAX_VERSION_DOC);
    }

    /**
     * Reads the (case-insensitive) syntax version from a config whose definition includes
     * {@value #FIELD_SYNTAX_VERSION_CONFIG}.
     */
    public static FieldSyntaxVersion fromConfig(AbstractConfig config) {
        String configured = config.getString(FIELD_SYNTAX_VERSION_CONFIG);
        if (configured == null) {
            throw new ConfigException(FIELD_SYNTAX_VERSION_CONFIG, null, "A field syntax version is required");
        }
        try {
            return valueOf(configured.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(FIELD_SYNTAX_VERSION_CONFIG, configured, "Unrecognized field syntax version");
        }
    }
}
