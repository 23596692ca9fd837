package org.apache.kafka.connect.converters;

import org.apache.kafka.common.serialization.FloatDeserializer;
import org.apache.kafka.common.serialization.FloatSerializer;
import org.apache.kafka.connect.data.Schema;

/**
 * Converts 32-bit floating-point numbers with Kafka's {@link FloatSerializer} / {@link FloatDeserializer} (4 bytes, IEEE 754 bit pattern).
 * Writing requires a {@link Float} (or null); reading yields {@link Schema#OPTIONAL_FLOAT32_SCHEMA}.
 */
public class FloatConverter extends NumberConverter<Float> {

    public FloatConverter() {
        super("float", Float.class, Schema.OPTIONAL_FLOAT32_SCHEMA, new FloatSerializer(), new FloatDeserializer());
    }
}
