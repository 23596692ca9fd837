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
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.transforms.util.Requirements;
import org.apache.kafka.connect.transforms.util.SchemaUtil;
import org.apache.kafka.connect.transforms.util.SimpleConfig;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;

/**
 * Adds fields holding record metadata (topic, partition, offset, timestamp) and/or a configured static string to
 * the record key or value. A Struct gets an extended schema (cached per input schema); a schemaless Map gets extra
 * entries. Null keys/values are passed through untouched.
 */
public abstract class InsertField<R extends ConnectRecord<R>> implements Transformation<R> {

    public static final String OVERVIEW_DOC =
            "Add fields to the record key or value holding the record's topic, partition, offset (sink records "
            + "only), timestamp, or a configured static string."
            + "<p/>Use the concrete transformation type designed for the record key (<code>"
            + Key.class.getName() + "</code>) or value (<code>" + Value.class.getName() + "</code>).";

    interface ConfigName {
        String TOPIC_FIELD = "topic.field";
        String PARTITION_FIELD = "partition.field";
        String OFFSET_FIELD = "offset.field";
        String TIMESTAMP_FIELD = "timestamp.field";
        String STATIC_FIELD = "static.field";
        String STATIC_VALUE = "static.value";
        String REPLACE_NULL_WITH_DEFAULT = "replace.null.with.default";
    }

    private static final String SUFFIX_DOC = " Append <code>!</code> to the name to make the field required, or "
            + "<code>?</code> to make it optional (the default).";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(ConfigName.TOPIC_FIELD, ConfigDef.Type.STRING, null, ConfigDef.Importance.MEDIUM,
                    "Name of the field that receives the record's topic." + SUFFIX_DOC)
            .define(ConfigName.PARTITION_FIELD, ConfigDef.Type.STRING, null, ConfigDef.Importance.MEDIUM,
                    "Name of the field that receives the record's Kafka partition." + SUFFIX_DOC)
            .define(ConfigName.OFFSET_FIELD, ConfigDef.Type.STRING, null, ConfigDef.Importance.MEDIUM,
                    "Name of the field that receives the record's Kafka offset; sink connectors only." + SUFFIX_DOC)
            .define(ConfigName.TIMESTAMP_FIELD, ConfigDef.Type.STRING, null, ConfigDef.Importance.MEDIUM,
                    "Name of the field that receives the record's timestamp." + SUFFIX_DOC)
            .define(ConfigName.STATIC_FIELD, ConfigDef.Type.STRING, null, ConfigDef.Importance.MEDIUM,
                    "Name of the field that receives the static value." + SUFFIX_DOC)
            .define(ConfigName.STATIC_VALUE, ConfigDef.Type.STRING, null, ConfigDef.Importance.MEDIUM,
                    "The static string inserted into the static field (required when a static field is set).")
            .define(ConfigName.REPLACE_NULL_WITH_DEFAULT, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.MEDIUM,
                    "Whether null fields of the original Struct that have a default value are copied as that "
                    + "default (true) or as null (false).");

    private static final String PURPOSE = "field insertion";
    private static final int SCHEMA_CACHE_SIZE = 16;
    private static final Schema OPTIONAL_TIMESTAMP_SCHEMA = Timestamp.builder().optional().build();

    private InsertionSpec topicField;
    private InsertionSpec partitionField;
    private InsertionSpec offsetField;
    private InsertionSpec timestampField;
    private InsertionSpec staticField;
    private String staticValue;
    private boolean replaceNullWithDefault;
    private Cache<Schema, Schema> extendedSchemas;

    @Override
    public String version() {
        return AppInfoParser.getVersion();
    }

    @Override
    public void configure(Map<String, ?> props) {
        SimpleConfig config = new SimpleConfig(CONFIG_DEF, props);
        topicField = InsertionSpec.parse(config.getString(ConfigName.TOPIC_FIELD));
        partitionField = InsertionSpec.parse(config.getString(ConfigName.PARTITION_FIELD));
        offsetField = InsertionSpec.parse(config.getString(ConfigName.OFFSET_FIELD));
        timestampField = InsertionSpec.parse(config.getString(ConfigName.TIMESTAMP_FIELD));
        staticField = InsertionSpec.parse(config.getString(ConfigName.STATIC_FIELD));
        staticValue = config.getString(ConfigName.STATIC_VALUE);
        replaceNullWithDefault = config.getBoolean(ConfigName.REPLACE_NULL_WITH_DEFAULT);

        if (topicField == null && partitionField == null && offsetField == null && timestampField == null
                && staticField == null) {
            throw new ConfigException("No field insertion configured");
        }
        if (staticField != null && staticValue == null) {
            throw new ConfigException(ConfigName.STATIC_VALUE, null,
                    "No value specified for static field: " + staticField.name);
        }
        extendedSchemas = new SynchronizedCache<>(new LRUCache<>(SCHEMA_CACHE_SIZE));
    }

