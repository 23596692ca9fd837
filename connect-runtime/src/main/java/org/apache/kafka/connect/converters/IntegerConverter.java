package org.apache.kafka.connect.converters;

import org.apache.kafka.common.serialization.IntegerDeserializer;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.apache.kafka.connect.data.Schema;

/**
 * Converts 32-bit integers with Kafka's {@link IntegerSerializer} / {@link IntegerDeserializer} (4 bytes, big-endian).
 * Writing requires a {@link Integer} (or null); reading yields {@link Schema#OPTIONAL_INT32_SCHEMA}.
 */
public class IntegerConverter extends NumberConverter<Integer> {

    public IntegerConverter() {
        super("integer", Integer.class, Schema.OPTIONAL_INT32_SCHEMA, new IntegerSerializer(), new IntegerDeserializer());
    }
}
