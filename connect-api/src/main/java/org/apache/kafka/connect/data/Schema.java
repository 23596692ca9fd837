package org.apache.kafka.connect.data;

import org.apache.kafka.common.annotation.InterfaceAudience;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The shape of a Connect value: its {@link Type}, whether it may be null, an optional default, and for logical
 * types a name, version and parameters. Structured types add element schemas ({@link #keySchema()},
 * {@link #valueSchema()}) or named {@link #fields()}.
 * <p>
 * Two implementations exist: the immutable {@link ConnectSchema} and the mutable {@link SchemaBuilder}, which
 * produces one.
 */
@InterfaceAudience.Public
public interface Schema {

    /**
     * The physical types a schema can describe. Logical types (see {@link Decimal}, {@link Date}, ...) are built
     * on top of these by naming the schema.
     */
    enum Type {
        INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING, BYTES, ARRAY, MAP, STRUCT;

        private final String lowerCaseName = name().toLowerCase(Locale.ROOT);

        /** The lower-case name of this type, as used in serialized schemas (for example {@code "int32"}). */
        public String getName() {
            return lowerCaseName;
        }

        /** True for every type that is not a container of other values (ARRAY, MAP, STRUCT). */
        public boolean isPrimitive() {
            return this != ARRAY && this != MAP && this != STRUCT;
        }
    }

    Schema INT8_SCHEMA = new ConnectSchema(Type.INT8);
    Schema INT16_SCHEMA = new ConnectSchema(Type.INT16);
    Schema INT32_SCHEMA = new ConnectSchema(Type.INT32);
    Schema INT64_SCHEMA = new ConnectSchema(Type.INT64);
    Schema FLOAT32_SCHEMA = new ConnectSchema(Type.FLOAT32);
    Schema FLOAT64_SCHEMA = new ConnectSchema(Type.FLOAT64);
    Schema BOOLEAN_SCHEMA = new ConnectSchema(Type.BOOLEAN);
    Schema STRING_SCHEMA = new ConnectSchema(Type.STRING);
    Schema BYTES_SCHEMA = new ConnectSchema(Type.BYTES);

    Schema OPTIONAL_INT8_SCHEMA = new ConnectSchema(Type.INT8, true, null, null, null, null);
    Schema OPTIONAL_INT16_SCHEMA = new ConnectSchema(Type.INT16, true, null, null, null, null);
    Schema OPTIONAL_INT32_SCHEMA = new ConnectSchema(Type.INT32, true, null, null, null, null);
    Schema OPTIONAL_INT64_SCHEMA = new ConnectSchema(Type.INT64, true, null, null, null, null);
    Schema OPTIONAL_FLOAT32_SCHEMA = new ConnectSchema(Type.FLOAT32, true, null, null, null, null);
    Schema OPTIONAL_FLOAT64_SCHEMA = new ConnectSchema(Type.FLOAT64, true, null, null, null, null);
    Schema OPTIONAL_BOOLEAN_SCHEMA = new ConnectSchema(Type.BOOLEAN, true, null, null, null, null);
    Schema OPTIONAL_STRING_SCHEMA = new ConnectSchema(Type.STRING, true, null, null, null, null);
    Schema OPTIONAL_BYTES_SCHEMA = new ConnectSchema(Type.BYTES, true, null, null, null, null);

    /** The physical type of values of this schema. */
    Type type();

    /** Whether null is a valid value. */
    boolean isOptional();

    /** The value to use when none is given, or null if there is none. */
    Object defaultValue();

    /** The schema name, typically a fully qualified record name or a logical type name; may be null. */
    String name();

    /** The schema version, or null if unversioned. */
    Integer version();

    /** Human-readable documentation, or null. */
    String doc();

    /** Extra string parameters (for example a Decimal's {@code scale}), or null if there are none. */
    Map<String, String> parameters();

    /** The schema of map keys; only valid for MAP schemas. */
    Schema keySchema();

    /** The schema of array elements or map values; only valid for ARRAY and MAP schemas. */
    Schema valueSchema();

    /** The fields of a STRUCT schema, in order; throws for any other type. */
    List<Field> fields();

    /** The field of a STRUCT schema with the given name, or null if there is none; throws for any other type. */
    Field field(String fieldName);

    /** This schema as an immutable {@link ConnectSchema} (a builder builds one, a ConnectSchema returns itself). */
    Schema schema();
}
