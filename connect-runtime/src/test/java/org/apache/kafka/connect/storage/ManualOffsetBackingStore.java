package org.apache.kafka.connect.storage;

import org.apache.kafka.connect.util.Callback;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;

/**
 * A test store whose reads and writes stay pending until the test completes them, to observe what happens while a
 * flush or a lookup is in flight.
 */
final class ManualOffsetBackingStore implements OffsetBackingStore {

    /** A write the store has been asked for. */
    static final class PendingWrite {
        final Map<ByteBuffer, ByteBuffer> values;
        private final Callback<Void> callback;

        private PendingWrite(Map<ByteBuffer, ByteBuffer> values, Callback<Void> callback) {
            this.values = values;
            this.callback = callback;
        }

        void succeed() {
            callback.onCompletion(null, null);
        }

        void fail(Throwable error) {
            callback.onCompletion(error, null);
        }
    }

    final List<PendingWrite> writes = new CopyOnWriteArrayList<>();
    final List<CompletableFuture<Map<ByteBuffer, ByteBuffer>>> reads = new CopyOnWriteArrayList<>();

    @Override
    public void configure(Map<String, ?> workerConfigs) {
    }

    @Override
    public void start() {
    }

    @Override
    public void stop() {
    }

    @Override
    public Future<Map<ByteBuffer, ByteBuffer>> get(Collection<ByteBuffer> keys) {
        CompletableFuture<Map<ByteBuffer, ByteBuffer>> read = new CompletableFuture<>();
        reads.add(read);
        return read;
    }

    @Override
    public Future<Void> set(Map<ByteBuffer, ByteBuffer> values, Callback<Void> callback) {
        writes.add(new PendingWrite(values, callback));
        // The writer relies on the callback, not on this future.
        return new CompletableFuture<>();
    }

    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
        return Set.of();
    }
}
