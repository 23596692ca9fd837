package org.apache.kafka.connect.storage;

import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Offsets keys and values must be byte-identical to Apache's, or the two workers do not see each other's offsets.
 * <p>
 * Every expected byte string below was observed by running Apache's connect-json 4.3.1 {@code JsonConverter}
 * (schemas.enable=false, configured as key converter) as a black box on the same inputs, calling
 * {@code fromConnectData(topic, null, Arrays.asList(connector, partition))} for keys and
 * {@code fromConnectData(topic, null, offset)} for values.
 */
class OffsetCodecTest {

    private final OffsetCodec codec = new OffsetCodec();

    @Test
    void keyOfTheFileSourceExample() {
        assertKey("[\"local-file-source\",{\"filename\":\"/tmp/test.txt\"}]",
                "local-file-source", Map.of("filename", "/tmp/test.txt"));
    }

    @Test
    void keyKeepsTheMapsIterationOrderAndWritesEveryPrimitiveType() {
        Map<String, Object> partition = new LinkedHashMap<>();
        partition.put("z", 1);
        partition.put("a", 2L);
        partition.put("m", (short) 3);
        partition.put("b", (byte) 4);
        partition.put("d", 1.0d);
        partition.put("f", 1.1f);
        partition.put("t", true);
        partition.put("n", null);
        partition.put("bytes", new byte[] {1, 2, 3, (byte) 0xff});
        partition.put("bb", ByteBuffer.wrap(new byte[] {9, 8}));
        assertKey("[\"conn\",{\"z\":1,\"a\":2,\"m\":3,\"b\":4,\"d\":1.0,\"f\":1.1,\"t\":true,\"n\":null,"
                + "\"bytes\":\"AQID/w==\",\"bb\":\"CQg=\"}]", "conn", partition);
    }

    @Test
    void keyOfAHashMapFollowsItsIterationOrderNotSortedOrder() {
        Map<String, Object> partition = new HashMap<>();
        for (String name : List.of("topic", "partition", "offset", "file", "aa", "b", "key10", "key2")) {
            partition.put(name, name.length());
        }
        assertKey("[\"c\",{\"aa\":2,\"key2\":4,\"b\":1,\"partition\":9,\"file\":4,\"offset\":6,\"topic\":5,"
                + "\"key10\":5}]", "c", partition);
    }

    @Test
    void keyEscapesStringsAndFormatsNumbersLikeApache() {
        Map<String, Object> partition = new LinkedHashMap<>();
        partition.put("s", "quote\" back\\ slash/ nl\n tab\t ctl\u0001 u2028\u2028 \u00e9 \uD83D\uDE00 <>&'");
        partition.put("big", 1e20);
        partition.put("small", 1.0E-5);
        partition.put("tenth", 0.1);
        partition.put("neg", -0.0);
        partition.put("nan", Double.NaN);
        partition.put("inf", Double.POSITIVE_INFINITY);
        partition.put("fmax", Float.MAX_VALUE);
        partition.put("lmax", Long.MAX_VALUE);
        partition.put("imin", Integer.MIN_VALUE);
        partition.put("d123", 123456789.125d);
        // Base64 because the bytes hold raw UTF-8 (é, U+2028) next to escapes (the emoji as \\uD83D\\uDE00).
        byte[] apache = Base64.getDecoder().decode("WyJjb25uw6ljdG9yIFwieFwiIix7InMiOiJxdW90ZVwiIGJhY2tcXCBzbGFzaC8g"
                + "bmxcbiB0YWJcdCBjdGxcdTAwMDEgdTIwMjjigKggw6kgXHVEODNEXHVERTAwIDw+JiciLCJiaWciOjEuMEUyMCwic21hbGwiOjEu"
                + "MEUtNSwidGVudGgiOjAuMSwibmVnIjotMC4wLCJuYW4iOiJOYU4iLCJpbmYiOiJJbmZpbml0eSIsImZtYXgiOjMuNDAyODIzNUUz"
                + "OCwibG1heCI6OTIyMzM3MjAzNjg1NDc3NTgwNywiaW1pbiI6LTIxNDc0ODM2NDgsImQxMjMiOjEuMjM0NTY3ODkxMjVFOH1d");
        assertArrayEquals(apache, OffsetCodec.toArray(codec.encodeKey("conn\u00e9ctor \"x\"", partition)));
    }

