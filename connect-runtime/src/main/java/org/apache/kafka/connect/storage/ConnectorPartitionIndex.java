package org.apache.kafka.connect.storage;

import org.apache.kafka.connect.errors.DataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which source partitions of each connector currently have an offset, kept up to date as an offsets store reads or
 * writes its records, so that listing a connector's offsets (REST {@code GET /connectors/{c}/offsets}) does not
 * have to decode every key in the store.
 * <p>
 * A record with a non-null value adds its partition, a tombstone removes it. Keys that do not have the offsets-key
 * shape are skipped with a warning, as are keys with a {@code null} partition (they name no partition). Thread-safe.
 */
final class ConnectorPartitionIndex {

    private static final Logger log = LoggerFactory.getLogger(ConnectorPartitionIndex.class);

    private final OffsetCodec codec = new OffsetCodec();
    private final Map<String, Set<Map<String, Object>>> partitionsByConnector = new HashMap<>();

    /**
     * Accounts for one record of the store, in the order the store applies them.
     *
     * @param key   the serialized key
     * @param value the serialized offset, or {@code null} for a tombstone
     */
    void record(ByteBuffer key, ByteBuffer value) {
        OffsetCodec.Key decoded;
        try {
            decoded = codec.decodeKey(key);
        } catch (DataException e) {
            log.warn("Ignoring offsets key with an unexpected format ({}): {}", e.getMessage(), printable(key));
            return;
        }
        if (decoded.partition() == null) {
            return;
        }
        synchronized (this) {
            if (value != null) {
                partitionsByConnector.computeIfAbsent(decoded.connector(), name -> new HashSet<>())
                        .add(Collections.unmodifiableMap(decoded.partition()));
                return;
            }
            Set<Map<String, Object>> partitions = partitionsByConnector.get(decoded.connector());
            if (partitions != null && partitions.remove(decoded.partition()) && partitions.isEmpty()) {
                partitionsByConnector.remove(decoded.connector());
            }
        }
    }

    /** @return a snapshot of the connector's partitions that have a (non-null) offset */
    synchronized Set<Map<String, Object>> partitions(String connector) {
        Set<Map<String, Object>> partitions = partitionsByConnector.get(connector);
        return partitions == null ? Set.of() : Collections.unmodifiableSet(new HashSet<>(partitions));
    }

    synchronized void clear() {
        partitionsByConnector.clear();
    }

    private static String printable(ByteBuffer key) {
        return new String(OffsetCodec.toArray(key), StandardCharsets.UTF_8);
    }
}
