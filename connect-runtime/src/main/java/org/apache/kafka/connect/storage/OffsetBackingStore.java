package org.apache.kafka.connect.storage;

import org.apache.kafka.connect.util.Callback;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;

/**
 * Key-value storage of source offsets in their serialized form, shared by all source connectors of a worker.
 * <p>
 * Keys are the exact bytes of {@code [<connector name>, <source partition>]} and values the bytes of the offset map,
 * both as the internal JSON converter ({@code JsonConverter}, schemas disabled) writes them; a {@code null} value is a
 * tombstone. Keys and values are {@link ByteBuffer}s so they can be compared and hashed by content; callers must not
 * modify a buffer after handing it over. Implementations are thread-safe.
 * <p>
 * Lifecycle: {@link #configure}, then {@link #start}, then any number of reads and writes, then {@link #stop}.
 */
public interface OffsetBackingStore {

    /**
     * Reads the settings this store needs from the worker configuration.
     *
     * @param workerConfigs the worker's configuration values, by config name
     * @throws org.apache.kafka.common.config.ConfigException if a required setting is missing or invalid
     */
    void configure(Map<String, ?> workerConfigs);

    /**
     * Loads existing offsets and prepares the store for reads and writes; blocks until the store is usable.
     */
    void start();

    /**
     * Completes the writes already requested, then releases the store's resources.
     */
    void stop();

    /**
     * Looks up the latest values of some keys. The lookup observes every write requested before it.
     *
     * @param keys the serialized keys to look up
     * @return a future of the values by key; a key without value (never written, or a tombstone) maps to
     *         {@code null} or is absent
     */
    Future<Map<ByteBuffer, ByteBuffer>> get(Collection<ByteBuffer> keys);

    /**
     * Writes some keys; writes are applied in the order they are requested.
     *
     * @param values   the serialized values by serialized key; a {@code null} value is a tombstone
     * @param callback invoked once the write has been persisted or has failed; may be {@code null}
     * @return a future that completes after the callback has been invoked
     */
    Future<Void> set(Map<ByteBuffer, ByteBuffer> values, Callback<Void> callback);

    /**
     * @param connectorName the name of a source connector
     * @return a snapshot of the source partitions of that connector whose latest offset is not {@code null}, as
     *         deserialized from the stored keys (integral numbers as {@code Long}); empty if there are none
     */
    Set<Map<String, Object>> connectorPartitions(String connectorName);
}
