package org.apache.kafka.connect.storage;

import org.apache.kafka.connect.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * An {@link OffsetBackingStore} that holds offsets in memory; the base of stores that also persist them.
 * <p>
 * Reads and writes run one at a time, in request order, on a single writer thread, so a read sees every write
 * requested before it. A write replaces the contents with an updated copy only after {@link #persist} has accepted
 * that copy: a failed write leaves the store exactly as it was. The contents are an immutable map that only the
 * writer thread replaces, so reading them needs no lock.
 */
public class MemoryOffsetBackingStore implements OffsetBackingStore {

    private static final Logger log = LoggerFactory.getLogger(MemoryOffsetBackingStore.class);

    /** How long {@link #stop()} waits for queued writes before abandoning them. */
    private static final long STOP_TIMEOUT_MS = 30_000;

    private final ConnectorPartitionIndex partitionIndex = new ConnectorPartitionIndex();
    /** Immutable; replaced by the writer thread, or by {@link #loadContents} before the store starts. */
    private volatile Map<ByteBuffer, ByteBuffer> contents = Map.of();
    private volatile ExecutorService writer;

    @Override
    public void configure(Map<String, ?> workerConfigs) {
        // Nothing to configure: everything lives in memory.
    }

    @Override
    public synchronized void start() {
        if (writer != null) {
            throw new IllegalStateException(getClass().getSimpleName() + " is already started");
        }
        String threadName = getClass().getSimpleName() + "-writer";
        writer = Executors.newSingleThreadExecutor(task -> new Thread(task, threadName));
    }

    @Override
    public synchronized void stop() {
        ExecutorService stopping = writer;
        if (stopping == null) {
            return;
        }
        writer = null;
        stopping.shutdown();
        try {
            if (!stopping.awaitTermination(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                log.error("{} did not finish its pending offset writes within {} ms; abandoning them",
                        getClass().getSimpleName(), STOP_TIMEOUT_MS);
                stopping.shutdownNow();
            }
        } catch (InterruptedException e) {
            stopping.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Future<Map<ByteBuffer, ByteBuffer>> get(Collection<ByteBuffer> keys) {
        List<ByteBuffer> requested = new ArrayList<>(keys);
        CompletableFuture<Map<ByteBuffer, ByteBuffer>> result = new CompletableFuture<>();
        Runnable read = () -> {
            Map<ByteBuffer, ByteBuffer> current = contents;
            Map<ByteBuffer, ByteBuffer> values = new HashMap<>();
            for (ByteBuffer key : requested) {
                values.put(key, current.get(key));
            }
            result.complete(values);
        };
        if (!submit(read)) {
            result.completeExceptionally(notRunning());
        }
        return result;
    }

    @Override
    public Future<Void> set(Map<ByteBuffer, ByteBuffer> values, Callback<Void> callback) {
        Map<ByteBuffer, ByteBuffer> updates = new HashMap<>(values);
        CompletableFuture<Void> result = new CompletableFuture<>();
        Runnable write = () -> {
            try {
                Map<ByteBuffer, ByteBuffer> updated = new HashMap<>(contents);
                updated.putAll(updates);
                Map<ByteBuffer, ByteBuffer> snapshot = Collections.unmodifiableMap(updated);
                persist(snapshot);
                contents = snapshot;
                updates.forEach(partitionIndex::record);
            } catch (Throwable e) {
                complete(callback, result, e);
                return;
            }
            complete(callback, result, null);
        };
        if (!submit(write)) {
            complete(callback, result, notRunning());
        }
        return result;
    }

    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
        return partitionIndex.partitions(connectorName);
    }

    /**
     * Makes a new version of the contents durable before the store adopts it; called on the writer thread, once
     * per write. This store keeps nothing beyond memory.
     *
     * @param contents all offsets as they will be once the write is applied; {@code null} values are tombstones
     * @throws IOException if the contents could not be persisted; the write then fails and changes nothing
     */
    protected void persist(Map<ByteBuffer, ByteBuffer> contents) throws IOException {
    }

    /**
     * Replaces the contents with offsets loaded from elsewhere. Only for use before {@link #start()}.
     *
     * @param loaded the offsets by key; {@code null} values are tombstones
     * @throws IllegalStateException if the store is running
     */
    protected final synchronized void loadContents(Map<ByteBuffer, ByteBuffer> loaded) {
        if (writer != null) {
            throw new IllegalStateException(getClass().getSimpleName() + " is already started");
        }
        Map<ByteBuffer, ByteBuffer> snapshot = Collections.unmodifiableMap(new HashMap<>(loaded));
        partitionIndex.clear();
        snapshot.forEach(partitionIndex::record);
        contents = snapshot;
    }

    /** @return false if the store is not running */
    private boolean submit(Runnable task) {
        ExecutorService executor = writer;
        if (executor == null) {
            return false;
        }
        try {
            executor.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private IllegalStateException notRunning() {
        return new IllegalStateException(getClass().getSimpleName() + " is not running");
    }

    private static void complete(Callback<Void> callback, CompletableFuture<Void> result, Throwable error) {
        if (callback != null) {
            try {
                callback.onCompletion(error, null);
            } catch (RuntimeException e) {
                log.error("Offset write callback failed", e);
            }
        }
        if (error == null) {
            result.complete(null);
        } else {
            result.completeExceptionally(error);
        }
    }
}
