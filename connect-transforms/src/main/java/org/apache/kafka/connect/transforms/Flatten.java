package org.apache.kafka.connect.transforms;

import org.apache.kafka.common.cache.Cache;
import org.apache.kafka.common.cache.LRUCache;
import org.apache.kafka.common.cache.SynchronizedCache;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.ConnectSchema;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.util.Requirements;
import org.apache.kafka.connect.transforms.util.SchemaUtil;
import org.apache.kafka.connect.transforms.util.SimpleConfig;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Flattens nested structs (with a schema) or nested maps (without one) into a single level whose field names join
 * the path with a delimiter, e.g. {@code address.city}. Arrays are kept as they are. A field below an optional
 * struct becomes optional. The flattened schema is derived once per input schema and cached. Null keys/values pass
 * through untouched. Use {@link Key} or {@link Value}.
 */
public abstract class Flatten<R extends ConnectRecord<R>> implements Transformation<R> {

    public static final String OVERVIEW_DOC = "Turns a nested structure into a flat one: each field of a nested "
            + "struct (or nested map, for schemaless data) becomes a top-level field named by the path of field "
            + "names joined with the configurable delimiter. Arrays are left unchanged. "
            + "Use the concrete transformation type designed for the record key (<code>" + Key.class.getName()
            + "</code>) or value (<code>" + Value.class.getName() + "</code>).";

    private static final String DELIMITER_CONFIG = "delimiter";
    private static final String DELIMITER_DEFAULT = ".";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(DELIMITER_CONFIG, ConfigDef.Type.STRING, DELIMITER_DEFAULT, ConfigDef.Importance.MEDIUM,
                    "Text placed between the names of a parent field and its child to form the flattened field "
                        + "name.");

    private static final String PURPOSE = "flattening";
    private static final int SCHEMA_CACHE_SIZE = 16;

    private String delimiter;
    private Cache<Schema, Schema> schemaUpdateCache;

    @Override
    public void configure(Map<String, ?> props) {
        SimpleConfig config = new SimpleConfig(CONFIG_DEF, props);
        delimiter = config.getString(DELIMITER_CONFIG);
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

    @Override
    public String version() {
        return AppInfoParser.getVersion();
    }

    @Override
    public void close() {
        schemaUpdateCache = null;
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    private R applySchemaless(R record, Object value) {
        Map<String, Object> original = Requirements.requireMap(value, PURPOSE);
        Map<String, Object> flattened = new LinkedHashMap<>();
        flattenMap("", original, flattened);
        return newRecord(record, null, flattened);
    }

    private void flattenMap(String prefix, Map<?, ?> map, Map<String, Object> flattened) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            // Keys must be strings; anything else fails here with a ClassCastException, as field names must be text.
            String name = joinName(prefix, (String) entry.getKey());
            Object fieldValue = entry.getValue();
            if (fieldValue == null) {
                flattened.put(name, null);
                continue;
            }
            Schema.Type type = ConnectSchema.schemaType(fieldValue.getClass());
            if (type == null) {
                throw new DataException("Flatten transformation was passed a value of type " + fieldValue.getClass()
                        + " which is not supported by Connect's data API");
            }
            switch (type) {
                case MAP:
                    flattenMap(name, (Map<?, ?>) fieldValue, flattened);
                    break;
                case STRUCT:
                    throw new DataException("Flatten transformation does not support " + fieldValue.getClass()
                            + " for record without schemas (for field " + name + ").");
                default:
                    flattened.put(name, fieldValue);
            }
        }
    }

    private R applyWithSchema(R record, Schema schema, Object value) {
        Struct original = Requirements.requireStruct(value, PURPOSE);
        Schema flattenedSchema = schemaUpdateCache.get(schema);
        if (flattenedSchema == null) {
            SchemaBuilder builder = SchemaUtil.copySchemaBasics(schema, SchemaBuilder.struct());
            addFlattenedFields("", schema, schema.isOptional(), (Struct) schema.defaultValue(), builder);
            flattenedSchema = builder.build();
            schemaUpdateCache.put(schema, flattenedSchema);
        }
        Struct flattened = new Struct(flattenedSchema);
        copyFlattenedValues("", original, flattened);
        return newRecord(record, flattenedSchema, flattened);
    }

    /**
     * Adds the leaves of {@code struct} to {@code builder}. Everything below an optional struct is optional, and a
     * field without a default of its own takes its value in the default of the enclosing struct, if that has one.
     */
    private void addFlattenedFields(String prefix, Schema struct, boolean parentOptional, Struct parentDefault,
                                    SchemaBuilder builder) {
        for (Field field : struct.fields()) {
            String name = joinName(prefix, field.name());
            Schema fieldSchema = field.schema();
            boolean optional = parentOptional || fieldSchema.isOptional();
            Object defaultValue = fieldSchema.defaultValue();
            if (defaultValue == null && parentDefault != null) {
                defaultValue = parentDefault.get(field.name());
            }
            switch (fieldSchema.type()) {
                case STRUCT:
                    addFlattenedFields(name, fieldSchema, optional, (Struct) defaultValue, builder);
                    break;
                case MAP:
                    throw new DataException("Flatten transformation does not support " + fieldSchema.type()
                            + " for record with schemas (for field " + name + ").");
                default:
                    builder.field(name, leafSchema(fieldSchema, optional, defaultValue));
            }
        }
    }

    private static Schema leafSchema(Schema fieldSchema, boolean optional, Object defaultValue) {
        if (optional == fieldSchema.isOptional() && defaultValue == fieldSchema.defaultValue()) {
            return fieldSchema;
        }
        SchemaBuilder builder = fieldSchema.type() == Schema.Type.ARRAY
                ? SchemaBuilder.array(fieldSchema.valueSchema())
                : SchemaBuilder.type(fieldSchema.type());
        SchemaUtil.copySchemaBasics(fieldSchema, builder);
        if (optional) {
            builder.optional();
        }
        if (defaultValue != null) {
            builder.defaultValue(defaultValue);
        }
        return builder.build();
    }

    /**
     * Copies the leaf values of {@code struct}, reading the defaults of null leaves. A null nested struct leaves all
     * its leaves null, even when the struct field has a default.
     */
    private void copyFlattenedValues(String prefix, Struct struct, Struct flattened) {
        for (Field field : struct.schema().fields()) {
            String name = joinName(prefix, field.name());
            if (field.schema().type() == Schema.Type.STRUCT) {
                Struct nested = (Struct) struct.getWithoutDefault(field.name());
                if (nested != null) {
                    copyFlattenedValues(name, nested, flattened);
                }
            } else {
                flattened.put(name, struct.get(field));
            }
        }
    }

    private String joinName(String prefix, String fieldName) {
        return prefix.isEmpty() ? fieldName : prefix + delimiter + fieldName;
    }

    protected abstract Schema operatingSchema(R record);

    protected abstract Object operatingValue(R record);

    protected abstract R newRecord(R record, Schema updatedSchema, Object updatedValue);

    /** Flattens the record key. */
    public static class Key<R extends ConnectRecord<R>> extends Flatten<R> {
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

    /** Flattens the record value. */
    public static class Value<R extends ConnectRecord<R>> extends Flatten<R> {
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
