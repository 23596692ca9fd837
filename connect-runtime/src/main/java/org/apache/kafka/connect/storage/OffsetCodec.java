package org.apache.kafka.connect.storage;

import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Translates source partitions and offsets to and from the bytes kept in an {@link OffsetBackingStore}.
 * <p>
 * A key is the JSON array {@code [<connector name>, <partition map>]} and a value the JSON of the offset map, both
 * written by the internal converter: {@link JsonConverter} with schemas disabled. Maps are written in their own
 * iteration order, so identical maps give the bytes Apache's worker writes and both can find each other's offsets.
 * Thread-safe.
 */
final class OffsetCodec {

    /** The connector name and source partition that a key names; the partition may be {@code null}. */
    record Key(String connector, Map<String, Object> partition) {
    }

    private final JsonConverter converter;

    OffsetCodec() {
        converter = new JsonConverter();
        converter.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, false), true);
    }

    /**
     * @throws DataException if the partition is not a valid source partition (see {@link OffsetValidator})
     */
    ByteBuffer encodeKey(String connector, Map<String, ?> partition) {
        OffsetValidator.validate(partition);
        // Arrays.asList, unlike List.of, accepts the null partition.
        return ByteBuffer.wrap(converter.fromConnectData(connector, null, Arrays.asList(connector, partition)));
    }

    /**
     * @return the serialized offset, or {@code null} (a tombstone) for a {@code null} offset
     * @throws DataException if the offset is not a valid source offset (see {@link OffsetValidator})
     */
    ByteBuffer encodeValue(String connector, Map<String, ?> offset) {
        OffsetValidator.validate(offset);
        byte[] bytes = converter.fromConnectData(connector, null, offset);
        return bytes == null ? null : ByteBuffer.wrap(bytes);
    }

    /**
     * @throws DataException if the bytes are not JSON or not an array of a string and an object (or null); the
     *                       message says which
     */
    Key decodeKey(ByteBuffer key) {
        Object decoded = converter.toConnectData(null, toArray(key)).value();
        if (!(decoded instanceof List)) {
            throw new DataException("expected a JSON array but found " + describe(decoded));
        }
        List<?> elements = (List<?>) decoded;
        if (elements.size() != 2) {
            throw new DataException("expected 2 elements but found " + elements.size());
        }
        if (!(elements.get(0) instanceof String)) {
            throw new DataException("expected the connector name (a string) first but found "
                    + describe(elements.get(0)));
        }
        Object partition = elements.get(1);
        if (partition != null && !(partition instanceof Map)) {
            throw new DataException("expected the source partition (an object or null) second but found "
                    + describe(partition));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> partitionMap = (Map<String, Object>) partition;
        return new Key((String) elements.get(0), partitionMap);
    }

    /**
     * @return the offset map (integral numbers as {@code Long}, bytes as Base64 strings), or {@code null} for a
     *         {@code null} value or a JSON {@code null}
     * @throws DataException if the bytes are not JSON or not a JSON object
     */
    Map<String, Object> decodeValue(ByteBuffer value) {
        if (value == null) {
            return null;
        }
        Object decoded = converter.toConnectData(null, toArray(value)).value();
        if (decoded != null && !(decoded instanceof Map)) {
            throw new DataException("Offsets must be specified as a Map but found " + describe(decoded));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> offset = (Map<String, Object>) decoded;
        return offset;
    }

    /** @return the buffer's remaining bytes, without moving its position; its own array when that is all of it */
    static byte[] toArray(ByteBuffer buffer) {
        if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.position() == 0
                && buffer.remaining() == buffer.array().length) {
            return buffer.array();
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }
}
