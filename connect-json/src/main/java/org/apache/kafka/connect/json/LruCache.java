package org.apache.kafka.connect.json;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A thread-safe map holding at most {@code capacity} entries, evicting the least recently used one when full.
 * A capacity of zero or less disables caching: nothing is ever stored.
 * <p>
 * Converters normally run on a single task thread, so the lock is uncontended; it is there because a converter
 * instance may still be shared (e.g. as a header converter).
 */
final class LruCache<K, V> {

    private final int capacity;
    private final LinkedHashMap<K, V> entries;

    LruCache(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > LruCache.this.capacity;
            }
        };
    }

    /** @return the cached value, or {@code null} if absent; a hit makes the entry the most recently used */
    synchronized V get(K key) {
        return entries.get(key);
    }

    synchronized void put(K key, V value) {
        if (capacity > 0) {
            entries.put(key, value);
        }
    }

    synchronized int size() {
        return entries.size();
    }
}