    @Test
    void keyOfANullOrEmptyPartition() {
        assertKey("[\"c\",null]", "c", null);
        assertKey("[\"c\",{}]", "c", Map.of());
    }

    @Test
    void valuesAreTheOffsetJsonAndANullOffsetIsATombstone() {
        assertEquals("{\"position\":30}", utf8(codec.encodeValue("c", Map.of("position", 30L))));
        assertEquals("{}", utf8(codec.encodeValue("c", Map.of())));
        assertNull(codec.encodeValue("c", null));
    }

    @Test
    void encodingValidatesTheMaps() {
        DataException keyError = assertThrows(DataException.class,
                () -> codec.encodeKey("c", Map.of("p", List.of(1))));
        assertEquals("Offsets may only contain primitive types as values, but field p contains ARRAY",
                keyError.getMessage());
        Map<String, Object> nested = Map.of("o", Map.of("x", 1));
        DataException valueError = assertThrows(DataException.class, () -> codec.encodeValue("c", nested));
        assertEquals("Offsets may only contain primitive types as values, but field o contains MAP",
                valueError.getMessage());
    }

    @Test
    void decodesKeysBackToConnectorAndPartition() {
        OffsetCodec.Key key = codec.decodeKey(codec.encodeKey("c", Map.of("file", "a", "line", 7)));
        assertEquals("c", key.connector());
        assertEquals(Map.of("file", "a", "line", 7L), key.partition());

        OffsetCodec.Key withoutPartition = codec.decodeKey(utf8Buffer("[\"c\",null]"));
        assertEquals("c", withoutPartition.connector());
        assertNull(withoutPartition.partition());
    }

    @Test
    void rejectsKeysWithoutTheOffsetsKeyShape() {
        for (String key : List.of("garbage", "{\"a\":1}", "[\"c\"]", "[\"c\",{},1]", "[1,{}]", "[\"c\",[1]]",
                "null")) {
            assertThrows(DataException.class, () -> codec.decodeKey(utf8Buffer(key)), key);
        }
    }

    @Test
    void decodesValuesAsSchemalessJson() {
        Map<String, Object> offset = codec.decodeValue(utf8Buffer("{\"n\":1,\"d\":1.5,\"b\":\"AQI=\",\"x\":null}"));
        Map<String, Object> expected = new HashMap<>();
        expected.put("n", 1L);
        expected.put("d", 1.5);
        expected.put("b", "AQI=");
        expected.put("x", null);
        assertEquals(expected, offset);
        assertNull(codec.decodeValue(null));
        assertThrows(DataException.class, () -> codec.decodeValue(utf8Buffer("[1,2]")));
        assertThrows(DataException.class, () -> codec.decodeValue(utf8Buffer("not json")));
    }

    @Test
    void toArrayCopiesOnlyTheRemainingBytesAndLeavesTheBufferAlone() {
        byte[] whole = "abcdef".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer exact = ByteBuffer.wrap(whole);
        assertSame(whole, OffsetCodec.toArray(exact), "a buffer spanning its whole array is not copied");

        ByteBuffer slice = ByteBuffer.wrap(whole, 1, 3);
        assertArrayEquals("bcd".getBytes(StandardCharsets.US_ASCII), OffsetCodec.toArray(slice));
        assertEquals(1, slice.position());
    }

    private void assertKey(String apacheBytes, String connector, Map<String, ?> partition) {
        assertEquals(apacheBytes, utf8(codec.encodeKey(connector, partition)));
    }

    private static String utf8(ByteBuffer buffer) {
        return new String(OffsetCodec.toArray(buffer), StandardCharsets.UTF_8);
    }

    private static ByteBuffer utf8Buffer(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
