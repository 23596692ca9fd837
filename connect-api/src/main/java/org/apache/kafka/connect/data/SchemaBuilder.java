package org.apache.kafka.connect.data;

import org.apache.kafka.common.annotation.InterfaceAudience;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.SchemaBuilderException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A fluent, mutable builder of {@link ConnectSchema}s:
 * <pre>
 *     Schema person = SchemaBuilder.struct().name("com.example.Person").version(1)
 *         .field("name", Schema.STRING_SCHEMA)
 *         .field("age", SchemaBuilder.int32().optional().build())
 *         .build();
 * </pre>
 * Each attribute can be set only once (setting it again to the same value is tolerated), so that a builder handed
 * around cannot be silently redefined. A default value is validated when it is set. The builder is itself a
 * {@link Schema}, which lets a struct schema refer to a builder still in progress; it keeps identity equality
 * because it is mutable.
 */
@InterfaceAudience.Public
public class SchemaBuilder implements Schema {

    private static final String OPTIONAL_ATTRIBUTE = "optional";
    private static final String DEFAULT_ATTRIBUTE = "default";
    private static final String NAME_ATTRIBUTE = "name";
    private static final String VERSION_ATTRIBUTE = "version";
    private static final String DOC_ATTRIBUTE = "doc";

    private final Type type;
    private Boolean optional;
    private Object defaultValue;
    private String name;
    private Integer version;
    private String doc;
    private Map<String, String> parameters;
    // Insertion-ordered; null unless this is a STRUCT builder.
    private final Map<String, Field> fields;
    private Schema keySchema;
    private Schema valueSchema;

    public SchemaBuilder(Type type) {
        if (type == null) {
            throw new SchemaBuilderException("type cannot be null");
        }
        this.type = type;
        this.fields = type == Type.STRUCT ? new LinkedHashMap<>() : null;
    }

    // --- attributes common to all types

    @Override
    public boolean isOptional() {
        return optional != null && optional;
    }

    /** Makes null a valid value of the schema. */
    public SchemaBuilder optional() {
        checkCanSet(OPTIONAL_ATTRIBUTE, optional, true);
        optional = true;
        return this;
    }

    /** Makes the schema require a value (the default when neither {@code optional()} nor this is called). */
    public SchemaBuilder required() {
        checkCanSet(OPTIONAL_ATTRIBUTE, optional, false);
        optional = false;
        return this;
    }

    @Override
    public Object defaultValue() {
        return defaultValue;
    }

