package org.apache.kafka.connect.json;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LruCacheTest {

    @Test
    void keepsAtMostCapacityEntriesEvictingTheLeastRecentlyUsed() {
        LruCache<String, Integer> cache = new LruCache<>(2);
        cache.put("a", 1);
        cache.put("b", 2);
        assertEquals(1, cache.get("a")); // "a" is now the most recently used
        cache.put("c", 3);

        assertEquals(2, cache.size());
        assertNull(cache.get("b"));
        assertEquals(1, cache.get("a"));
        assertEquals(3, cache.get("c"));
    }

    @Test
    void replacingAnEntryDoesNotGrowTheCache() {
        LruCache<String, Integer> cache = new LruCache<>(2);
        cache.put("a", 1);
        cache.put("a", 2);

        assertEquals(1, cache.size());
        assertEquals(2, cache.get("a"));
    }

    @Test
    void capacityOfZeroOrLessStoresNothing() {
        for (int capacity : new int[] {0, -1}) {
            LruCache<String, Integer> cache = new LruCache<>(capacity);
            cache.put("a", 1);

            assertEquals(0, cache.size());
            assertNull(cache.get("a"));
        }
    }
}
