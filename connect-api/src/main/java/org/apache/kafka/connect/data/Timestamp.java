package org.apache.kafka.connect.data;

import org.apache.kafka.common.annotation.InterfaceAudience;
import org.apache.kafka.connect.errors.DataException;

/**
 * The logical type for instants, represented in Java by a {@link java.util.Date}. It is stored as INT64, the
 * number of milliseconds since the Unix epoch.
 */
@InterfaceAudience.Public
public class Timestamp {

    public static final String LOGICAL_NAME = "org.apache.kafka.connect.data.Timestamp";

    /** A builder of Timestamp schemas, to make them optional, documented, etc. */
    public static SchemaBuilder builder() {
        return SchemaBuilder.int64()
            .name(LOGICAL_NAME)
            .version(1);
    }

    public static final Schema SCHEMA = builder().schema();

    /**
     * The milliseconds since the epoch of an instant.
     *
     * @throws DataException if the schema is not a Timestamp schema
     */
    public static long fromLogical(Schema schema, java.util.Date value) {
        requireTimestampSchema(schema);
        return value.getTime();
    }

    /**
     * The instant the given number of milliseconds after the epoch.
     *
     * @throws DataException if the schema is not a Timestamp schema
     */
    public static java.util.Date toLogical(Schema schema, long value) {
        requireTimestampSchema(schema);
        return new java.util.Date(value);
    }

    private static void requireTimestampSchema(Schema schema) {
        if (!LOGICAL_NAME.equals(schema.name())) {
            throw new DataException("Requested conversion of Timestamp object but the schema does not match.");
        }
    }
}
