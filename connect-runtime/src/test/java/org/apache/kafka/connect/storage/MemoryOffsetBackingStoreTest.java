package org.apache.kafka.connect.storage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryOffsetBackingStoreTest {

    private static final ByteBuffer KEY_A = utf8("[\"c\",{\"p\":\"a\"}]");
    private static final ByteBuffer KEY_B = utf8("[\"c\",{\"p\":\"b\"}]");

    private final MemoryOffsetBackingStore store = new MemoryOffsetBackingStore();

    @AfterEach
    void stop() {
        store.stop();
    }

    @Test
    void readsReturnTheLatestWrites() throws Exception {
        store.start();
        store.set(Map.of(KEY_A, utf8("1")), null);
        store.set(Map.of(KEY_A, utf8("2"), KEY_B, utf8("3")), null);
        // Not waiting for the writes: a read requested after them observes them.
        Map<ByteBuffer, ByteBuffer> values = store.get(List.of(KEY_A, KEY_B, utf8("[\"c\",{}]"))).get(5,
                TimeUnit.SECONDS);
        assertEquals(utf8("2"), values.get(KEY_A));
        assertEquals(utf8("3"), values.get(KEY_B));
        assertNull(values.get(utf8("[\"c\",{}]")));
    }

    @Test
    void writeCallsTheCallbackThenCompletesTheFuture() throws Exception {
        store.start();
        AtomicReference<String> seen = new AtomicReference<>();
        AtomicReference<Future<Void>> write = new AtomicReference<>();
        // The callback may run on the writer thread before set() returns: wait until the future is published.
        java.util.concurrent.CountDownLatch published = new java.util.concurrent.CountDownLatch(1);
        write.set(store.set(Map.of(KEY_A, utf8("1")), (error, result) -> {
            try {
                published.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            seen.set("error=" + error + " futureDone=" + write.get().isDone());
        }));
        published.countDown();
        write.get().get(5, TimeUnit.SECONDS);
        assertEquals("error=null futureDone=false", seen.get());
    }

    @Test
    void indexesPartitionsWithNonNullOffsetsPerConnector() throws Exception {
        store.start();
        Map<ByteBuffer, ByteBuffer> records = new HashMap<>();
        records.put(KEY_A, utf8("{}"));
        records.put(KEY_B, utf8("{}"));
        records.put(utf8("[\"d\",{\"n\":1}]"), utf8("{}"));
        records.put(utf8("[\"e\",null]"), utf8("{}"));
        records.put(utf8("garbage"), utf8("{}"));
        records.put(utf8("[1,{\"p\":2}]"), utf8("{}"));
        records.put(utf8("[\"f\",[1]]"), utf8("{}"));
        records.put(utf8("[\"f\"]"), utf8("{}"));
        store.set(records, null).get(5, TimeUnit.SECONDS);

        assertEquals(Set.of(Map.of("p", "a"), Map.of("p", "b")), store.connectorPartitions("c"));
        assertEquals(Set.of(Map.of("n", 1L)), store.connectorPartitions("d"));
        assertEquals(Set.of(), store.connectorPartitions("e"), "a null partition names no partition");
        assertEquals(Set.of(), store.connectorPartitions("f"), "malformed keys are ignored");

        Map<ByteBuffer, ByteBuffer> tombstone = new HashMap<>();
        tombstone.put(KEY_A, null);
        store.set(tombstone, null).get(5, TimeUnit.SECONDS);
        assertEquals(Set.of(Map.of("p", "b")), store.connectorPartitions("c"));
    }

    @Test
    void partitionSnapshotsAreUnmodifiable() throws Exception {
        store.start();
        store.set(Map.of(KEY_A, utf8("{}")), null).get(5, TimeUnit.SECONDS);
        Set<Map<String, Object>> partitions = store.connectorPartitions("c");
        assertThrows(UnsupportedOperationException.class, () -> partitions.clear());
        assertThrows(UnsupportedOperationException.class, () -> partitions.iterator().next().clear());
    }

    @Test
    void failedPersistFailsTheWriteAndChangesNothing() throws Exception {
        IOException diskFull = new IOException("disk full");
        AtomicReference<Boolean> failNext = new AtomicReference<>(false);
        MemoryOffsetBackingStore persisting = new MemoryOffsetBackingStore() {
            @Override
            protected void persist(Map<ByteBuffer, ByteBuffer> contents) throws IOException {
                if (failNext.get()) {
                    throw diskFull;
                }
            }
        };
        persisting.start();
        try {
            persisting.set(Map.of(KEY_A, utf8("{\"v\":1}")), null).get(5, TimeUnit.SECONDS);
            failNext.set(true);
            AtomicReference<Throwable> reported = new AtomicReference<>();
            Future<Void> write = persisting.set(Map.of(KEY_A, utf8("{\"v\":2}"), KEY_B, utf8("{}")),
                    (error, result) -> reported.set(error));

            ExecutionException e = assertThrows(ExecutionException.class, () -> write.get(5, TimeUnit.SECONDS));
            assertSame(diskFull, e.getCause());
            assertSame(diskFull, reported.get());
            Map<ByteBuffer, ByteBuffer> values = persisting.get(List.of(KEY_A, KEY_B)).get(5, TimeUnit.SECONDS);
            assertEquals(utf8("{\"v\":1}"), values.get(KEY_A));
            assertNull(values.get(KEY_B));
            assertEquals(Set.of(Map.of("p", "a")), persisting.connectorPartitions("c"));
        } finally {
            persisting.stop();
        }
    }

    @Test
    void stopCompletesQueuedWrites() throws Exception {
        store.start();
        Future<Void> write = store.set(Map.of(KEY_A, utf8("{}")), null);
        store.stop();
        assertTrue(write.isDone());
        write.get();
    }

    @Test
    void requestsFailWhenTheStoreIsNotRunning() {
        AtomicReference<Throwable> reported = new AtomicReference<>();
        Future<Void> write = store.set(Map.of(KEY_A, utf8("{}")), (error, result) -> reported.set(error));
        ExecutionException e = assertThrows(ExecutionException.class, write::get);
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertSame(e.getCause(), reported.get());
        assertThrows(ExecutionException.class, () -> store.get(List.of(KEY_A)).get());
    }

    @Test
    void cannotBeStartedTwice() {
        store.start();
        assertThrows(IllegalStateException.class, store::start);
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
