package org.apache.kafka.connect.runtime;

import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.runtime.rest.errors.BadRequestException;
import org.apache.kafka.connect.storage.OffsetValidator;

import java.util.LinkedHashMap;
import java.util.Map;

/** Checks source offsets given through REST and puts them in the form they have after a trip through the store. */
final class SourceOffsets {

    private SourceOffsets() {
    }

    /**
     * @return the offsets with integral numbers as {@code Long} and floating-point numbers as {@code Double}, as
     *         tasks and connectors read them back from the store; map orders (which decide the stored keys) kept
     * @throws BadRequestException if a partition is null, or a partition or offset is not a map of string keys to
     *                             primitive values
     */
    static Map<Map<String, ?>, Map<String, ?>> normalize(Map<Map<String, ?>, Map<String, ?>> offsets) {
        Map<Map<String, ?>, Map<String, ?>> normalized = new LinkedHashMap<>();
        offsets.forEach((partition, offset) -> {
            if (partition == null) {
                throw new BadRequestException("The partition for a source connector offset cannot be null");
            }
            try {
                OffsetValidator.validate(partition);
                OffsetValidator.validate(offset);
            } catch (DataException e) {
                throw new BadRequestException(e.getMessage());
            }
            normalized.put(normalizeMap(partition), normalizeMap(offset));
        });
        return normalized;
    }

    private static Map<String, Object> normalizeMap(Map<String, ?> map) {
        if (map == null) {
            return null;
        }
        Map<String, Object> normalized = new LinkedHashMap<>();
        map.forEach((key, value) -> normalized.put(key, normalizeValue(value)));
        return normalized;
    }

    private static Object normalizeValue(Object value) {
        if (value instanceof Byte || value instanceof Short || value instanceof Integer) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float) {
            return ((Float) value).doubleValue();
        }
        return value;
    }
}
