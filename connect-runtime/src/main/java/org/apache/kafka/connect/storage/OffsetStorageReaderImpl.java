package org.apache.kafka.connect.storage;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The {@link OffsetStorageReader} given to a source connector and its tasks: looks up the connector's committed
 * offsets in an {@link OffsetBackingStore}.
 * <p>
 * A partition that cannot be serialized (see {@link OffsetValidator}) or whose stored offset cannot be read back is
 * logged and left out of the result rather than failing the whole lookup; a partition without offset maps to
 * {@code null}. Lookups block until the store answers; {@link #close()} cancels the lookups in flight and makes later
 * ones fail at once, so a task that is being stopped does not hang on its offsets. Thread-safe.
 */
public class OffsetStorageReaderImpl implements OffsetStorageReader, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OffsetStorageReaderImpl.class);

    private static final String CLOSED_MESSAGE = "Offset reader is closed. This is likely because the task has "
            + "already been scheduled to stop but has taken longer than the graceful shutdown period to do so.";

    private final OffsetBackingStore store;
    private final String connectorName;
    private final OffsetCodec codec = new OffsetCodec();

    private final Set<Future<Map<ByteBuffer, ByteBuffer>>> inFlight = new HashSet<>();
    private boolean closed;

    /**
     * @param store         where the offsets are stored
     * @param connectorName the connector whose offsets are read; the first element of every key
     */
    public OffsetStorageReaderImpl(OffsetBackingStore store, String connectorName) {
        this.store = store;
        this.connectorName = connectorName;
    }

    @Override
    public <T> Map<String, Object> offset(Map<String, T> partition) {
        return offsets(Collections.singletonList(partition)).get(partition);
    }

    /**
     * @throws ConnectException if the reader is closed, the lookup is cancelled by {@link #close()}, the store
     *                          fails, or the calling thread is interrupted while waiting
     */
    @Override
    public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
        // Distinct partitions can share a key (e.g. {"p": 1} and {"p": 1L}), so keys are looked up per partition.
        Map<Map<String, T>, ByteBuffer> keys = new LinkedHashMap<>();
        for (Map<String, T> partition : partitions) {
            try {
                keys.put(partition, codec.encodeKey(connectorName, partition));
            } catch (DataException e) {
                log.error("CRITICAL: Failed to serialize source partition {} of connector {}; no offset will be "
                        + "returned for it, which may make the task reprocess or skip data", partition,
                        connectorName, e);
            }
        }
        Map<ByteBuffer, ByteBuffer> stored = fetch(keys.values());

        Map<Map<String, T>, Map<String, Object>> offsets = new HashMap<>();
        keys.forEach((partition, key) -> {
            try {
                offsets.put(partition, codec.decodeValue(stored.get(key)));
            } catch (DataException e) {
                log.error("CRITICAL: Failed to deserialize the stored offset of source partition {} of connector "
                        + "{}; no offset will be returned for it, which may make the task reprocess or skip data",
                        partition, connectorName, e);
            }
        });
        return offsets;
    }

    /**
     * Cancels the lookups in flight (their callers get a {@link ConnectException}) and refuses later ones.
     */
    @Override
    public void close() {
        Set<Future<Map<ByteBuffer, ByteBuffer>>> cancelled;
        synchronized (this) {
            closed = true;
            cancelled = new HashSet<>(inFlight);
            inFlight.clear();
        }
        // Without interrupting: the store's thread may be doing other work by the time the cancel arrives.
        cancelled.forEach(future -> future.cancel(false));
    }

    private Map<ByteBuffer, ByteBuffer> fetch(Collection<ByteBuffer> keys) {
        Future<Map<ByteBuffer, ByteBuffer>> lookup;
        synchronized (this) {
            if (closed) {
                throw new ConnectException("Failed to fetch offsets of connector " + connectorName,
                        new ConnectException(CLOSED_MESSAGE));
            }
            lookup = store.get(keys);
            inFlight.add(lookup);
        }
        try {
            return lookup.get();
        } catch (CancellationException e) {
            throw new ConnectException("Failed to fetch offsets of connector " + connectorName,
                    new ConnectException(CLOSED_MESSAGE, e));
        } catch (ExecutionException e) {
            throw new ConnectException("Failed to fetch offsets of connector " + connectorName, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while fetching offsets of connector " + connectorName, e);
        } finally {
            synchronized (this) {
                inFlight.remove(lookup);
            }
        }
    }
}
