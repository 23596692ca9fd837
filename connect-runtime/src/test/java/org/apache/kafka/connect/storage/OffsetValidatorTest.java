package org.apache.kafka.connect.storage;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The messages are those Apache's worker gives for the same inputs (observed by running its connect-runtime 4.3.1
 * {@code OffsetUtils.validateFormat} as a black box).
 */
class OffsetValidatorTest {

    @Test
    void acceptsNullAndMapsOfPrimitivesOrNulls() {
        Map<String, Object> offset = new HashMap<>();
        offset.put("int8", (byte) 1);
        offset.put("int16", (short) 1);
        offset.put("int32", 1);
        offset.put("int64", 1L);
        offset.put("float32", 1f);
        offset.put("float64", 1d);
        offset.put("boolean", true);
        offset.put("string", "s");
        offset.put("bytes", new byte[1]);
        offset.put("buffer", ByteBuffer.allocate(1));
        offset.put("null", null);
        assertDoesNotThrow(() -> OffsetValidator.validate(offset));
        assertDoesNotThrow(() -> OffsetValidator.validate(null));
    }

    @Test
    void rejectsWhatIsNotAMap() {
        assertMessage("Offsets must be specified as a Map", "offset");
        assertMessage("Offsets must be specified as a Map", List.of(1));
    }

    @Test
    void rejectsKeysThatAreNotStrings() {
        Map<Object, Object> numericKey = new HashMap<>();
        numericKey.put(1, "x");
        assertMessage("Offsets may only use String keys", numericKey);
        Map<Object, Object> nullKey = new HashMap<>();
        nullKey.put(null, "x");
        assertMessage("Offsets may only use String keys", nullKey);
    }

    @Test
    void namesTheConnectTypeOfANonPrimitiveValue() {
        String prefix = "Offsets may only contain primitive types as values, but field k contains ";
        assertMessage(prefix + "ARRAY", Map.of("k", List.of(1)));
        assertMessage(prefix + "MAP", Map.of("k", Map.of("a", 1)));
        Schema schema = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).build();
        assertMessage(prefix + "STRUCT", Map.of("k", new Struct(schema).put("a", 1)));
    }

    @Test
    void namesTheJavaClassOfAValueWithoutConnectType() {
        String prefix = "Offsets may only contain primitive types as values, but field k contains ";
        assertMessage(prefix + "class java.math.BigDecimal", Map.of("k", new BigDecimal("1.5")));
        assertMessage(prefix + "class java.util.Date", Map.of("k", new Date(0)));
        assertMessage(prefix + "class java.lang.Character", Map.of("k", 'c'));
    }

    private static void assertMessage(String expected, Object partitionOrOffset) {
        DataException e = assertThrows(DataException.class, () -> OffsetValidator.validate(partitionOrOffset));
        assertEquals(expected, e.getMessage());
    }
}
