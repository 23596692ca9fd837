package org.apache.kafka.connect.file;

import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Test double: offsets held in a map, recording which partitions were asked for. */
final class InMemoryOffsetStorageReader implements OffsetStorageReader {

    private final Map<Map<String, ?>, Map<String, Object>> offsets = new HashMap<>();
    final List<Map<String, ?>> requestedPartitions = new ArrayList<>();

    InMemoryOffsetStorageReader store(Map<String, ?> partition, Map<String, Object> offset) {
        offsets.put(partition, offset);
        return this;
    }

    @Override
    public <T> Map<String, Object> offset(Map<String, T> partition) {
        requestedPartitions.add(partition);
        return offsets.get(partition);
    }

    @Override
    public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
        Map<Map<String, T>, Map<String, Object>> result = new HashMap<>();
        for (Map<String, T> partition : partitions) {
            result.put(partition, offset(partition));
        }
        return result;
    }

    /** A task context whose only working part is this reader. */
    SourceTaskContext context() {
        InMemoryOffsetStorageReader reader = this;
        return new SourceTaskContext() {
            @Override
            public Map<String, String> configs() {
                return Map.of();
            }

            @Override
            public OffsetStorageReader offsetStorageReader() {
                return reader;
            }

            @Override
            public PluginMetrics pluginMetrics() {
                throw new UnsupportedOperationException("not needed by the file source");
            }
        };
    }
}
