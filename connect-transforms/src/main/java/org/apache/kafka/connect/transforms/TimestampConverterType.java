package org.apache.kafka.connect.transforms;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;

/**
 * The timestamp representations {@link TimestampConverter} reads and writes. Every conversion goes through a
 * {@link java.util.Date} instant: the source representation produces it, the target one renders it.
 */
enum TimestampConverterType {

    /** Text in the configured {@link java.text.SimpleDateFormat} pattern. */
    STRING("string") {
        @Override
        java.util.Date toInstant(Object value, TimestampConverterCodec codec) {
            return codec.parse((String) value);
        }

        @Override
        Object fromInstant(java.util.Date instant, TimestampConverterCodec codec) {
            return codec.format(instant);
        }

        @Override
        Schema schema(boolean optional) {
            return optional ? Schema.OPTIONAL_STRING_SCHEMA : Schema.STRING_SCHEMA;
        }
    },

    /** A {@code long} count of the configured unit since the Unix epoch. */
    UNIX("unix") {
        @Override
        java.util.Date toInstant(Object value, TimestampConverterCodec codec) {
            return codec.fromUnix((Long) value);
        }

        @Override
        Object fromInstant(java.util.Date instant, TimestampConverterCodec codec) {
            return codec.toUnix(instant);
        }

        @Override
        Schema schema(boolean optional) {
            return optional ? Schema.OPTIONAL_INT64_SCHEMA : Schema.INT64_SCHEMA;
        }
    },

    /** The Connect Date logical type: midnight UTC of the instant's day. */
    DATE("Date") {
        @Override
        Object fromInstant(java.util.Date instant, TimestampConverterCodec codec) {
            long millis = instant.getTime();
            return new java.util.Date(millis - Math.floorMod(millis, MILLIS_PER_DAY));
        }

        @Override
        Schema schema(boolean optional) {
            return optional ? TimestampConverter.OPTIONAL_DATE_SCHEMA : Date.SCHEMA;
        }
    },

    /** The Connect Time logical type: the time of day of the instant, on 1970-01-01 UTC. */
    TIME("Time") {
        @Override
        Object fromInstant(java.util.Date instant, TimestampConverterCodec codec) {
            return new java.util.Date(Math.floorMod(instant.getTime(), MILLIS_PER_DAY));
        }

        @Override
        Schema schema(boolean optional) {
            return optional ? TimestampConverter.OPTIONAL_TIME_SCHEMA : Time.SCHEMA;
        }
    },

    /** The Connect Timestamp logical type: the instant itself. */
    TIMESTAMP("Timestamp") {
        @Override
        Object fromInstant(java.util.Date instant, TimestampConverterCodec codec) {
            return instant;
        }

        @Override
        Schema schema(boolean optional) {
            return optional ? TimestampConverter.OPTIONAL_TIMESTAMP_SCHEMA : Timestamp.SCHEMA;
        }
    };

    private static final long MILLIS_PER_DAY = 24L * 60 * 60 * 1000;

    private final String configName;

    TimestampConverterType(String configName) {
        this.configName = configName;
    }

    /** @return the name used for this type in the {@code target.type} setting */
    String configName() {
        return configName;
    }

    /** Reads a value of this representation as an instant; the logical types already hold one. */
    java.util.Date toInstant(Object value, TimestampConverterCodec codec) {
        return (java.util.Date) value;
    }

    /** Renders an instant in this representation. */
    abstract Object fromInstant(java.util.Date instant, TimestampConverterCodec codec);

    /** @return the Connect schema of values in this representation */
    abstract Schema schema(boolean optional);

    /** @throws IllegalArgumentException for a name that is not a {@code target.type} choice */
    static TimestampConverterType forConfigName(String configName) {
        for (TimestampConverterType type : values()) {
            if (type.configName.equals(configName)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown timestamp type: " + configName);
    }

    /** Logical type names win; otherwise INT64 means Unix time and STRING means formatted text. */
    static TimestampConverterType forSchema(Schema schema) {
        String name = schema.name();
        if (Timestamp.LOGICAL_NAME.equals(name)) {
            return TIMESTAMP;
        } else if (Date.LOGICAL_NAME.equals(name)) {
            return DATE;
        } else if (Time.LOGICAL_NAME.equals(name)) {
            return TIME;
        } else if (schema.type() == Schema.Type.STRING) {
            return STRING;
        } else if (schema.type() == Schema.Type.INT64) {
            return UNIX;
        }
        throw new ConnectException("Schema " + schema + " does not correspond to a known timestamp type format");
    }

    /** Without a schema a {@link java.util.Date} is a Timestamp, a Long is Unix time and a String is text. */
    static TimestampConverterType forValue(Object value) {
        if (value instanceof java.util.Date) {
            return TIMESTAMP;
        } else if (value instanceof Long) {
            return UNIX;
        } else if (value instanceof String) {
            return STRING;
        }
        throw new DataException("TimestampConverter does not support " + value.getClass()
                + " objects as timestamps");
    }
}
