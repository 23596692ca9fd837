package org.apache.kafka.connect.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonSerdeTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void nullPassesThroughBothWays() {
        assertNull(new JsonSerializer().serialize("t", null));
        assertNull(new JsonDeserializer().deserialize("t", null));
    }

    @Test
    void serializesCompactlyWithJavaNumberFormatting() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("f", 1.0E10f);
        node.put("d", Double.NaN);
        node.put("s", "é\n");
        node.put("n", new BigDecimal("1.50"));

        assertEquals("{\"f\":1.0E10,\"d\":\"NaN\",\"s\":\"é\\n\",\"n\":1.50}",
                new String(new JsonSerializer().serialize("t", node), StandardCharsets.UTF_8));
    }

    @Test
    void acceptsLeadingZeros() {
        assertEquals(7, new JsonDeserializer().deserialize("t", utf8("007")).intValue());
    }

    @Test
    void publicDeserializerReadsFloatsAsDoubles() {
        assertInstanceOf(DoubleNode.class, new JsonDeserializer().deserialize("t", utf8("1.10")));
    }

    @Test
    void exactDeserializerKeepsEveryDigitAndTheScale() {
        JsonNode node = new JsonDeserializer(true).deserialize("t", utf8("[1.10, 12345678901234567890.123, -0.0]"));

        assertEquals(new BigDecimal("1.10"), node.get(0).decimalValue());
        assertEquals(new BigDecimal("12345678901234567890.123"), node.get(1).decimalValue());
        assertEquals(new BigDecimal("0.0"), node.get(2).decimalValue());
    }

    @Test
    void readsOnlyTheFirstValue() {
        assertEquals(1, new JsonDeserializer().deserialize("t", utf8("1 2")).intValue());
    }

    @Test
    void emptyInputIsMissing() {
        assertTrue(new JsonDeserializer().deserialize("t", new byte[0]).isMissingNode());
    }

    @Test
    void malformedInputIsASerializationException() {
        assertThrows(SerializationException.class, () -> new JsonDeserializer().deserialize("t", utf8("{")));
        assertThrows(SerializationException.class, () -> new JsonDeserializer().deserialize("t", utf8("NaN")));
        assertThrows(SerializationException.class, () -> new JsonDeserializer().deserialize("t", utf8("'x'")));
    }

    @Test
    void envelopeHasSchemaThenPayload() {
        ObjectNode envelope = JsonSchema.envelope(JsonNodeFactory.instance.textNode("s"), null);

        assertEquals("{\"schema\":\"s\",\"payload\":null}", envelope.toString());
    }
}
