package org.apache.kafka.connect.json;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka {@link Deserializer} parsing UTF-8 (or BOM-marked UTF-16/32) JSON into a Jackson {@link JsonNode} tree.
 * <p>
 * Numbers with leading zeros ({@code 007}) are accepted. Only the first JSON value is read; anything after it is
 * ignored. Empty input yields a {@link com.fasterxml.jackson.databind.node.MissingNode}.
 */
public class JsonDeserializer implements Deserializer<JsonNode> {

    private final ObjectMapper mapper;

    /** Reads floating-point numbers as {@code double}. */
    public JsonDeserializer() {
        this(false);
    }

    /**
     * @param exactDecimals whether floating-point numbers become exact {@link java.math.BigDecimal} nodes, keeping
     *                      every digit and the scale ({@code 1.50} stays {@code 1.50}); {@link JsonConverter} needs
     *                      this so that decimals and float/double values are not rounded twice
     */
    JsonDeserializer(boolean exactDecimals) {
        JsonMapper.Builder builder = JsonMapper.builder().enable(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS);
        if (exactDecimals) {
            builder.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
        }
        this.mapper = builder.build();
    }

    /**
     * @return the parsed tree, or {@code null} for {@code null} bytes
     * @throws SerializationException if the bytes are not well-formed JSON
     */
    @Override
    public JsonNode deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return mapper.readTree(bytes);
        } catch (Exception e) {
            throw new SerializationException(e);
        }
    }
}
