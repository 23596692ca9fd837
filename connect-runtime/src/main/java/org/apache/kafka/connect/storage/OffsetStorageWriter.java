package org.apache.kafka.connect.storage;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Collects the source offsets of one connector (all its tasks, or one task) and writes them to an
 * {@link OffsetBackingStore} in flushes.
 * <p>
 * A flush is: {@link #beginFlush} snapshots the offsets recorded so far (later {@link #offset} calls go to the next
 * flush), {@link #doFlush} serializes and writes the snapshot, and the flush ends when the write completes. If the
 * write fails, or the caller gives up on it with {@link #cancelFlush}, the snapshot is merged back under any newer
 * offsets so the next flush retries it. Only one flush is in progress at a time.
 * <p>
 * Thread-safety: tasks call {@link #offset} from their own thread while the offset committer begins, performs and
 * cancels flushes from its thread, and the store completes writes on its thread; all state is guarded by one lock.
 * A write that completes after its flush was cancelled has no effect on the writer.
 */
public class OffsetStorageWriter {

    private static final Logger log = LoggerFactory.getLogger(OffsetStorageWriter.class);

    private final OffsetBackingStore store;
    private final String connectorName;
    private final OffsetCodec codec = new OffsetCodec();

    private final Object lock = new Object();
    /** Offsets recorded since the last snapshot, by source partition; a null offset is a reset (tombstone). */
    private Map<Map<String, Object>, Map<String, Object>> pending = new LinkedHashMap<>();
    /** The snapshot being flushed, or null when no flush is in progress. */
    private Map<Map<String, Object>, Map<String, Object>> flushing;
    /** Identifies the current (or last) flush, so a stale completion cannot end a newer flush. */
    private long flushId;

    /**
     * @param store         where the offsets are written
     * @param connectorName the connector whose offsets these are; the first element of every key
     */
    public OffsetStorageWriter(OffsetBackingStore store, String connectorName) {
        this.store = store;
        this.connectorName = connectorName;
    }

    /**
     * Records the latest offset of a source partition, replacing any earlier one not yet flushed. The maps are
     * copied in their iteration order (which decides their serialized form) and validated when flushed.
     *
     * @param partition the source partition
     * @param offset    its offset, or {@code null} to reset the partition (written as a tombstone)
     */
    public void offset(Map<String, ?> partition, Map<String, ?> offset) {
        Map<String, Object> partitionCopy = copy(partition);
        Map<String, Object> offsetCopy = copy(offset);
        synchronized (lock) {
            pending.put(partitionCopy, offsetCopy);
        }
    }

    /**
     * Starts a flush unless one is already in progress.
     *
     * @return true if offsets were snapshotted for {@link #doFlush}; false if there is nothing to flush
     * @throws ConnectException if a flush is already in progress
     */
    public boolean beginFlush() {
        synchronized (lock) {
            if (flushing != null) {
                throw new ConnectException("An offset flush for connector " + connectorName
                        + " is already in progress");
            }
            return snapshot();
        }
    }

    /**
     * Starts a flush, first waiting for the one in progress (if any) to end.
     *
     * @return true if offsets were snapshotted for {@link #doFlush}; false if there is nothing to flush
     * @throws TimeoutException     if the flush in progress did not end within the timeout
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean beginFlush(long timeout, TimeUnit unit) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (lock) {
            while (flushing != null) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new TimeoutException("Timed out waiting for the previous offset flush of connector "
                            + connectorName + " to complete");
                }
                TimeUnit.NANOSECONDS.timedWait(lock, remaining);
            }
            return snapshot();
        }
    }

    /**
     * Serializes the snapshot taken by {@link #beginFlush} and writes it to the store.
     *
     * @param callback invoked once the write has completed or failed (including when the offsets cannot be
     *                 serialized); may be {@code null}
     * @return a future that completes after the flush has ended and the callback has been invoked
     * @throws IllegalStateException if no flush is in progress
     */
    public Future<Void> doFlush(Callback<Void> callback) {
        long id;
        Map<Map<String, Object>, Map<String, Object>> snapshot;
        synchronized (lock) {
            if (flushing == null) {
                throw new IllegalStateException("No offset flush in progress for connector " + connectorName
                        + "; doFlush may only follow a beginFlush that returned true");
            }
            id = flushId;
            snapshot = flushing;
        }

        CompletableFuture<Void> result = new CompletableFuture<>();
        Callback<Void> onWritten = (error, ignored) -> {
            endFlush(id, error != null);
            if (callback != null) {
                try {
                    callback.onCompletion(error, null);
                } catch (RuntimeException e) {
                    log.error("Offset flush callback for connector {} failed", connectorName, e);
                }
            }
            if (error == null) {
                result.complete(null);
            } else {
                result.completeExceptionally(error);
            }
        };

        Map<ByteBuffer, ByteBuffer> records;
        try {
            records = serialize(snapshot);
        } catch (DataException e) {
            log.error("CRITICAL: Failed to serialize the offsets of connector {}, so they cannot be committed. "
                    + "This will repeat until the connector records a valid offset for the partition concerned.",
                    connectorName, e);
            onWritten.onCompletion(e, null);
            return result;
        }
        log.debug("Flushing {} offsets of connector {}", records.size(), connectorName);
        try {
            store.set(records, onWritten);
        } catch (RuntimeException e) {
            // A store reports failures through the callback; one that throws instead has not called it.
            onWritten.onCompletion(e, null);
        }
        return result;
    }

    /**
     * Abandons the flush in progress, e.g. after its write timed out, keeping its offsets for the next flush.
     * Does nothing if no flush is in progress.
     */
    public void cancelFlush() {
        synchronized (lock) {
            if (flushing != null) {
                log.debug("Cancelling the offset flush of connector {}", connectorName);
                endFlush(flushId, true);
            }
        }
    }

    /** Requires the lock. */
    private boolean snapshot() {
        if (pending.isEmpty()) {
            return false;
        }
        flushing = pending;
        pending = new LinkedHashMap<>();
        flushId++;
        return true;
    }

    private void endFlush(long id, boolean keepForRetry) {
        synchronized (lock) {
            if (flushing == null || id != flushId) {
                return;
            }
            if (keepForRetry) {
                // Offsets recorded since the snapshot are newer and win.
                flushing.putAll(pending);
                pending = flushing;
            }
            flushing = null;
            lock.notifyAll();
        }
    }

    private Map<ByteBuffer, ByteBuffer> serialize(Map<Map<String, Object>, Map<String, Object>> offsets) {
        Map<ByteBuffer, ByteBuffer> records = new HashMap<>();
        for (Map.Entry<Map<String, Object>, Map<String, Object>> entry : offsets.entrySet()) {
            records.put(codec.encodeKey(connectorName, entry.getKey()),
                    codec.encodeValue(connectorName, entry.getValue()));
        }
        return records;
    }

    private static Map<String, Object> copy(Map<String, ?> map) {
        return map == null ? null : new LinkedHashMap<>(map);
    }
}
