package org.apache.kafka.connect.data;

import org.apache.kafka.common.annotation.InterfaceAudience;
import org.apache.kafka.connect.errors.DataException;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * A record-like value of a STRUCT schema, holding one value per field. Every {@code put} validates the value
 * against the field's schema; {@link #validate()} checks that all required fields are set.
 * <p>
 * Values are stored by field index. The {@link Field}-based methods trust the caller to pass a field of this
 * struct's schema (they use its index without looking it up); the name-based ones look the field up first.
 * <p>
 * {@link #get} returns a field's default value when the field is unset; {@link #getWithoutDefault} and the typed
 * getters ({@link #getInt32} ...) return exactly what was put.
 */
@InterfaceAudience.Public
public class Struct {

    private final Schema schema;
    private final Object[] values;

    /**
     * @throws DataException if the schema is not a STRUCT schema
     */
    public Struct(Schema schema) {
        if (schema.type() != Schema.Type.STRUCT) {
            throw new DataException("Not a struct schema: " + schema);
        }
        this.schema = schema;
        this.values = new Object[schema.fields().size()];
    }

    public Schema schema() {
        return schema;
    }

    /** The value of the named field, or the field's default value if none was put. */
    public Object get(String fieldName) {
        return get(lookupField(fieldName));
    }

    /** The value of the field, or the field's default value if none was put. */
    public Object get(Field field) {
        Object value = values[field.index()];
        return value != null ? value : field.schema().defaultValue();
    }

    /** The value put for the named field, or null; the field's default is not applied. */
    public Object getWithoutDefault(String fieldName) {
        return values[lookupField(fieldName).index()];
    }

    public Byte getInt8(String fieldName) {
        return (Byte) getCheckingType(fieldName, Schema.Type.INT8);
    }

    public Short getInt16(String fieldName) {
        return (Short) getCheckingType(fieldName, Schema.Type.INT16);
    }

    public Integer getInt32(String fieldName) {
        return (Integer) getCheckingType(fieldName, Schema.Type.INT32);
    }

    public Long getInt64(String fieldName) {
        return (Long) getCheckingType(fieldName, Schema.Type.INT64);
    }

    public Float getFloat32(String fieldName) {
        return (Float) getCheckingType(fieldName, Schema.Type.FLOAT32);
    }

    public Double getFloat64(String fieldName) {
        return (Double) getCheckingType(fieldName, Schema.Type.FLOAT64);
    }

    public Boolean getBoolean(String fieldName) {
        return (Boolean) getCheckingType(fieldName, Schema.Type.BOOLEAN);
    }

    public String getString(String fieldName) {
        return (String) getCheckingType(fieldName, Schema.Type.STRING);
    }

    /**
     * The bytes of a BYTES field. A {@link ByteBuffer} value is returned as its backing array when it has one
     * (regardless of position and limit), otherwise as a copy of its content up to the limit.
     */
    public byte[] getBytes(String fieldName) {
        Object bytes = getCheckingType(fieldName, Schema.Type.BYTES);
        if (bytes instanceof ByteBuffer) {
            return toArray((ByteBuffer) bytes);
        }
        return (byte[]) bytes;
    }

    @SuppressWarnings("unchecked")
    public <T> List<T> getArray(String fieldName) {
        return (List<T>) getCheckingType(fieldName, Schema.Type.ARRAY);
    }

    @SuppressWarnings("unchecked")
    public <K, V> Map<K, V> getMap(String fieldName) {
        return (Map<K, V>) getCheckingType(fieldName, Schema.Type.MAP);
    }

    public Struct getStruct(String fieldName) {
        return (Struct) getCheckingType(fieldName, Schema.Type.STRUCT);
    }

    /**
     * Sets the named field.
     *
     * @throws DataException if there is no such field or the value is not valid for the field's schema
     */
    public Struct put(String fieldName, Object value) {
        return put(lookupField(fieldName), value);
    }

    /**
     * Sets the field (a field of this struct's schema).
     *
     * @throws DataException if the value is not valid for the field's schema
     */
    public Struct put(Field field, Object value) {
        if (field == null) {
            throw new DataException("field cannot be null.");
        }
        ConnectSchema.validateValue(field.name(), field.schema(), value);
        values[field.index()] = value;
        return this;
    }

    /**
     * Checks every field, default values applied: required fields must have a value and nested structs must be
     * valid themselves.
     *
     * @throws DataException for the first invalid field
     */
    public void validate() {
        for (Field field : schema.fields()) {
            ConnectSchema.validateValue(field.name(), field.schema(), get(field));
        }
    }

    /** Equal when the schemas are equal and every field holds an equal value (byte arrays by content). */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        Struct other = (Struct) o;
        return schema.equals(other.schema) && ValueEquality.elementsEqual(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * schema.hashCode() + ValueEquality.elementsHashCode(values);
    }

    /** {@code Struct{name=value,...}} listing the fields that were put, in schema order. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Struct{");
        boolean first = true;
        for (Field field : schema.fields()) {
            Object value = values[field.index()];
            if (value != null) {
                if (!first) {
                    text.append(',');
                }
                text.append(field.name()).append('=').append(value);
                first = false;
            }
        }
        return text.append('}').toString();
    }

    private Field lookupField(String fieldName) {
        Field field = schema.field(fieldName);
        if (field == null) {
            throw new DataException(fieldName + " is not a valid field name");
        }
        return field;
    }

    private Object getCheckingType(String fieldName, Schema.Type type) {
        Field field = lookupField(fieldName);
        if (field.schema().type() != type) {
            throw new DataException("Field '" + fieldName + "' is not of type " + type);
        }
        return values[field.index()];
    }

    private static byte[] toArray(ByteBuffer buffer) {
        if (buffer.hasArray()) {
            return buffer.array();
        }
        ByteBuffer content = buffer.duplicate();
        content.rewind();
        byte[] bytes = new byte[content.remaining()];
        content.get(bytes);
        return bytes;
    }
}
