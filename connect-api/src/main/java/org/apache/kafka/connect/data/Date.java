package org.apache.kafka.connect.data;

import org.apache.kafka.common.annotation.InterfaceAudience;
import org.apache.kafka.connect.errors.DataException;

/**
 * The logical type for calendar dates without a time of day, represented in Java by a {@link java.util.Date} at
 * midnight UTC. It is stored as INT32, the number of days since the Unix epoch (negative before 1970).
 */
@InterfaceAudience.Public
public class Date {

    public static final String LOGICAL_NAME = "org.apache.kafka.connect.data.Date";

    private static final long MILLIS_PER_DAY = 24 * 60 * 60 * 1000;

    /** A builder of Date schemas, to make them optional, documented, etc. */
    public static SchemaBuilder builder() {
        return SchemaBuilder.int32()
            .name(LOGICAL_NAME)
            .version(1);
    }

    public static final Schema SCHEMA = builder().schema();

    /**
     * The number of days since the epoch of a date at midnight UTC.
     *
     * @throws DataException if the schema is not a Date schema or the date has a time of day
     */
    public static int fromLogical(Schema schema, java.util.Date value) {
        requireDateSchema(schema);
        long millis = value.getTime();
        if (millis % MILLIS_PER_DAY != 0) {
            throw new DataException("Kafka Connect Date type should not have any time fields set to non-zero values.");
        }
        return (int) (millis / MILLIS_PER_DAY);
    }

    /**
     * The date at midnight UTC that is the given number of days after the epoch.
     *
     * @throws DataException if the schema is not a Date schema
     */
    public static java.util.Date toLogical(Schema schema, int value) {
        requireDateSchema(schema);
        return new java.util.Date(value * MILLIS_PER_DAY);
    }

    private static void requireDateSchema(Schema schema) {
        if (!LOGICAL_NAME.equals(schema.name())) {
            throw new DataException("Requested conversion of Date object but the schema does not match.");
        }
    }
}
