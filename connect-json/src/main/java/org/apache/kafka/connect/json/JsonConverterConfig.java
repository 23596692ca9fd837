package org.apache.kafka.connect.json;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.connect.storage.ConverterConfig;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Configuration of {@link JsonConverter}: {@code schemas.enable}, {@code schemas.cache.size}, {@code schema.content},
 * {@code decimal.format}, {@code replace.null.with.default}, plus {@code converter.type} from
 * {@link ConverterConfig}. Values are parsed once, at construction.
 */
public final class JsonConverterConfig extends ConverterConfig {

    public static final String SCHEMAS_ENABLE_CONFIG = "schemas.enable";
    public static final boolean SCHEMAS_ENABLE_DEFAULT = true;
    private static final String SCHEMAS_ENABLE_DOC =
            "Whether each serialized key or value carries its schema, as {\"schema\": ..., \"payload\": ...}.";
    private static final String SCHEMAS_ENABLE_DISPLAY = "Enable Schemas";

    public static final String SCHEMA_CONTENT_CONFIG = "schema.content";
    public static final String SCHEMA_CONTENT_DEFAULT = null;
    private static final String SCHEMA_CONTENT_DOC =
            "A JSON schema applied to every message read by this converter when 'schemas.enable' is true; messages are "
                    + "then bare payloads without an envelope. Only affects reading (sink connectors).";
    private static final String SCHEMA_CONTENT_DISPLAY = "Schema Content";

    public static final String SCHEMAS_CACHE_SIZE_CONFIG = "schemas.cache.size";
    public static final int SCHEMAS_CACHE_SIZE_DEFAULT = 1000;
    private static final String SCHEMAS_CACHE_SIZE_DOC =
            "How many schema translations this converter instance keeps cached, in each direction.";
    private static final String SCHEMAS_CACHE_SIZE_DISPLAY = "Schema Cache Size";

    public static final String DECIMAL_FORMAT_CONFIG = "decimal.format";
    // Deliberately not a compile-time constant, matching the released API.
    public static final String DECIMAL_FORMAT_DEFAULT = DecimalFormat.BASE64.name();
    private static final String DECIMAL_FORMAT_DOC =
            "How decimals are written: 'BASE64' (default, Base64 of the unscaled bytes) or 'NUMERIC' (a JSON number). "
                    + "Case insensitive.";
    private static final String DECIMAL_FORMAT_DISPLAY = "Decimal Format";

    public static final String REPLACE_NULL_WITH_DEFAULT_CONFIG = "replace.null.with.default";
    public static final boolean REPLACE_NULL_WITH_DEFAULT_DEFAULT = true;
    private static final String REPLACE_NULL_WITH_DEFAULT_DOC =
            "Whether a null value whose schema has a default is converted as that default (true) or as null (false).";
    private static final String REPLACE_NULL_WITH_DEFAULT_DISPLAY = "Replace null with default";

    private static final String SCHEMAS_GROUP = "Schemas";
    private static final String SERIALIZATION_GROUP = "Serialization";

    private static final ConfigDef CONFIG = newJsonConfigDef();

    private final boolean schemasEnabled;
    private final int schemaCacheSize;
    private final DecimalFormat decimalFormat;
    private final boolean replaceNullWithDefault;
    private final byte[] schemaContent;

    public JsonConverterConfig(Map<String, ?> props) {
        super(CONFIG, props);
        this.schemasEnabled = getBoolean(SCHEMAS_ENABLE_CONFIG);
        this.schemaCacheSize = getInt(SCHEMAS_CACHE_SIZE_CONFIG);
        this.decimalFormat = DecimalFormat.valueOf(getString(DECIMAL_FORMAT_CONFIG).toUpperCase(Locale.ROOT));
        this.replaceNullWithDefault = getBoolean(REPLACE_NULL_WITH_DEFAULT_CONFIG);
        String content = getString(SCHEMA_CONTENT_CONFIG);
        this.schemaContent = content == null || content.isBlank() ? null : content.getBytes(StandardCharsets.UTF_8);
    }

    public static ConfigDef configDef() {
        return CONFIG;
    }

    public boolean schemasEnabled() {
        return schemasEnabled;
    }

    public int schemaCacheSize() {
        return schemaCacheSize;
    }

    public DecimalFormat decimalFormat() {
        return decimalFormat;
    }

    public boolean replaceNullWithDefault() {
        return replaceNullWithDefault;
    }

    /** @return the UTF-8 bytes of {@code schema.content}, or {@code null} when it is unset or blank */
    public byte[] schemaContent() {
        return schemaContent == null ? null : schemaContent.clone();
    }

    private static ConfigDef newJsonConfigDef() {
        ConfigDef def = ConverterConfig.newConfigDef();
        int order = 0;
        def.define(SCHEMAS_ENABLE_CONFIG, Type.BOOLEAN, SCHEMAS_ENABLE_DEFAULT, Importance.HIGH, SCHEMAS_ENABLE_DOC,
                SCHEMAS_GROUP, order++, Width.MEDIUM, SCHEMAS_ENABLE_DISPLAY);
        def.define(SCHEMAS_CACHE_SIZE_CONFIG, Type.INT, SCHEMAS_CACHE_SIZE_DEFAULT, Importance.HIGH,
                SCHEMAS_CACHE_SIZE_DOC, SCHEMAS_GROUP, order++, Width.MEDIUM, SCHEMAS_CACHE_SIZE_DISPLAY);
        def.define(SCHEMA_CONTENT_CONFIG, Type.STRING, SCHEMA_CONTENT_DEFAULT, Importance.HIGH, SCHEMA_CONTENT_DOC,
                SCHEMAS_GROUP, order, Width.MEDIUM, SCHEMA_CONTENT_DISPLAY);

        order = 0;
        def.define(DECIMAL_FORMAT_CONFIG, Type.STRING, DECIMAL_FORMAT_DEFAULT,
                ConfigDef.CaseInsensitiveValidString.in(DecimalFormat.NUMERIC.name(), DecimalFormat.BASE64.name()),
                Importance.LOW, DECIMAL_FORMAT_DOC, SERIALIZATION_GROUP, order++, Width.MEDIUM, DECIMAL_FORMAT_DISPLAY);
        def.define(REPLACE_NULL_WITH_DEFAULT_CONFIG, Type.BOOLEAN, REPLACE_NULL_WITH_DEFAULT_DEFAULT, Importance.LOW,
                REPLACE_NULL_WITH_DEFAULT_DOC, SERIALIZATION_GROUP, order, Width.MEDIUM,
                REPLACE_NULL_WITH_DEFAULT_DISPLAY);
        return def;
    }
}
