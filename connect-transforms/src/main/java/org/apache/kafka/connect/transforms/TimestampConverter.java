package org.apache.kafka.connect.transforms;

import org.apache.kafka.common.cache.Cache;
import org.apache.kafka.common.cache.LRUCache;
import org.apache.kafka.common.cache.SynchronizedCache;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.ConnectSchema;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.transforms.util.Requirements;
import org.apache.kafka.connect.transforms.util.SchemaUtil;
import org.apache.kafka.connect.transforms.util.SimpleConfig;

import java.util.HashMap;
import java.util.Map;

/**
 * Converts a timestamp between formatted text, Unix epoch numbers and the Connect Date, Time and Timestamp logical
 * types, either for the whole key/value or for one top-level field. The source representation is taken from the
 * schema, or from the Java class when there is none. Text is read and written in UTC. Use {@link Key} or
 * {@link Value}.
 */
public abstract class TimestampConverter<R extends ConnectRecord<R>> implements Transformation<R> {

    public static final String OVERVIEW_DOC = "Converts a timestamp between representations: formatted text, a Unix "
            + "epoch number, or the Connect Date, Time and Timestamp logical types. It applies to the whole key or "
            + "value, or to a single top-level field. "
            + "Use the concrete transformation type designed for the record key (<code>" + Key.class.getName()
            + "</code>) or value (<code>" + Value.class.getName() + "</code>).";

    public static final String FIELD_CONFIG = "field";
    public static final String TARGET_TYPE_CONFIG = "target.type";
    public static final String FORMAT_CONFIG = "format";
    public static final String UNIX_PRECISION_CONFIG = "unix.precision";
    public static final String REPLACE_NULL_WITH_DEFAULT_CONFIG = "replace.null.with.default";

    public static final Schema OPTIONAL_DATE_SCHEMA = Date.builder().optional().schema();
    public static final Schema OPTIONAL_TIMESTAMP_SCHEMA = Timestamp.builder().optional().schema();
    public static final Schema OPTIONAL_TIME_SCHEMA = Time.builder().optional().schema();

    private static final String UNIX_PRECISION_DEFAULT = "milliseconds";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(FIELD_CONFIG, ConfigDef.Type.STRING, "", ConfigDef.Importance.HIGH,
                    "Name of the top-level field holding the timestamp; empty to convert the whole key or value.")
            .define(TARGET_TYPE_CONFIG, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                    ConfigDef.ValidString.in("string", "unix", "Date", "Time", "Timestamp"),
                    ConfigDef.Importance.HIGH,
                    "Representation to produce: string, unix, Date, Time or Timestamp.")
            .define(FORMAT_CONFIG, ConfigDef.Type.STRING, "", ConfigDef.Importance.MEDIUM,
                    "java.text.SimpleDateFormat pattern used, in UTC, to read string input and write string output. "
                        + "Required when either side is a string.")
            .define(UNIX_PRECISION_CONFIG, ConfigDef.Type.STRING, UNIX_PRECISION_DEFAULT,
                    ConfigDef.ValidString.in("nanoseconds", "microseconds", "milliseconds", "seconds"),
                    ConfigDef.Importance.LOW,
                    "Unit of Unix epoch numbers, both read and written: seconds, milliseconds, microseconds or "
                        + "nanoseconds. Converting to a coarser unit truncates.")
            .define(REPLACE_NULL_WITH_DEFAULT_CONFIG, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.MEDIUM,
                    "Whether a null field that has a default value in its schema is read as that default (true) or "
                        + "kept as null (false).");

    private static final String PURPOSE = "converting timestamp formats";
    private static final int SCHEMA_CACHE_SIZE = 16;

    private String field;
    private TimestampConverterType targetType;
    private TimestampConverterCodec codec;
    private boolean replaceNullWithDefault;
    private Cache<Schema, Schema> schemaUpdateCache;

    @Override
    public String version() {
        return AppInfoParser.getVersion();
    }

    @Override
    public void configure(Map<String, ?> props) {
        SimpleConfig config = new SimpleConfig(CONFIG_DEF, props);
        field = config.getString(FIELD_CONFIG);
        targetType = TimestampConverterType.forConfigName(config.getString(TARGET_TYPE_CONFIG));
        String pattern = config.getString(FORMAT_CONFIG);
        if (targetType == TimestampConverterType.STRING && pattern.isEmpty()) {
            throw new ConfigException("TimestampConverter requires format option to be specified when using "
                    + "string timestamps");
        }
        codec = TimestampConverterCodec.create(pattern, config.getString(UNIX_PRECISION_CONFIG));
        replaceNullWithDefault = config.getBoolean(REPLACE_NULL_WITH_DEFAULT_CONFIG);
        schemaUpdateCache = new SynchronizedCache<>(new LRUCache<>(SCHEMA_CACHE_SIZE));
    }

