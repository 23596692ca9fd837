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
import org.apache.kafka.connect.transforms.util.Requirements;
import org.apache.kafka.connect.transforms.util.SchemaUtil;
import org.apache.kafka.connect.transforms.util.SimpleConfig;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Casts the whole key/value, or chosen top-level fields of it, to another primitive type. With a schema the output
 * schema is derived once per input schema and cached; without a schema the Java class of each value decides how it
 * is read. Null keys/values pass through untouched. Use {@link Key} or {@link Value}.
 */
public abstract class Cast<R extends ConnectRecord<R>> implements Transformation<R> {

    public static final String OVERVIEW_DOC = "Converts fields, or the whole key or value, to a different primitive "
            + "type (for example, a number to a string, or a string to a 32-bit integer). Only primitive types can be "
            + "cast; logical Date, Time, Timestamp and Decimal values are accepted as input. "
            + "Use the concrete transformation type designed for the record key (<code>" + Key.class.getName()
            + "</code>) or value (<code>" + Value.class.getName() + "</code>).";

    public static final String SPEC_CONFIG = "spec";
    public static final String REPLACE_NULL_WITH_DEFAULT_CONFIG = "replace.null.with.default";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(SPEC_CONFIG, ConfigDef.Type.LIST, ConfigDef.NO_DEFAULT_VALUE,
                    ConfigDef.LambdaValidator.with(
                        (name, value) -> CastSpec.parse(castToStringList(value)),
                        () -> "list of field:type pairs (e.g. <code>id:int64,flag:boolean</code>), or a single type "
                            + "for the whole value"),
                    ConfigDef.Importance.HIGH,
                    "Comma-separated <code>field:type</code> pairs naming each field to cast and its new type, or "
                        + "just <code>type</code> to cast the entire key or value. Types: int8, int16, int32, int64, "
                        + "float32, float64, boolean and string.")
            .define(REPLACE_NULL_WITH_DEFAULT_CONFIG, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.MEDIUM,
                    "Whether a null field that has a default value in its schema is read as that default (true) or "
                        + "kept as null (false).");

    private static final String PURPOSE = "cast types";
    private static final int SCHEMA_CACHE_SIZE = 16;

    private CastSpec spec;
    private boolean replaceNullWithDefault;
    private Cache<Schema, Schema> schemaUpdateCache;

    @Override
    public String version() {
        return AppInfoParser.getVersion();
    }

    @Override
    public void configure(Map<String, ?> props) {
        SimpleConfig config = new SimpleConfig(CONFIG_DEF, props);
        spec = CastSpec.parse(config.getList(SPEC_CONFIG));
        replaceNullWithDefault = config.getBoolean(REPLACE_NULL_WITH_DEFAULT_CONFIG);
        schemaUpdateCache = new SynchronizedCache<>(new LRUCache<>(SCHEMA_CACHE_SIZE));
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
        if (spec.castsWholeValue()) {
            return newRecord(record, null, CastValueConverter.castSchemaless(value, spec.wholeValueType()));
        }
        Map<String, Object> original = Requirements.requireMap(value, PURPOSE);
        Map<String, Object> updated = new HashMap<>(original);
        for (Map.Entry<String, Schema.Type> fieldType : spec.fieldTypes().entrySet()) {
            String field = fieldType.getKey();
            updated.put(field, CastValueConverter.castSchemaless(original.get(field), fieldType.getValue()));
        }
        return newRecord(record, null, updated);
    }

    private R applyWithSchema(R record, Schema schema, Object value) {
        Schema updatedSchema = schemaUpdateCache.get(schema);
        if (updatedSchema == null) {
            updatedSchema = spec.castsWholeValue() ? castWholeSchema(schema) : castFieldsSchema(schema);
            schemaUpdateCache.put(schema, updatedSchema);
        }
        if (spec.castsWholeValue()) {
            return newRecord(record, updatedSchema, CastValueConverter.cast(schema, value, spec.wholeValueType()));
        }
        Struct original = Requirements.requireStruct(value, PURPOSE);
        Struct updated = new Struct(updatedSchema);
        for (Field field : schema.fields()) {
            Object fieldValue = replaceNullWithDefault ? original.get(field) : original.getWithoutDefault(field.name());
            Schema.Type targetType = spec.fieldTypes().get(field.name());
            if (targetType != null) {
                fieldValue = CastValueConverter.cast(field.schema(), fieldValue, targetType);
            }
            updated.put(field.name(), fieldValue);
        }
        return newRecord(record, updatedSchema, updated);
    }

    /** The whole value keeps its schema's name, version, doc and parameters; only the type changes. */
    private Schema castWholeSchema(Schema schema) {
        CastValueConverter.requireSupportedSourceType(schema.type());
        return completeCastSchema(schema, spec.wholeValueType(), SchemaUtil.copySchemaBasics(schema,
                SchemaBuilder.type(spec.wholeValueType())));
    }

    /** Cast fields get a plain schema of the target type; the other fields keep theirs. */
    private Schema castFieldsSchema(Schema schema) {
        if (schema.defaultValue() != null) {
            // Defaults are cast along with the schema, and a struct default is not castable (as in Apache Kafka).
            CastValueConverter.requireSupportedSourceType(schema.type());
        }
        SchemaBuilder builder = SchemaUtil.copySchemaBasics(schema, SchemaBuilder.struct());
        if (schema.isOptional()) {
            builder.optional();
        }
        for (Field field : schema.fields()) {
            Schema.Type targetType = spec.fieldTypes().get(field.name());
            if (targetType == null) {
                builder.field(field.name(), field.schema());
            } else {
                CastValueConverter.requireSupportedSourceType(field.schema().type());
                Schema castSchema = completeCastSchema(field.schema(), targetType, SchemaBuilder.type(targetType));
                builder.field(field.name(), castSchema);
            }
        }
        return builder.build();
    }

    /** Finishes a cast schema: it keeps the optionality of its source and gets the source default, cast. */
    private static Schema completeCastSchema(Schema source, Schema.Type targetType, SchemaBuilder target) {
        if (source.isOptional()) {
            target.optional();
        }
        if (source.defaultValue() != null) {
            target.defaultValue(CastValueConverter.cast(source, source.defaultValue(), targetType));
        }
        return target.build();
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

    /** Casts the record key. */
    public static final class Key<R extends ConnectRecord<R>> extends Cast<R> {
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

    /** Casts the record value. */
    public static final class Value<R extends ConnectRecord<R>> extends Cast<R> {
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
