package org.apache.kafka.connect.data;

import org.apache.kafka.common.annotation.InterfaceAudience;
import org.apache.kafka.connect.errors.DataException;

/**
 * The logical type for a time of day without a date, represented in Java by a {@link java.util.Date} on
 * 1970-01-01 UTC. It is stored as INT32, the number of milliseconds since midnight.
 * <p>
 * The upper bound is inclusive (86 400 000, midnight at the end of the day, is accepted), matching the
 * reference implementation.
 */
@InterfaceAudience.Public
public class Time {

    public static final String LOGICAL_NAME = "org.apache.kafka.connect.data.Time";

    private static final long MILLIS_PER_DAY = 24 * 60 * 60 * 1000;

    /** A builder of Time schemas, to make them optional, documented, etc. */
    public static SchemaBuilder builder() {
        return SchemaBuilder.int32()
            .name(LOGICAL_NAME)
            .version(1);
    }

    public static final Schema SCHEMA = builder().schema();

    /**
     * The milliseconds since midnight of a time on 1970-01-01 UTC.
     *
     * @throws DataException if the schema is not a Time schema or the value lies on another day
     */
    public static int fromLogical(Schema schema, java.util.Date value) {
        if (!LOGICAL_NAME.equals(schema.name())) {
            throw new DataException("Requested conversion of Time object but the schema does not match.");
        }
        long millis = value.getTime();
        if (millis < 0 || millis > MILLIS_PER_DAY) {
            throw new DataException("Kafka Connect Time type should not have any date fields set to non-zero values.");
        }
        return (int) millis;
    }

    /**
     * The time on 1970-01-01 UTC that is the given number of milliseconds after midnight.
     *
     * @throws DataException if the schema is not a Time schema or the value is outside one day
     */
    public static java.util.Date toLogical(Schema schema, int value) {
        if (!LOGICAL_NAME.equals(schema.name())) {
            // Apache's wording, "Date" included.
            throw new DataException("Requested conversion of Date object but the schema does not match.");
        }
        if (value < 0 || value > MILLIS_PER_DAY) {
            throw new DataException(
                "Time values must use number of milliseconds greater than 0 and less than 86400000");
        }
        return new java.util.Date(value);
    }
}
