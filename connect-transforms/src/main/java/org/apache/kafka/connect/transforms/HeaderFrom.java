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
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.transforms.util.NonEmptyListValidator;
import org.apache.kafka.connect.transforms.util.Requirements;
import org.apache.kafka.connect.transforms.util.SchemaUtil;
import org.apache.kafka.connect.transforms.util.SimpleConfig;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Copies or moves top-level fields of the record key or value into headers: the i-th configured field goes to a
 * header named by the i-th configured header name, with the field's schema. Moving also removes the fields from
 * the Struct (whose reduced schema is cached per input schema) or Map.
 */
public abstract class HeaderFrom<R extends ConnectRecord<R>> implements Transformation<R> {

    public static final String FIELDS_FIELD = "fields";
    public static final String HEADERS_FIELD = "headers";
    public static final String OPERATION_FIELD = "operation";
    public static final String REPLACE_NULL_WITH_DEFAULT_FIELD = "replace.null.with.default";

    public static final String OVERVIEW_DOC =
            "Copy or move fields of the record key or value into headers of the record. The n-th entry of "
            + "<code>" + FIELDS_FIELD + "</code> names the field whose value goes into the header named by the n-th "
            + "entry of <code>" + HEADERS_FIELD + "</code>. Use the concrete transformation type designed for the "
            + "record key (<code>" + Key.class.getName() + "</code>) or value (<code>" + Value.class.getName()
            + "</code>).";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(FIELDS_FIELD, ConfigDef.Type.LIST, ConfigDef.NO_DEFAULT_VALUE, new NonEmptyListValidator(),
                    ConfigDef.Importance.HIGH, "Names of the fields whose values are copied or moved into headers.")
            .define(HEADERS_FIELD, ConfigDef.Type.LIST, ConfigDef.NO_DEFAULT_VALUE, new NonEmptyListValidator(),
                    ConfigDef.Importance.HIGH,
                    "Names of the headers to write, one per entry of <code>" + FIELDS_FIELD + "</code> and in the "
                    + "same order.")
            .define(OPERATION_FIELD, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                    ConfigDef.ValidString.in(Operation.MOVE.toString(), Operation.COPY.toString()),
                    ConfigDef.Importance.HIGH,
                    "<code>move</code> to remove the fields from the key/value after writing the headers, or "
                    + "<code>copy</code> to keep them.")
            .define(REPLACE_NULL_WITH_DEFAULT_FIELD, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.MEDIUM,
                    "Whether a null field that has a default value in its schema is written (and, when moving, kept "
                    + "in the remaining fields) as that default (true) or as null (false).");

    private static final int SCHEMA_CACHE_SIZE = 16;

    /** What happens to a field once its value is in a header. */
    enum Operation {
        MOVE, COPY;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private List<String> fields;
    private List<String> headers;
    private Operation operation;
    private String purpose;
    private boolean replaceNullWithDefault;
    private Cache<Schema, Schema> reducedSchemas;

    @Override
    public void configure(Map<String, ?> props) {
        SimpleConfig config = new SimpleConfig(CONFIG_DEF, props);
        fields = config.getList(FIELDS_FIELD);
        headers = config.getList(HEADERS_FIELD);
        if (fields.size() != headers.size()) {
            throw new ConfigException("'" + FIELDS_FIELD + "' config must have the same number of elements as '"
                    + HEADERS_FIELD + "' config: " + fields.size() + " fields but " + headers.size() + " headers.");
        }
        operation = Operation.valueOf(config.getString(OPERATION_FIELD).toUpperCase(Locale.ROOT));
        purpose = "header " + operation;
        replaceNullWithDefault = config.getBoolean(REPLACE_NULL_WITH_DEFAULT_FIELD);
        reducedSchemas = new SynchronizedCache<>(new LRUCache<>(SCHEMA_CACHE_SIZE));
    }

