package org.apache.kafka.connect.converters;

import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.connect.data.Schema;

/**
 * Converts 64-bit integers with Kafka's {@link LongSerializer} / {@link LongDeserializer} (8 bytes, big-endian).
 * Writing requires a {@link Long} (or null); reading yields {@link Schema#OPTIONAL_INT64_SCHEMA}.
 */
public class LongConverter extends NumberConverter<Long> {

    public LongConverter() {
        super("long", Long.class, Schema.OPTIONAL_INT64_SCHEMA, new LongSerializer(), new LongDeserializer());
    }
}