    /**
     * Sets the default value, which must be valid for the schema as built so far.
     *
     * @throws SchemaBuilderException if it is not
     */
    public SchemaBuilder defaultValue(Object value) {
        checkCanSet(DEFAULT_ATTRIBUTE, defaultValue, value);
        try {
            ConnectSchema.validateValue(this, value);
        } catch (DataException e) {
            throw new SchemaBuilderException("Invalid default value", e);
        }
        defaultValue = value;
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    public SchemaBuilder name(String name) {
        checkCanSet(NAME_ATTRIBUTE, this.name, name);
        this.name = name;
        return this;
    }

    @Override
    public Integer version() {
        return version;
    }

    /** Sets the version; larger versions are expected to be newer. */
    public SchemaBuilder version(Integer version) {
        checkCanSet(VERSION_ATTRIBUTE, this.version, version);
        this.version = version;
        return this;
    }

    @Override
    public String doc() {
        return doc;
    }

    public SchemaBuilder doc(String doc) {
        checkCanSet(DOC_ATTRIBUTE, this.doc, doc);
        this.doc = doc;
        return this;
    }

    /** The parameters set so far (read-only), or null if none has been set. */
    @Override
    public Map<String, String> parameters() {
        return parameters == null ? null : Collections.unmodifiableMap(parameters);
    }

    /** Sets one parameter, replacing an earlier value of the same name. */
    public SchemaBuilder parameter(String propertyName, String propertyValue) {
        if (parameters == null) {
            parameters = new LinkedHashMap<>();
        }
        parameters.put(propertyName, propertyValue);
        return this;
    }

    /** Sets every parameter of the given map, keeping earlier parameters of other names. */
    public SchemaBuilder parameters(Map<String, String> props) {
        for (Map.Entry<String, String> entry : props.entrySet()) {
            parameter(entry.getKey(), entry.getValue());
        }
        return this;
    }

    @Override
    public Type type() {
        return type;
    }

    // --- factories

    public static SchemaBuilder type(Type type) {
        return new SchemaBuilder(type);
    }

    public static SchemaBuilder int8() {
        return new SchemaBuilder(Type.INT8);
    }

    public static SchemaBuilder int16() {
        return new SchemaBuilder(Type.INT16);
    }

    public static SchemaBuilder int32() {
        return new SchemaBuilder(Type.INT32);
    }

    public static SchemaBuilder int64() {
        return new SchemaBuilder(Type.INT64);
    }

    public static SchemaBuilder float32() {
        return new SchemaBuilder(Type.FLOAT32);
    }

    public static SchemaBuilder float64() {
        return new SchemaBuilder(Type.FLOAT64);
    }

    public static SchemaBuilder bool() {
        return new SchemaBuilder(Type.BOOLEAN);
    }

    public static SchemaBuilder string() {
        return new SchemaBuilder(Type.STRING);
    }

    public static SchemaBuilder bytes() {
        return new SchemaBuilder(Type.BYTES);
    }

    public static SchemaBuilder struct() {
        return new SchemaBuilder(Type.STRUCT);
    }

    public static SchemaBuilder array(Schema valueSchema) {
        if (valueSchema == null) {
            throw new SchemaBuilderException("valueSchema cannot be null.");
        }
        SchemaBuilder builder = new SchemaBuilder(Type.ARRAY);
        builder.valueSchema = valueSchema;
        return builder;
    }

    public static SchemaBuilder map(Schema keySchema, Schema valueSchema) {
        if (keySchema == null) {
            throw new SchemaBuilderException("keySchema cannot be null.");
        }
        if (valueSchema == null) {
            throw new SchemaBuilderException("valueSchema cannot be null.");
        }
        SchemaBuilder builder = new SchemaBuilder(Type.MAP);
        builder.keySchema = keySchema;
        builder.valueSchema = valueSchema;
        return builder;
    }

    // --- struct fields

    /**
     * Appends a field to a STRUCT schema.
     *
     * @throws SchemaBuilderException if this is not a STRUCT builder, the name is null or empty, the schema is
     *                                null, or a field of that name exists
     */
    public SchemaBuilder field(String fieldName, Schema fieldSchema) {
        if (type != Type.STRUCT) {
            throw new SchemaBuilderException("Cannot create fields on type " + type);
        }
        if (fieldName == null || fieldName.isEmpty()) {
            throw new SchemaBuilderException("fieldName cannot be null.");
        }
        if (fieldSchema == null) {
            throw new SchemaBuilderException("fieldSchema for field " + fieldName + " cannot be null.");
        }
        if (fields.containsKey(fieldName)) {
            throw new SchemaBuilderException("Cannot create field because of field name duplication " + fieldName);
        }
        fields.put(fieldName, new Field(fieldName, fields.size(), fieldSchema));
        return this;
    }

    /** A new list of the fields added so far. */
    @Override
    public List<Field> fields() {
        if (type != Type.STRUCT) {
            throw new DataException("Cannot list fields on non-struct type");
        }
        return new ArrayList<>(fields.values());
    }

    @Override
    public Field field(String fieldName) {
        if (type != Type.STRUCT) {
            throw new DataException("Cannot look up fields on non-struct type");
        }
        return fields.get(fieldName);
    }

    // --- container element schemas (null for other types, unlike ConnectSchema which throws)

    @Override
    public Schema keySchema() {
        return keySchema;
    }

    @Override
    public Schema valueSchema() {
        return valueSchema;
    }

    // --- building

    /** Creates an immutable schema from the current state; later changes to this builder do not affect it. */
    public Schema build() {
        return new ConnectSchema(type, isOptional(), defaultValue, name, version, doc, parameters,
            fields == null ? null : new ArrayList<>(fields.values()), keySchema, valueSchema);
    }

    /** Same as {@link #build()}. */
    @Override
    public Schema schema() {
        return build();
    }

    private static void checkCanSet(String attribute, Object currentValue, Object newValue) {
        if (currentValue != null && !Objects.equals(currentValue, newValue)) {
            throw new SchemaBuilderException("Invalid SchemaBuilder call: " + attribute + " has already been set.");
        }
    }
}
