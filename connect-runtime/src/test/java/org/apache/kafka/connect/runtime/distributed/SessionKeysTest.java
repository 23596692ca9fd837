package org.apache.kafka.connect.runtime.distributed;

import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.storage.ConfigRecord.SessionKeyUpdate;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the leader must rotate the session key, and how it makes a new one. */
class SessionKeysTest {

    private static final long TTL_MS = 60_000;

    private final ManualTime time = new ManualTime(1_000_000);

    private static DistributedConfig config(Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", "localhost:9092");
        props.put("group.id", "connect-cluster");
        props.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("config.storage.topic", "connect-configs");
        props.put("offset.storage.topic", "connect-offsets");
        props.put("status.storage.topic", "connect-status");
        props.put(DistributedConfig.INTER_WORKER_KEY_TTL_MS_CONFIG, Long.toString(TTL_MS));
        props.putAll(overrides);
        return new DistributedConfig(props);
    }

    private SessionKeys keys(Map<String, String> overrides) {
        return new SessionKeys(config(overrides), time);
    }

    private static SessionKeyUpdate key(String algorithm, int bytes, long created) {
        byte[] material = new byte[bytes];
        material[0] = 1;
        return new SessionKeyUpdate(new SecretKeySpec(material, algorithm), created);
    }

    @Test
    void rotationIsDueWhenThereIsNoKeyYet() {
        SessionKeys keys = keys(Map.of());
        assertNull(keys.current());
        assertTrue(keys.rotationDue());
        assertEquals(time.milliseconds(), keys.expiryMs(), "without a key, a new one is due now");
    }

    @Test
    void freshKeyOfTheConfiguredKindNeedsNoRotation() {
        SessionKeys keys = keys(Map.of());
        SessionKeyUpdate key = key("HmacSHA256", 32, time.milliseconds());
        keys.update(key);

        assertSame(key, keys.current());
        assertFalse(keys.rotationDue());
    }

    @Test
    void keyExpiresTtlAfterItsCreation() {
        SessionKeys keys = keys(Map.of());
        long created = time.milliseconds() - 10_000;
        keys.update(key("HmacSHA256", 32, created));

        assertEquals(created + TTL_MS, keys.expiryMs());
        time.set(created + TTL_MS - 1);
        assertFalse(keys.rotationDue(), "one ms before expiry");
        time.set(created + TTL_MS);
        assertTrue(keys.rotationDue(), "at expiry");
        time.set(created + TTL_MS + 5_000);
        assertTrue(keys.rotationDue(), "after expiry");
    }

    @Test
    void expiryFollowsTheConfiguredTtl() {
        SessionKeys keys = keys(Map.of(DistributedConfig.INTER_WORKER_KEY_TTL_MS_CONFIG, "5000"));
        keys.update(key("HmacSHA256", 32, 100));
        assertEquals(5_100, keys.expiryMs());
    }

    @Test
    void keyMadeWithAnotherAlgorithmIsRotated() {
        SessionKeys keys = keys(Map.of(DistributedConfig.INTER_WORKER_KEY_GENERATION_ALGORITHM_CONFIG,
                "HmacSHA512"));
        keys.update(key("HmacSHA256", 64, time.milliseconds()));
        assertTrue(keys.rotationDue());

        keys.update(key("HmacSHA512", 64, time.milliseconds()));
        assertFalse(keys.rotationDue());
    }

    @Test
    void keyOfAnotherSizeIsRotatedWhenASizeIsConfigured() {
        SessionKeys keys = keys(Map.of(DistributedConfig.INTER_WORKER_KEY_SIZE_CONFIG, "128"));
        keys.update(key("HmacSHA256", 32, time.milliseconds()));
        assertTrue(keys.rotationDue(), "256-bit key, 128 configured");

        keys.update(key("HmacSHA256", 16, time.milliseconds()));
        assertFalse(keys.rotationDue(), "128-bit key, 128 configured");
    }

    @Test
    void anySizeIsAcceptedWhenNoSizeIsConfigured() {
        SessionKeys keys = keys(Map.of());
        keys.update(key("HmacSHA256", 16, time.milliseconds()));
        assertFalse(keys.rotationDue());
    }

    @Test
    void generatedKeyUsesTheConfiguredAlgorithmAndIsStampedNow() {
        SessionKeys keys = keys(Map.of(DistributedConfig.INTER_WORKER_KEY_GENERATION_ALGORITHM_CONFIG,
                "HmacSHA512"));
        SessionKeyUpdate generated = keys.generate();

        assertEquals("HmacSHA512", generated.secretKey().getAlgorithm());
        assertEquals(time.milliseconds(), generated.creationTimestamp());
        assertNull(keys.current(), "generating does not install the key: it is read back from the config topic");
    }

    @Test
    void generatedKeyHasTheConfiguredSize() {
        SessionKeys keys = keys(Map.of(DistributedConfig.INTER_WORKER_KEY_SIZE_CONFIG, "128"));
        SecretKey secret = keys.generate().secretKey();

        assertEquals("HmacSHA256", secret.getAlgorithm());
        assertEquals(16, secret.getEncoded().length);
    }

    @Test
    void generatedKeyIsNotDueForRotationUntilItExpires() {
        SessionKeys keys = keys(Map.of(DistributedConfig.INTER_WORKER_KEY_SIZE_CONFIG, "384"));
        keys.update(keys.generate());
        assertFalse(keys.rotationDue());
        time.set(time.milliseconds() + TTL_MS);
        assertTrue(keys.rotationDue());
    }

    @Test
    void generatedKeysDiffer() {
        SessionKeys keys = keys(Map.of());
        assertFalse(Arrays.equals(keys.generate().secretKey().getEncoded(),
                keys.generate().secretKey().getEncoded()));
    }

    /** A clock the test moves by hand. */
    private static final class ManualTime implements Time {
        private volatile long nowMs;

        ManualTime(long nowMs) {
            this.nowMs = nowMs;
        }

        void set(long nowMs) {
            this.nowMs = nowMs;
        }

        @Override
        public long milliseconds() {
            return nowMs;
        }

        @Override
        public long nanoseconds() {
            return nowMs * 1_000_000;
        }

        @Override
        public void sleep(long ms) {
            nowMs += ms;
        }

        @Override
        public void waitObject(Object obj, Supplier<Boolean> condition, long deadlineMs) {
            throw new UnsupportedOperationException();
        }
    }
}
