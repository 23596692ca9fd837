package org.apache.kafka.connect.runtime.distributed;

import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.storage.ConfigRecord.SessionKeyUpdate;
import org.apache.kafka.connect.storage.KafkaConfigBackingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.NoSuchAlgorithmException;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/**
 * The session key that signs internal REST requests (rest-api.md §1.3): the one read last from the config topic,
 * and, on the leader, when a new one is due (runtime-behaviour §5.1 step 4: none yet, expired after
 * {@code inter.worker.key.ttl.ms}, or made with an algorithm or length the config no longer asks for). Used on the
 * herder thread; {@link #current()} from any thread.
 */
final class SessionKeys {

    private static final Logger log = LoggerFactory.getLogger(SessionKeys.class);

    private final Time time;
    private final String algorithm;
    private final Integer keySizeBits;
    private final long ttlMs;
    private volatile SessionKeyUpdate current;

    SessionKeys(DistributedConfig config, Time time) {
        this.time = time;
        this.algorithm = config.getString(DistributedConfig.INTER_WORKER_KEY_GENERATION_ALGORITHM_CONFIG);
        this.keySizeBits = config.getInt(DistributedConfig.INTER_WORKER_KEY_SIZE_CONFIG);
        this.ttlMs = config.getInt(DistributedConfig.INTER_WORKER_KEY_TTL_MS_CONFIG);
    }

    /** The key read last from the config topic, or null before one was read. */
    SessionKeyUpdate current() {
        return current;
    }

    void update(SessionKeyUpdate key) {
        current = key;
    }

    /** When the current key must be replaced (wall-clock ms); now if there is none. */
    long expiryMs() {
        SessionKeyUpdate key = current;
        return key == null ? time.milliseconds() : key.creationTimestamp() + ttlMs;
    }

    /** Whether the leader must distribute a new key now. */
    boolean rotationDue() {
        SessionKeyUpdate key = current;
        if (key == null || time.milliseconds() >= expiryMs()) {
            return true;
        }
        SecretKey secret = key.secretKey();
        if (!algorithm.equals(secret.getAlgorithm())) {
            return true;
        }
        return keySizeBits != null && secret.getEncoded().length * 8 != keySizeBits;
    }

    /**
     * Leader: distributes a new key through the config topic when one is due; a failed write is logged and retried
     * on the next call.
     */
    void rotateIfDue(KafkaConfigBackingStore configStore) {
        if (!rotationDue()) {
            return;
        }
        log.info("Distributing a new session key for internal requests");
        try {
            SessionKeyUpdate key = generate();
            configStore.putSessionKey(key);
            update(key);
        } catch (RuntimeException e) {
            log.error("Failed to write a new session key to the config topic; retrying on the next tick", e);
        }
    }

    /** A fresh key made as configured, stamped now. */
    SessionKeyUpdate generate() {
        KeyGenerator generator;
        try {
            generator = KeyGenerator.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            // DistributedConfig validated the algorithm, so the JVM changed under us.
            throw new IllegalStateException("Cannot generate session keys with " + algorithm, e);
        }
        if (keySizeBits != null) {
            generator.init(keySizeBits);
        }
        return new SessionKeyUpdate(generator.generateKey(), time.milliseconds());
    }
}