    @Override
    public R apply(R record) {
        Object value = operatingValue(record);
        Schema schema = operatingSchema(record);
        Headers updatedHeaders = record.headers().duplicate();
        if (schema == null) {
            return applySchemaless(record, Requirements.requireMap(value, purpose), updatedHeaders);
        }
        return applyWithSchema(record, Requirements.requireStruct(value, purpose), schema, updatedHeaders);
    }

    private R applySchemaless(R record, Map<String, Object> original, Headers updatedHeaders) {
        for (int i = 0; i < fields.size(); i++) {
            updatedHeaders.add(headers.get(i), original.get(fields.get(i)), null);
        }
        if (operation == Operation.COPY) {
            return newRecord(record, null, original, updatedHeaders);
        }
        Map<String, Object> remaining = new HashMap<>(original);
        fields.forEach(remaining::remove);
        return newRecord(record, null, remaining, updatedHeaders);
    }

    private R applyWithSchema(R record, Struct original, Schema schema, Headers updatedHeaders) {
        for (int i = 0; i < fields.size(); i++) {
            String fieldName = fields.get(i);
            // an unknown field fails with a NullPointerException, the exception type Apache's implementation throws
            Field field = Objects.requireNonNull(schema.field(fieldName),
                    () -> "Field '" + fieldName + "' configured for " + purpose + " is not in the schema " + schema);
            updatedHeaders.add(headers.get(i), fieldValue(original, field), field.schema());
        }
        if (operation == Operation.COPY) {
            return newRecord(record, schema, original, updatedHeaders);
        }
        Schema reducedSchema = reducedSchemaFor(schema);
        Struct remaining = new Struct(reducedSchema);
        for (Field field : reducedSchema.fields()) {
            remaining.put(field.name(), fieldValue(original, original.schema().field(field.name())));
        }
        return newRecord(record, reducedSchema, remaining, updatedHeaders);
    }

    private Object fieldValue(Struct struct, Field field) {
        return replaceNullWithDefault ? struct.get(field) : struct.getWithoutDefault(field.name());
    }

    private Schema reducedSchemaFor(Schema schema) {
        Schema reduced = reducedSchemas.get(schema);
        if (reduced == null) {
            Set<String> moved = new HashSet<>(fields);
            SchemaBuilder builder = SchemaUtil.copySchemaBasics(schema, SchemaBuilder.struct());
            for (Field field : schema.fields()) {
                if (!moved.contains(field.name())) {
                    builder.field(field.name(), field.schema());
                }
            }
            reduced = builder.build();
            reducedSchemas.put(schema, reduced);
        }
        return reduced;
    }

    @Override
    public String version() {
        return AppInfoParser.getVersion();
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public void close() {
        reducedSchemas = null;
    }

    protected abstract Object operatingValue(R record);

    protected abstract Schema operatingSchema(R record);

    protected abstract R newRecord(R record, Schema updatedSchema, Object updatedValue,
            Iterable<Header> updatedHeaders);

    /** Takes the fields from the record key. */
    public static class Key<R extends ConnectRecord<R>> extends HeaderFrom<R> {
        @Override
        public Object operatingValue(R record) {
            return record.key();
        }

        @Override
        protected Schema operatingSchema(R record) {
            return record.keySchema();
        }

        @Override
        protected R newRecord(R record, Schema updatedSchema, Object updatedValue,
                Iterable<Header> updatedHeaders) {
            return record.newRecord(record.topic(), record.kafkaPartition(), updatedSchema, updatedValue,
                    record.valueSchema(), record.value(), record.timestamp(), updatedHeaders);
        }
    }

    /** Takes the fields from the record value. */
    public static class Value<R extends ConnectRecord<R>> extends HeaderFrom<R> {
        @Override
        public Object operatingValue(R record) {
            return record.value();
        }

        @Override
        protected Schema operatingSchema(R record) {
            return record.valueSchema();
        }

        @Override
        protected R newRecord(R record, Schema updatedSchema, Object updatedValue,
                Iterable<Header> updatedHeaders) {
            return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                    updatedSchema, updatedValue, record.timestamp(), updatedHeaders);
        }
    }
}
