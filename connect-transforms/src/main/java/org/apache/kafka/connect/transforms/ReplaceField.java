package org.apache.kafka.connect.transforms;

import org.apache.kafka.common.cache.Cache;
import org.apache.kafka.common.cache.LRUCache;
import org.apache.kafka.common.cache.SynchronizedCache;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.transforms.util.Requirements;
import org.apache.kafka.connect.transforms.util.SchemaUtil;
import org.apache.kafka.connect.transforms.util.SimpleConfig;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Drops, keeps and renames top-level fields of a struct (with a schema) or map (without one). A field is kept when
 * it is not excluded and either no include list is given or it is included; kept fields are then renamed. All
 * decisions use the original field names. The output schema is derived once per input schema and cached. Null
 * keys/values pass through untouched. Use {@link Key} or {@link Value}.
 */
public abstract class ReplaceField<R extends ConnectRecord<R>> implements Transformation<R> {

    public static final String OVERVIEW_DOC = "Removes, keeps or renames top-level fields. "
            + "Use the concrete transformation type designed for the record key (<code>" + Key.class.getName()
            + "</code>) or value (<code>" + Value.class.getName() + "</code>).";

    private static final String EXCLUDE_CONFIG = "exclude";
    private static final String INCLUDE_CONFIG = "include";
    private static final String RENAMES_CONFIG = "renames";
    private static final String REPLACE_NULL_WITH_DEFAULT_CONFIG = "replace.null.with.default";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(EXCLUDE_CONFIG, ConfigDef.Type.LIST, List.of(),
                    ConfigDef.ValidList.anyNonDuplicateValues(true, false), ConfigDef.Importance.MEDIUM,
                    "Names of fields to remove. Exclusion takes precedence over inclusion.")
            .define(INCLUDE_CONFIG, ConfigDef.Type.LIST, List.of(),
                    ConfigDef.ValidList.anyNonDuplicateValues(true, false), ConfigDef.Importance.MEDIUM,
                    "Names of the only fields to keep. When empty, every field that is not excluded is kept.")
            .define(RENAMES_CONFIG, ConfigDef.Type.LIST, List.of(),
                    ConfigDef.LambdaValidator.with(
                        (name, value) -> parseRenames(castToStringList(value)),
                        () -> "list of old:new pairs, e.g. <code>foo:bar,abc:xyz</code>"),
                    ConfigDef.Importance.MEDIUM,
                    "Comma-separated <code>old:new</code> pairs giving fields a new name.")
            .define(REPLACE_NULL_WITH_DEFAULT_CONFIG, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.MEDIUM,
                    "Whether a null field that has a default value in its schema is read as that default (true) or "
                        + "kept as null (false).");

    private static final String PURPOSE = "field replacement";
    private static final int SCHEMA_CACHE_SIZE = 16;

    private Set<String> exclude;
    private Set<String> include;
    private Map<String, String> renames;
    private boolean replaceNullWithDefault;
    private Cache<Schema, Schema> schemaUpdateCache;

    @Override
    public String version() {
        return AppInfoParser.getVersion();
    }

    @Override
    public void configure(Map<String, ?> props) {
        SimpleConfig config = new SimpleConfig(CONFIG_DEF, props);
        exclude = new HashSet<>(config.getList(EXCLUDE_CONFIG));
        include = new HashSet<>(config.getList(INCLUDE_CONFIG));
        renames = parseRenames(config.getList(RENAMES_CONFIG));
        replaceNullWithDefault = config.getBoolean(REPLACE_NULL_WITH_DEFAULT_CONFIG);
        schemaUpdateCache = new SynchronizedCache<>(new LRUCache<>(SCHEMA_CACHE_SIZE));
    }

