package org.apache.kafka.connect.transforms;

import org.apache.kafka.common.cache.Cache;
import org.apache.kafka.common.cache.LRUCache;
import org.apache.kafka.common.cache.SynchronizedCache;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.ConnectSchema;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.transforms.util.Requirements;
import org.apache.kafka.connect.transforms.util.SimpleConfig;

import java.util.List;
import java.util.Map;

/**
 * Sets the name and/or version of a struct key/value schema, keeping everything else, and re-binds the struct to
 * the new schema. The updated schema is derived once per input schema and cached. A null key/value without a
 * schema passes through; other data without a schema, and non-struct schemas, are rejected. Use {@link Key} or
 * {@link Value}.
 */
public abstract class SetSchemaMetadata<R extends ConnectRecord<R>> implements Transformation<R> {

    public static final String OVERVIEW_DOC = "Changes the name and/or version of the key or value struct schema. "
            + "Use the concrete transformation type designed for the record key (<code>" + Key.class.getName()
            + "</code>) or value (<code>" + Value.class.getName() + "</code>).";

    private static final String SCHEMA_NAME_CONFIG = "schema.name";
    private static final String SCHEMA_VERSION_CONFIG = "schema.version";
    private static final String REPLACE_NULL_WITH_DEFAULT_CONFIG = "replace.null.with.default";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(SCHEMA_NAME_CONFIG, ConfigDef.Type.STRING, null, ConfigDef.Importance.HIGH,
                    "New schema name; when unset the current name is kept.")
            .define(SCHEMA_VERSION_CONFIG, ConfigDef.Type.INT, null, ConfigDef.Importance.HIGH,
                    "New schema version; when unset the current version is kept.")
            .define(REPLACE_NULL_WITH_DEFAULT_CONFIG, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.MEDIUM,
                    "Whether a null field that has a default value in its schema is read as that default (true) or "
                        + "kept as null (false) when the struct is re-bound to the new schema.");

    private static final String PURPOSE = "updating schema metadata";
    private static final int SCHEMA_CACHE_SIZE = 16;

    private String schemaName;
    private Integer schemaVersion;
    private boolean replaceNullWithDefault;
    private Cache<Schema, Schema> schemaUpdateCache;

    @Override
    public String version() {
        return AppInfoParser.getVersion();
    }

    @Override
    public void configure(Map<String, ?> configs) {
        SimpleConfig config = new SimpleConfig(CONFIG_DEF, configs);
        schemaName = config.getString(SCHEMA_NAME_CONFIG);
        schemaVersion = config.getInt(SCHEMA_VERSION_CONFIG);
        if (schemaName == null && schemaVersion == null) {
            throw new ConfigException("Neither schema name nor version configured; set '" + SCHEMA_NAME_CONFIG
                    + "' and/or '" + SCHEMA_VERSION_CONFIG + "'");
        }
        replaceNullWithDefault = config.getBoolean(REPLACE_NULL_WITH_DEFAULT_CONFIG);
        schemaUpdateCache = new SynchronizedCache<>(new LRUCache<>(SCHEMA_CACHE_SIZE));
    }

    @Override
    public R apply(R record) {
        Schema schema = operatingSchema(record);
        if (schema == null && operatingValue(record) == null) {
            return record;
        }
        Requirements.requireSchema(schema, PURPOSE);
        Schema updatedSchema = schemaUpdateCache.get(schema);
        if (updatedSchema == null) {
            updatedSchema = updatedStructSchema(schema);
            schemaUpdateCache.put(schema, updatedSchema);
        }
        return newRecord(record, updatedSchema);
    }

    /**
     * Copies a struct schema with the configured name/version. Listing the fields rejects non-struct schemas. The
     * schema is constructed directly so that a struct default value is carried over as it is.
     */
    private Schema updatedStructSchema(Schema schema) {
        List<Field> fields = schema.fields();
        return new ConnectSchema(Schema.Type.STRUCT, schema.isOptional(), schema.defaultValue(),
                schemaName != null ? schemaName : schema.name(),
                schemaVersion != null ? schemaVersion : schema.version(),
                schema.doc(), schema.parameters(), fields, null, null);
    }

    /**
     * Re-binds a struct to the updated schema; any other key/value is returned as is.
     *
     * @param keyOrValue the record key or value
     * @param updatedSchema the schema produced by this transformation
     * @return the key or value to put in the new record
     */
    protected Object updateSchemaIn(Object keyOrValue, Schema updatedSchema) {
        if (!(keyOrValue instanceof Struct)) {
            return keyOrValue;
        }
        Struct original = (Struct) keyOrValue;
        Struct updated = new Struct(updatedSchema);
        for (Field field : updatedSchema.fields()) {
            Object fieldValue = replaceNullWithDefault
                    ? original.get(field.name())
                    : original.getWithoutDefault(field.name());
            updated.put(field, fieldValue);
        }
        return updated;
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public void close() {
        schemaUpdateCache = null;
    }

    protected abstract Schema operatingSchema(R record);

    protected abstract Object operatingValue(R record);

    protected abstract R newRecord(R record, Schema updatedSchema);

    /** Updates the key schema. */
    public static class Key<R extends ConnectRecord<R>> extends SetSchemaMetadata<R> {
        @Override
        protected Schema operatingSchema(R record) {
            return record.keySchema();
        }

        @Override
        protected Object operatingValue(R record) {
            return record.key();
        }

        @Override
        protected R newRecord(R record, Schema updatedSchema) {
            Object updatedKey = updateSchemaIn(record.key(), updatedSchema);
            return record.newRecord(record.topic(), record.kafkaPartition(), updatedSchema, updatedKey,
                    record.valueSchema(), record.value(), record.timestamp());
        }
    }

    /** Updates the value schema. */
    public static class Value<R extends ConnectRecord<R>> extends SetSchemaMetadata<R> {
        @Override
        protected Schema operatingSchema(R record) {
            return record.valueSchema();
        }

        @Override
        protected Object operatingValue(R record) {
            return record.value();
        }

        @Override
        protected R newRecord(R record, Schema updatedSchema) {
            Object updatedValue = updateSchemaIn(record.value(), updatedSchema);
            return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                    updatedSchema, updatedValue, record.timestamp());
        }
    }
}
