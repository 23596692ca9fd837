package org.apache.kafka.connect.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka {@link Serializer} writing a Jackson {@link JsonNode} tree as compact UTF-8 JSON.
 * <p>
 * Jackson's defaults give the wire format its exact shape: numbers as Java prints them ({@code 1.0E10}),
 * non-finite floating-point values as the strings {@code "NaN"}/{@code "Infinity"}, decimals via
 * {@link java.math.BigDecimal#toString()}, non-ASCII characters as raw UTF-8.
 */
public class JsonSerializer implements Serializer<JsonNode> {

    private final ObjectMapper mapper = new ObjectMapper();

    public JsonSerializer() {
    }

    /** @return the JSON bytes, or {@code null} for a {@code null} tree (a tombstone stays a tombstone) */
    @Override
    public byte[] serialize(String topic, JsonNode data) {
        if (data == null) {
            return null;
        }
        try {
            return mapper.writeValueAsBytes(data);
        } catch (Exception e) {
            throw new SerializationException("Error serializing JSON message", e);
        }
    }
}