    /** Parses {@code old:new} pairs; a later pair for the same old name wins. */
    static Map<String, String> parseRenames(List<String> mappings) {
        // An explicit null setting fails with a NullPointerException, as it does in Apache Kafka.
        Objects.requireNonNull(mappings, "'" + RENAMES_CONFIG + "' must not be null");
        Map<String, String> renames = new LinkedHashMap<>();
        for (String mapping : mappings) {
            String[] parts = mapping.split(":");
            if (parts.length != 2) {
                throw new ConfigException(RENAMES_CONFIG, mappings, "Invalid rename mapping '" + mapping
                        + "'; expected 'oldName:newName'");
            }
            renames.put(parts[0], parts[1]);
        }
        return Collections.unmodifiableMap(renames);
    }

    private boolean keeps(String fieldName) {
        return !exclude.contains(fieldName) && (include.isEmpty() || include.contains(fieldName));
    }

    private String renamed(String fieldName) {
        return renames.getOrDefault(fieldName, fieldName);
    }

    @Override
    public R apply(R record) {
        Object value = operatingValue(record);
        if (value == null) {
            return record;
        }
        Schema schema = operatingSchema(record);
        return schema == null ? applySchemaless(record, value) : applyWithSchema(record, schema, value);
    }

    private R applySchemaless(R record, Object value) {
        Map<String, Object> original = Requirements.requireMap(value, PURPOSE);
        Map<String, Object> updated = new HashMap<>(original.size());
        for (Map.Entry<String, Object> entry : original.entrySet()) {
            String fieldName = entry.getKey();
            if (keeps(fieldName)) {
                updated.put(renamed(fieldName), entry.getValue());
            }
        }
        return newRecord(record, null, updated);
    }

    private R applyWithSchema(R record, Schema schema, Object value) {
        Struct original = Requirements.requireStruct(value, PURPOSE);
        Schema updatedSchema = schemaUpdateCache.get(schema);
        if (updatedSchema == null) {
            updatedSchema = replacedSchema(schema);
            schemaUpdateCache.put(schema, updatedSchema);
        }
        Struct updated = new Struct(updatedSchema);
        for (Field field : schema.fields()) {
            if (keeps(field.name())) {
                Object fieldValue = replaceNullWithDefault
                        ? original.get(field)
                        : original.getWithoutDefault(field.name());
                updated.put(renamed(field.name()), fieldValue);
            }
        }
        return newRecord(record, updatedSchema, updated);
    }

    private Schema replacedSchema(Schema schema) {
        SchemaBuilder builder = SchemaUtil.copySchemaBasics(schema, SchemaBuilder.struct());
        for (Field field : schema.fields()) {
            if (keeps(field.name())) {
                builder.field(renamed(field.name()), field.schema());
            }
        }
        return builder.build();
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public void close() {
        schemaUpdateCache = null;
    }

    @SuppressWarnings("unchecked")
    private static List<String> castToStringList(Object value) {
        return (List<String>) value;
    }

    protected abstract Schema operatingSchema(R record);

    protected abstract Object operatingValue(R record);

    protected abstract R newRecord(R record, Schema updatedSchema, Object updatedValue);

    /** Replaces fields of the record key. */
    public static class Key<R extends ConnectRecord<R>> extends ReplaceField<R> {
        @Override
        protected Schema operatingSchema(R record) {
            return record.keySchema();
        }

        @Override
        protected Object operatingValue(R record) {
            return record.key();
        }

        @Override
        protected R newRecord(R record, Schema updatedSchema, Object updatedValue) {
            return record.newRecord(record.topic(), record.kafkaPartition(), updatedSchema, updatedValue,
                    record.valueSchema(), record.value(), record.timestamp());
        }
    }

    /** Replaces fields of the record value. */
    public static class Value<R extends ConnectRecord<R>> extends ReplaceField<R> {
        @Override
        protected Schema operatingSchema(R record) {
            return record.valueSchema();
        }

        @Override
        protected Object operatingValue(R record) {
            return record.value();
        }

        @Override
        protected R newRecord(R record, Schema updatedSchema, Object updatedValue) {
            return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                    updatedSchema, updatedValue, record.timestamp());
        }
    }
}
