package org.apache.kafka.connect.converters;

import org.apache.kafka.common.serialization.ShortDeserializer;
import org.apache.kafka.common.serialization.ShortSerializer;
import org.apache.kafka.connect.data.Schema;

/**
 * Converts 16-bit integers with Kafka's {@link ShortSerializer} / {@link ShortDeserializer} (2 bytes, big-endian).
 * Writing requires a {@link Short} (or null); reading yields {@link Schema#OPTIONAL_INT16_SCHEMA}.
 */
public class ShortConverter extends NumberConverter<Short> {

    public ShortConverter() {
        super("short", Short.class, Schema.OPTIONAL_INT16_SCHEMA, new ShortSerializer(), new ShortDeserializer());
    }
}
