package org.apache.kafka.connect.transforms;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.transforms.util.Requirements;
import org.apache.kafka.connect.transforms.util.SimpleConfig;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Replaces the values of chosen top-level fields with a masked value (see {@link MaskFieldMasker}); the schema is
 * unchanged. The key/value must be a struct (with a schema) or a map (without one); a null key/value is rejected.
 * Use {@link Key} or {@link Value}.
 */
public abstract class MaskField<R extends ConnectRecord<R>> implements Transformation<R> {

    public static final String OVERVIEW_DOC = "Hides the contents of the listed fields. By default each value is "
            + "replaced by the empty value of its type (0, false, an empty string, the epoch, an empty list or map); "
            + "a replacement text can be configured instead for numeric and string fields. "
            + "Use the concrete transformation type designed for the record key (<code>" + Key.class.getName()
            + "</code>) or value (<code>" + Value.class.getName() + "</code>).";

    private static final String FIELDS_CONFIG = "fields";
    private static final String REPLACEMENT_CONFIG = "replacement";
    private static final String REPLACE_NULL_WITH_DEFAULT_CONFIG = "replace.null.with.default";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(FIELDS_CONFIG, ConfigDef.Type.LIST, ConfigDef.NO_DEFAULT_VALUE,
                    ConfigDef.ValidList.anyNonDuplicateValues(false, false), ConfigDef.Importance.HIGH,
                    "Names of the fields to mask.")
            .define(REPLACEMENT_CONFIG, ConfigDef.Type.STRING, null, new ConfigDef.NonEmptyString(),
                    ConfigDef.Importance.LOW,
                    "Text to put in place of masked values, converted to the field's numeric type where needed. "
                        + "Only numeric and string fields can use it. When unset, the empty value of the field's "
                        + "type is used.")
            .define(REPLACE_NULL_WITH_DEFAULT_CONFIG, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.MEDIUM,
                    "Whether a null field that has a default value in its schema is read as that default (true) or "
                        + "kept as null (false).");

    private static final String PURPOSE = "mask fields";

    private Set<String> maskedFields;
    private MaskFieldMasker masker;
    private boolean replaceNullWithDefault;

    @Override
    public String version() {
        return AppInfoParser.getVersion();
    }

    @Override
    public void configure(Map<String, ?> props) {
        SimpleConfig config = new SimpleConfig(CONFIG_DEF, props);
        maskedFields = new HashSet<>(config.getList(FIELDS_CONFIG));
        masker = new MaskFieldMasker(config.getString(REPLACEMENT_CONFIG));
        replaceNullWithDefault = config.getBoolean(REPLACE_NULL_WITH_DEFAULT_CONFIG);
    }

    @Override
    public R apply(R record) {
        return operatingSchema(record) == null ? applySchemaless(record) : applyWithSchema(record);
    }

    private R applySchemaless(R record) {
        Map<String, Object> original = Requirements.requireMap(operatingValue(record), PURPOSE);
        Map<String, Object> updated = new HashMap<>(original);
        for (String field : maskedFields) {
            updated.put(field, masker.mask(original.get(field)));
        }
        return newRecord(record, updated);
    }

    private R applyWithSchema(R record) {
        Struct original = Requirements.requireStruct(operatingValue(record), PURPOSE);
        Struct updated = new Struct(original.schema());
        for (Field field : original.schema().fields()) {
            Object fieldValue = replaceNullWithDefault ? original.get(field) : original.getWithoutDefault(field.name());
            updated.put(field, maskedFields.contains(field.name()) ? masker.mask(fieldValue) : fieldValue);
        }
        return newRecord(record, updated);
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public void close() {
    }

    protected abstract Schema operatingSchema(R record);

    protected abstract Object operatingValue(R record);

    protected abstract R newRecord(R base, Object value);

    /** Masks fields of the record key. */
    public static final class Key<R extends ConnectRecord<R>> extends MaskField<R> {
        @Override
        protected Schema operatingSchema(R record) {
            return record.keySchema();
        }

        @Override
        protected Object operatingValue(R record) {
            return record.key();
        }

        @Override
        protected R newRecord(R record, Object updatedValue) {
            return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), updatedValue,
                    record.valueSchema(), record.value(), record.timestamp());
        }
    }

    /** Masks fields of the record value. */
    public static final class Value<R extends ConnectRecord<R>> extends MaskField<R> {
        @Override
        protected Schema operatingSchema(R record) {
            return record.valueSchema();
        }

        @Override
        protected Object operatingValue(R record) {
            return record.value();
        }

        @Override
        protected R newRecord(R record, Object updatedValue) {
            return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                    record.valueSchema(), updatedValue, record.timestamp());
        }
    }
}
