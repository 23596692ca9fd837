package org.apache.kafka.connect.converters;

import org.apache.kafka.common.serialization.DoubleDeserializer;
import org.apache.kafka.common.serialization.DoubleSerializer;
import org.apache.kafka.connect.data.Schema;

/**
 * Converts 64-bit floating-point numbers with Kafka's {@link DoubleSerializer} / {@link DoubleDeserializer} (8 bytes, IEEE 754 bit pattern).
 * Writing requires a {@link Double} (or null); reading yields {@link Schema#OPTIONAL_FLOAT64_SCHEMA}.
 */
public class DoubleConverter extends NumberConverter<Double> {

    public DoubleConverter() {
        super("double", Double.class, Schema.OPTIONAL_FLOAT64_SCHEMA, new DoubleSerializer(), new DoubleDeserializer());
    }
}
