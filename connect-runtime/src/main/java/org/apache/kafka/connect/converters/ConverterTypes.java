package org.apache.kafka.connect.converters;

import org.apache.kafka.connect.storage.ConverterConfig;
import org.apache.kafka.connect.storage.ConverterType;

import java.util.HashMap;
import java.util.Map;

/**
 * Bridges {@code Converter.configure(Map, boolean)} to the single-map {@code configure(Map)} used by header
 * converters: the key/value role is written into {@code converter.type}, replacing whatever the caller put there.
 */
final class ConverterTypes {

    private ConverterTypes() {
    }

    static Map<String, Object> withKeyOrValueType(Map<String, ?> configs, boolean isKey) {
        Map<String, Object> copy = new HashMap<>(configs);
        ConverterType type = isKey ? ConverterType.KEY : ConverterType.VALUE;
        copy.put(ConverterConfig.TYPE_CONFIG, type.getName());
        return copy;
    }
}