    @Override
    public R apply(R record) {
        if (operatingValue(record) == null) {
            return record;
        }
        return operatingSchema(record) == null ? applySchemaless(record) : applyWithSchema(record);
    }

    private R applySchemaless(R record) {
        Map<String, Object> original = Requirements.requireMap(operatingValue(record), PURPOSE);
        Map<String, Object> updated = new HashMap<>(original);
        if (topicField != null) {
            updated.put(topicField.name, record.topic());
        }
        if (partitionField != null && record.kafkaPartition() != null) {
            updated.put(partitionField.name, record.kafkaPartition());
        }
        if (offsetField != null) {
            updated.put(offsetField.name, Requirements.requireSinkRecord(record, PURPOSE).kafkaOffset());
        }
        if (timestampField != null && record.timestamp() != null) {
            updated.put(timestampField.name, record.timestamp());
        }
        if (staticField != null) {
            updated.put(staticField.name, staticValue);
        }
        return newRecord(record, null, updated);
    }

    private R applyWithSchema(R record) {
        Struct original = Requirements.requireStruct(operatingValue(record), PURPOSE);
        Schema extendedSchema = extendedSchemaFor(original.schema());

        Struct updated = new Struct(extendedSchema);
        for (Field field : original.schema().fields()) {
            updated.put(field.name(),
                    replaceNullWithDefault ? original.get(field) : original.getWithoutDefault(field.name()));
        }
        // metadata that the record does not carry (e.g. a source record without partition) is left unset
        if (topicField != null) {
            updated.put(topicField.name, record.topic());
        }
        if (partitionField != null && record.kafkaPartition() != null) {
            updated.put(partitionField.name, record.kafkaPartition());
        }
        if (offsetField != null) {
            updated.put(offsetField.name, Requirements.requireSinkRecord(record, PURPOSE).kafkaOffset());
        }
        if (timestampField != null && record.timestamp() != null) {
            updated.put(timestampField.name, new Date(record.timestamp()));
        }
        if (staticField != null) {
            updated.put(staticField.name, staticValue);
        }
        return newRecord(record, extendedSchema, updated);
    }

    private Schema extendedSchemaFor(Schema original) {
        Schema extended = extendedSchemas.get(original);
        if (extended == null) {
            extended = buildExtendedSchema(original);
            extendedSchemas.put(original, extended);
        }
        return extended;
    }

    private Schema buildExtendedSchema(Schema original) {
        SchemaBuilder builder = SchemaUtil.copySchemaBasics(original, SchemaBuilder.struct());
        for (Field field : original.fields()) {
            builder.field(field.name(), field.schema());
        }
        if (topicField != null) {
            builder.field(topicField.name, topicField.optional ? Schema.OPTIONAL_STRING_SCHEMA : Schema.STRING_SCHEMA);
        }
        if (partitionField != null) {
            builder.field(partitionField.name,
                    partitionField.optional ? Schema.OPTIONAL_INT32_SCHEMA : Schema.INT32_SCHEMA);
        }
        if (offsetField != null) {
            builder.field(offsetField.name, offsetField.optional ? Schema.OPTIONAL_INT64_SCHEMA : Schema.INT64_SCHEMA);
        }
        if (timestampField != null) {
            builder.field(timestampField.name, timestampField.optional ? OPTIONAL_TIMESTAMP_SCHEMA : Timestamp.SCHEMA);
        }
        if (staticField != null) {
            builder.field(staticField.name,
                    staticField.optional ? Schema.OPTIONAL_STRING_SCHEMA : Schema.STRING_SCHEMA);
        }
        return builder.build();
    }

    @Override
    public void close() {
        extendedSchemas = null;
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    protected abstract Schema operatingSchema(R record);

    protected abstract Object operatingValue(R record);

    protected abstract R newRecord(R record, Schema updatedSchema, Object updatedValue);

    /**
     * A field to insert: its name and whether its schema is optional. Parsed from the configured name, where a
     * trailing {@code !} means required and a trailing {@code ?} (or none) means optional.
     */
    static final class InsertionSpec {
        final String name;
        final boolean optional;

        private InsertionSpec(String name, boolean optional) {
            this.name = name;
            this.optional = optional;
        }

        static InsertionSpec parse(String configured) {
            if (configured == null) {
                return null;
            }
            if (configured.endsWith("!")) {
                return new InsertionSpec(configured.substring(0, configured.length() - 1), false);
            }
            if (configured.endsWith("?")) {
                return new InsertionSpec(configured.substring(0, configured.length() - 1), true);
            }
            return new InsertionSpec(configured, true);
        }
    }

    /** Inserts into the record key. */
    public static class Key<R extends ConnectRecord<R>> extends InsertField<R> {
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

    /** Inserts into the record value. */
    public static class Value<R extends ConnectRecord<R>> extends InsertField<R> {
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
