package org.apache.kafka.common.utils;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Call sites compiled against the pre-4.4 names (as in released plugins) link to the moved kafka-clients classes
 * through the bridges: static calls name the old class, so they resolve through its superclass.
 */
class MovedClientUtilitiesTest {

    @Test
    void staticMethodsResolveThroughTheOldNames() {
        assertEquals("a%20b", Sanitizer.sanitize("a b"));
        assertEquals("a b", Sanitizer.desanitize("a%20b"));
        assertTrue(ConfigUtils.getBoolean(Map.of("k", "true"), "k", false));
        assertFalse(AppInfoParser.getVersion().isEmpty());
    }

    @Test
    void instancesCanBeCreatedUnderTheOldNames() throws InterruptedException {
        LogContext context = new LogContext("[plugin] ");
        assertEquals("[plugin] ", context.logPrefix());
        assertEquals(MovedClientUtilitiesTest.class.getName(), context.logger(MovedClientUtilitiesTest.class).getName());

        CountDownLatch ran = new CountDownLatch(1);
        KafkaThread thread = new KafkaThread("bridge-test", ran::countDown, true);
        thread.start();
        assertTrue(ran.await(10, TimeUnit.SECONDS));
        Thread fromFactory = ThreadUtils.createThreadFactory("bridge-%d", true).newThread(() -> { });
        assertTrue(fromFactory.getName().matches("bridge-\\d+"), fromFactory.getName());

        CopyOnWriteMap<String, Integer> map = new CopyOnWriteMap<>();
        map.put("a", 1);
        assertEquals(1, map.get("a"));
        assertEquals(100, new ExponentialBackoff(100, 2, 1000, 0.0).backoff(0));
    }
}
