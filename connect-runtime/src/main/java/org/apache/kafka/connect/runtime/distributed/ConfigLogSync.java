package org.apache.kafka.connect.runtime.distributed;

import org.apache.kafka.connect.storage.KafkaConfigBackingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The config snapshot the distributed herder works from, and catching it up with the config topic. The herder replaces
 * the snapshot at defined points of its tick ({@link #update()}, {@link #readToEnd()}) rather than following every
 * record as the store reads it, so one tick sees one consistent state; it is also what the worker reports in its
 * join metadata and what it assigns from when it leads. Written on the herder thread, read from any thread.
 */
final class ConfigLogSync implements ClusterConfigSource {

    private static final Logger log = LoggerFactory.getLogger(ConfigLogSync.class);

    private final KafkaConfigBackingStore store;
    private final long syncTimeoutMs;
    private volatile ClusterConfigState current = ClusterConfigState.EMPTY;
    private boolean readable = true;

    /** @param syncTimeoutMs {@code worker.sync.timeout.ms}: how long one catch-up may take */
    ConfigLogSync(KafkaConfigBackingStore store, long syncTimeoutMs) {
        this.store = store;
        this.syncTimeoutMs = syncTimeoutMs;
    }

    @Override
    public ClusterConfigState snapshot() {
        return current;
    }

    /** Takes what the store has read so far. */
    void update() {
        current = store.snapshot();
    }

    /** Reads the config topic to its end within {@code worker.sync.timeout.ms}; false if that failed. */
    boolean readToEnd() {
        try {
            store.refresh(syncTimeoutMs, TimeUnit.MILLISECONDS);
            current = store.snapshot();
            readable = true;
            return true;
        } catch (TimeoutException | RuntimeException e) {
            log.warn("Didn't reach the end of the config topic within {} ms", syncTimeoutMs, e);
            readable = false;
            return false;
        }
    }

    /** False after a failed {@link #readToEnd()}, until one succeeds. */
    boolean readable() {
        return readable;
    }

    /** For the leader's assignment: as far as the topic can be read now. */
    @Override
    public ClusterConfigState refreshedSnapshot() {
        readToEnd();
        return current;
    }
}
