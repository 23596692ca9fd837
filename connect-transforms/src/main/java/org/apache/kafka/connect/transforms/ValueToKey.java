package org.apache.kafka.connect.transforms;

import org.apache.kafka.common.cache.Cache;
import org.apache.kafka.common.cache.LRUCache;
import org.apache.kafka.common.cache.SynchronizedCache;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.field.FieldSyntaxVersion;
import org.apache.kafka.connect.transforms.field.SingleFieldPath;
import org.apache.kafka.connect.transforms.util.Requirements;
import org.apache.kafka.connect.transforms.util.SimpleConfig;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Replaces the record key with a Struct (or, for schemaless values, a Map) made of the configured fields of the
 * record value. Each key field is named by its configured text; with {@code field.syntax.version=V2} that text is a
 * path that may reach into nested structs/maps (e.g. {@code address.city}). The key schema is cached per value schema.
 */
public class ValueToKey<R extends ConnectRecord<R>> implements Transformation<R> {

    public static final String OVERVIEW_DOC =
            "Replace the record key with a new key formed from a subset of fields in the record value.";

    public static final String FIELDS_CONFIG = "fields";
    public static final String REPLACE_NULL_WITH_DEFAULT_CONFIG = "replace.null.with.default";

    public static final ConfigDef CONFIG_DEF = FieldSyntaxVersion.appendConfigTo(new ConfigDef()
            .define(FIELDS_CONFIG, ConfigDef.Type.LIST, ConfigDef.NO_DEFAULT_VALUE,
                    ConfigDef.ValidList.anyNonDuplicateValues(false, false), ConfigDef.Importance.HIGH,
                    "Names (or paths, see field.syntax.version) of the value fields that make up the new key, in key "
                    + "field order. Each key field is named by the configured text.")
            .define(REPLACE_NULL_WITH_DEFAULT_CONFIG, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.MEDIUM,
                    "Whether a null value field that has a default value in its schema is copied to the key as that "
                    + "default (true) or as null (false)."));

    private static final String PURPOSE = "copying fields from value to key";
    private static final int SCHEMA_CACHE_SIZE = 16;

    /** Key field name (the configured text) to the path of its value field, in key field order. */
    private Map<String, SingleFieldPath> keyFieldPaths;
    private boolean replaceNullWithDefault;
    private Cache<Schema, Schema> keySchemas;

    @Override
    public String version() {
        return AppInfoParser.getVersion();
    }

    @Override
    public void configure(Map<String, ?> props) {
        SimpleConfig config = new SimpleConfig(CONFIG_DEF, props);
        FieldSyntaxVersion syntaxVersion = FieldSyntaxVersion.fromConfig(config);
        Map<String, SingleFieldPath> paths = new LinkedHashMap<>();
        for (String field : config.getList(FIELDS_CONFIG)) {
            paths.put(field, new SingleFieldPath(field, syntaxVersion));
        }
        keyFieldPaths = Collections.unmodifiableMap(paths);
        replaceNullWithDefault = config.getBoolean(REPLACE_NULL_WITH_DEFAULT_CONFIG);
        keySchemas = new SynchronizedCache<>(new LRUCache<>(SCHEMA_CACHE_SIZE));
    }

    @Override
    public R apply(R record) {
        return record.valueSchema() == null ? applySchemaless(record) : applyWithSchema(record);
    }

    private R applySchemaless(R record) {
        Map<String, Object> value = Requirements.requireMap(record.value(), PURPOSE);
        Map<String, Object> key = new HashMap<>();
        for (Map.Entry<String, SingleFieldPath> keyField : keyFieldPaths.entrySet()) {
            key.put(keyField.getKey(), keyField.getValue().valueFrom(value));
        }
        return record.newRecord(record.topic(), record.kafkaPartition(), null, key,
                record.valueSchema(), record.value(), record.timestamp());
    }

    private R applyWithSchema(R record) {
        Struct value = Requirements.requireStruct(record.value(), PURPOSE);
        Schema keySchema = keySchemaFor(value.schema());
        Struct key = new Struct(keySchema);
        for (Map.Entry<String, SingleFieldPath> keyField : keyFieldPaths.entrySet()) {
            key.put(keyField.getKey(), keyField.getValue().valueFrom(value, replaceNullWithDefault));
        }
        return record.newRecord(record.topic(), record.kafkaPartition(), keySchema, key,
                record.valueSchema(), record.value(), record.timestamp());
    }

    private Schema keySchemaFor(Schema valueSchema) {
        Schema keySchema = keySchemas.get(valueSchema);
        if (keySchema == null) {
            SchemaBuilder builder = SchemaBuilder.struct();
            for (Map.Entry<String, SingleFieldPath> keyField : keyFieldPaths.entrySet()) {
                Field field = keyField.getValue().fieldFrom(valueSchema);
                if (field == null) {
                    throw new DataException("Field does not exist: " + keyField.getKey());
                }
                builder.field(keyField.getKey(), field.schema());
            }
            keySchema = builder.build();
            keySchemas.put(valueSchema, keySchema);
        }
        return keySchema;
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public void close() {
        keySchemas = null;
    }
}
