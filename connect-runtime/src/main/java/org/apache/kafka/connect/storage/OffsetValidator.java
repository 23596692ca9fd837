package org.apache.kafka.connect.storage;

import org.apache.kafka.connect.data.ConnectSchema;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;

import java.util.Map;

/**
 * Checks that a source partition or source offset has the shape the offsets store can hold: a map with string keys
 * whose values are {@code null} or of a primitive Connect type (integers, floats, boolean, string, bytes).
 * <p>
 * Used before offsets are serialized (task commits, REST alterations) and before partitions are looked up, so a
 * malformed map is rejected with the same message wherever it comes from.
 */
public final class OffsetValidator {

    private OffsetValidator() {
    }

    /**
     * @param partitionOrOffset a source partition or offset; {@code null} is valid (a null offset is a tombstone)
     * @throws DataException if it is not a map, has a key that is not a string, or a value that is not primitive
     */
    public static void validate(Object partitionOrOffset) {
        if (partitionOrOffset == null) {
            return;
        }
        if (!(partitionOrOffset instanceof Map)) {
            throw new DataException("Offsets must be specified as a Map");
        }
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) partitionOrOffset).entrySet()) {
            if (!(entry.getKey() instanceof String)) {
                throw new DataException("Offsets may only use String keys");
            }
            Object value = entry.getValue();
            if (value == null) {
                continue;
            }
            Schema.Type type = ConnectSchema.schemaType(value.getClass());
            if (type == null || !type.isPrimitive()) {
                // Apache names the Connect type when there is one (ARRAY, MAP, STRUCT), else the Java class.
                Object described = type != null ? type : value.getClass();
                throw new DataException("Offsets may only contain primitive types as values, but field "
                        + entry.getKey() + " contains " + described);
            }
        }
    }
}
