package org.apache.kafka.connect.data;

import org.apache.kafka.common.annotation.InterfaceAudience;
import org.apache.kafka.connect.errors.DataException;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The immutable {@link Schema} implementation. Usually created with a {@link SchemaBuilder}; the constructors are
 * public for code that assembles schemas directly. The parameter map and field list are copied, and fields are
 * indexed by name so that {@link #field(String)} is a single hash lookup. The default value is kept as given and
 * must not be mutated afterwards.
 */
@InterfaceAudience.Public
public class ConnectSchema implements Schema {

    private static final Map<Class<?>, Type> SCHEMA_TYPES_BY_CLASS = Map.ofEntries(
        Map.entry(Byte.class, Type.INT8),
        Map.entry(Short.class, Type.INT16),
        Map.entry(Integer.class, Type.INT32),
        Map.entry(Long.class, Type.INT64),
        Map.entry(Float.class, Type.FLOAT32),
        Map.entry(Double.class, Type.FLOAT64),
        Map.entry(Boolean.class, Type.BOOLEAN),
        Map.entry(String.class, Type.STRING),
        Map.entry(byte[].class, Type.BYTES),
        Map.entry(ByteBuffer.class, Type.BYTES),
        Map.entry(List.class, Type.ARRAY),
        Map.entry(Map.class, Type.MAP),
        Map.entry(Struct.class, Type.STRUCT));

    private final Type type;
    private final boolean optional;
    private final Object defaultValue;
    private final String name;
    private final Integer version;
    private final String doc;
    private final Map<String, String> parameters;
    private final List<Field> fields;
    private final Map<String, Field> fieldsByName;
    private final Schema keySchema;
    private final Schema valueSchema;

    // Schemas are keys of the converters' per-record caches; computing the hash once keeps those lookups cheap.
    // 0 means "not computed yet" (a schema whose hash really is 0 just recomputes it).
    private int hash;

    /**
     * @param parameters copied; null means the schema has no parameters
     * @param fields     copied; only meaningful for STRUCT schemas, null means no fields
     */
    public ConnectSchema(Type type, boolean optional, Object defaultValue, String name, Integer version, String doc,
                         Map<String, String> parameters, List<Field> fields, Schema keySchema, Schema valueSchema) {
        this.type = type;
        this.optional = optional;
        this.defaultValue = defaultValue;
        this.name = name;
        this.version = version;
        this.doc = doc;
        this.parameters = parameters == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        this.fields = fields == null ? Collections.emptyList() : Collections.unmodifiableList(new ArrayList<>(fields));
        this.fieldsByName = type == Type.STRUCT ? indexByName(this.fields) : Collections.emptyMap();
        this.keySchema = keySchema;
        this.valueSchema = valueSchema;
    }

    public ConnectSchema(Type type, boolean optional, Object defaultValue, String name, Integer version, String doc) {
        this(type, optional, defaultValue, name, version, doc, null, null, null, null);
    }

    public ConnectSchema(Type type) {
        this(type, false, null, null, null, null);
    }

    private static Map<String, Field> indexByName(List<Field> fields) {
        // A HashMap (not Map.copyOf) so that looking up a null name answers "no such field" instead of throwing.
        Map<String, Field> byName = new HashMap<>(Math.max(4, fields.size() * 4 / 3 + 1));
        for (Field field : fields) {
            byName.put(field.name(), field);
        }
        return Collections.unmodifiableMap(byName);
    }

    @Override
    public Type type() {
        return type;
    }

    @Override
    public boolean isOptional() {
        return optional;
    }

    @Override
    public Object defaultValue() {
        return defaultValue;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Integer version() {
        return version;
    }

    @Override
    public String doc() {
        return doc;
    }

    @Override
    public Map<String, String> parameters() {
        return parameters;
    }

    @Override
    public List<Field> fields() {
        if (type != Type.STRUCT) {
            throw new DataException("Cannot list fields on non-struct type");
        }
        return fields;
    }

    @Override
    public Field field(String fieldName) {
        if (type != Type.STRUCT) {
            throw new DataException("Cannot look up fields on non-struct type");
        }
        return fieldsByName.get(fieldName);
    }

    @Override
    public Schema keySchema() {
        if (type != Type.MAP) {
            throw new DataException("Cannot look up key schema on non-map type");
        }
        return keySchema;
    }

    @Override
    public Schema valueSchema() {
        if (type != Type.MAP && type != Type.ARRAY) {
            throw new DataException("Cannot look up value schema on non-array and non-map type");
        }
        return valueSchema;
    }

    /**
     * Checks that {@code value} is a valid instance of {@code schema}: the Java class matches the type (or the
     * logical type), required values are not null, and containers and structs are valid element by element.
     *
     * @throws DataException if it is not
     */
    public static void validateValue(Schema schema, Object value) {
        ValueValidator.validate(null, schema, value);
    }

    /**
     * Like {@link #validateValue(Schema, Object)}, naming the struct field the value is meant for in the error.
     */
    public static void validateValue(String field, Schema schema, Object value) {
        ValueValidator.validate(field, schema, value);
    }

    /** Validates {@code value} against this schema, see {@link #validateValue(Schema, Object)}. */
    public void validateValue(Object value) {
        ValueValidator.validate(null, this, value);
    }

    @Override
    public ConnectSchema schema() {
        return this;
    }

    /**
     * The schema type whose values are represented by the given Java class, or null if there is none. Logical
     * types are not considered: {@code BigDecimal} and {@code java.util.Date} give null.
     */
    public static Type schemaType(Class<?> klass) {
        Type type = SCHEMA_TYPES_BY_CLASS.get(klass);
        if (type != null) {
            return type;
        }
        // Implementations of the container interfaces (ArrayList, HashMap, HeapByteBuffer ...) map like them.
        if (ByteBuffer.class.isAssignableFrom(klass)) {
            return Type.BYTES;
        }
        if (List.class.isAssignableFrom(klass)) {
            return Type.ARRAY;
        }
        if (Map.class.isAssignableFrom(klass)) {
            return Type.MAP;
        }
        return null;
    }

    /**
     * Equal when of the same class with equal type, optionality, name, version, doc, parameters, fields, key and
     * value schemas and default value (arrays in the default compared by content). A {@link SchemaBuilder} is
     * never equal to a ConnectSchema.
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        ConnectSchema other = (ConnectSchema) o;
        return type == other.type
            && optional == other.optional
            && Objects.equals(name, other.name)
            && Objects.equals(version, other.version)
            && Objects.equals(doc, other.doc)
            && Objects.equals(parameters, other.parameters)
            && fields.equals(other.fields)
            && Objects.equals(keySchema, other.keySchema)
            && Objects.equals(valueSchema, other.valueSchema)
            && ValueEquality.deepEquals(defaultValue, other.defaultValue);
    }

    @Override
    public int hashCode() {
        // Racy single-check caching as in String.hashCode: an int write is atomic and every thread computes the
        // same value, so a thread sees either 0 (and recomputes) or the final hash.
        int h = hash;
        if (h == 0) {
            h = Objects.hash(type, optional, name, version, doc, parameters, fields, keySchema, valueSchema,
                ValueEquality.deepHashCode(defaultValue));
            hash = h;
        }
        return h;
    }

    /** {@code Schema{NAME:TYPE}} for a named schema, {@code Schema{TYPE}} otherwise. */
    @Override
    public String toString() {
        return name == null ? "Schema{" + type + "}" : "Schema{" + name + ":" + type + "}";
    }
}