    @Override
    public R apply(R record) {
        Schema schema = operatingSchema(record);
        Object value = operatingValue(record);
        if (schema == null) {
            if (value == null) {
                return record;
            }
            return newRecord(record, null, field.isEmpty() ? convertSchemaless(value) : convertFieldSchemaless(value));
        }
        return field.isEmpty()
                ? convertWholeWithSchema(record, schema, value)
                : convertFieldWithSchema(record, schema, value);
    }

    private Object convertSchemaless(Object value) {
        if (value == null) {
            return null;
        }
        return convert(TimestampConverterType.forValue(value), value);
    }

    private Map<String, Object> convertFieldSchemaless(Object value) {
        Map<String, Object> original = Requirements.requireMap(value, PURPOSE);
        Map<String, Object> updated = new HashMap<>(original);
        updated.put(field, convertSchemaless(original.get(field)));
        return updated;
    }

    private R convertWholeWithSchema(R record, Schema schema, Object value) {
        TimestampConverterType sourceType = TimestampConverterType.forSchema(schema);
        Object converted = value == null ? null : convert(sourceType, value);
        return newRecord(record, targetType.schema(schema.isOptional()), converted);
    }

    private R convertFieldWithSchema(R record, Schema schema, Object value) {
        Struct original = Requirements.requireStructOrNull(value, PURPOSE);
        Schema updatedSchema = schemaUpdateCache.get(schema);
        if (updatedSchema == null) {
            updatedSchema = convertedStructSchema(schema);
            schemaUpdateCache.put(schema, updatedSchema);
        }
        return newRecord(record, updatedSchema, original == null ? null : convertedStruct(original, updatedSchema));
    }

    /** Copies a struct onto the updated schema, converting the configured field. */
    private Struct convertedStruct(Struct original, Schema updatedSchema) {
        Struct updated = new Struct(updatedSchema);
        for (Field structField : original.schema().fields()) {
            Object fieldValue = replaceNullWithDefault
                    ? original.get(structField)
                    : original.getWithoutDefault(structField.name());
            if (structField.name().equals(field) && fieldValue != null) {
                fieldValue = convert(TimestampConverterType.forSchema(structField.schema()), fieldValue);
            }
            updated.put(structField.name(), fieldValue);
        }
        return updated;
    }

    /**
     * Only the converted field's schema changes; it gets the plain schema of the target type. A default value of
     * the struct itself is converted as well.
     */
    private Schema convertedStructSchema(Schema schema) {
        SchemaBuilder builder = SchemaUtil.copySchemaBasics(schema, SchemaBuilder.struct());
        if (schema.isOptional()) {
            builder.optional();
        }
        for (Field structField : schema.fields()) {
            Schema fieldSchema = structField.schema();
            if (structField.name().equals(field)) {
                // Rejects field schemas that do not hold a timestamp.
                TimestampConverterType.forSchema(fieldSchema);
                builder.field(structField.name(), targetType.schema(fieldSchema.isOptional()));
            } else {
                builder.field(structField.name(), fieldSchema);
            }
        }
        Schema withoutDefault = builder.build();
        if (schema.defaultValue() == null) {
            return withoutDefault;
        }
        // Constructed directly: a builder would reject a default struct whose schema is not the builder itself.
        Struct convertedDefault = convertedStruct((Struct) schema.defaultValue(), withoutDefault);
        return new ConnectSchema(Schema.Type.STRUCT, withoutDefault.isOptional(), convertedDefault,
                withoutDefault.name(), withoutDefault.version(), withoutDefault.doc(), withoutDefault.parameters(),
                withoutDefault.fields(), null, null);
    }

    private Object convert(TimestampConverterType sourceType, Object value) {
        return targetType.fromInstant(sourceType.toInstant(value, codec), codec);
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

    protected abstract R newRecord(R record, Schema updatedSchema, Object updatedValue);

    /** Converts a timestamp in the record key. */
    public static class Key<R extends ConnectRecord<R>> extends TimestampConverter<R> {
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

    /** Converts a timestamp in the record value. */
    public static class Value<R extends ConnectRecord<R>> extends TimestampConverter<R> {
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
