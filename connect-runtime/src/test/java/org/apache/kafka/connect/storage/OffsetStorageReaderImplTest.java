package org.apache.kafka.connect.storage;

import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OffsetStorageReaderImplTest {

    private final MemoryOffsetBackingStore store = new MemoryOffsetBackingStore();
    private final OffsetStorageReaderImpl reader = new OffsetStorageReaderImpl(store, "c");

    @BeforeEach
    void startStore() throws Exception {
        store.start();
        Map<ByteBuffer, ByteBuffer> records = new HashMap<>();
        records.put(utf8("[\"c\",{\"p\":1}]"), utf8("{\"pos\":10}"));
        records.put(utf8("[\"c\",{\"p\":2}]"), utf8("[1,2]"));
        records.put(utf8("[\"c\",{\"p\":3}]"), utf8("not json"));
        records.put(utf8("[\"c\",{\"p\":4}]"), null);
        records.put(utf8("[\"other\",{\"p\":5}]"), utf8("{\"pos\":50}"));
        records.put(utf8("[\"c\",null]"), utf8("{\"pos\":0}"));
        store.set(records, null).get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopStore() {
        store.stop();
    }

    @Test
    void looksUpOneConnectorsOffsets() {
        assertEquals(Map.of("pos", 10L), reader.offset(Map.of("p", 1)));
        assertNull(reader.offset(Map.of("p", 4)), "tombstone");
        assertNull(reader.offset(Map.of("p", 5)), "another connector's partition");
        assertNull(reader.offset(Map.of("p", 6)), "never written");
        assertEquals(Map.of("pos", 0L), reader.offset(null));
    }

    @Test
    void batchLookupMapsEveryReadablePartitionAndSkipsUnreadableOnes() {
        Map<Map<String, Object>, Map<String, Object>> offsets = reader.offsets(List.of(
                Map.of("p", 1), Map.of("p", 2), Map.of("p", 3), Map.of("p", 4), Map.of("p", 6),
                Map.of("p", List.of(1))));

        Map<Map<String, Object>, Map<String, Object>> expected = new HashMap<>();
        expected.put(Map.of("p", 1), Map.of("pos", 10L));
        expected.put(Map.of("p", 4), null);
        expected.put(Map.of("p", 6), null);
        // {p:2} holds a JSON array, {p:3} no JSON, and {p:[1]} is no valid partition: logged and left out.
        assertEquals(expected, offsets);
    }

    @Test
    void partitionsThatShareAKeyEachGetTheOffset() {
        List<Map<String, Object>> partitions = new ArrayList<>(Arrays.asList(Map.of("p", 1), Map.of("p", 1L)));
        Map<Map<String, Object>, Map<String, Object>> offsets = reader.offsets(partitions);
        assertEquals(Map.of("pos", 10L), offsets.get(Map.of("p", 1)));
        assertEquals(Map.of("pos", 10L), offsets.get(Map.of("p", 1L)));
    }

    @Test
    void closedReaderFailsAtOnce() {
        reader.close();
        ConnectException e = assertThrows(ConnectException.class, () -> reader.offset(Map.of("p", 1)));
        assertTrue(e.getCause().getMessage().startsWith("Offset reader is closed"), e.getCause().getMessage());
    }

    @Test
    void closeCancelsALookupInFlight() throws Exception {
        ManualOffsetBackingStore stuck = new ManualOffsetBackingStore();
        OffsetStorageReaderImpl stuckReader = new OffsetStorageReaderImpl(stuck, "c");
        CompletableFuture<Map<String, Object>> lookup = CompletableFuture.supplyAsync(
                () -> stuckReader.offset(Map.of("p", 1)));
        waitUntil(() -> !stuck.reads.isEmpty());
        assertFalse(lookup.isDone());

        stuckReader.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> lookup.get(5, TimeUnit.SECONDS));
        ConnectException failure = assertInstanceOf(ConnectException.class, e.getCause());
        assertTrue(failure.getCause().getMessage().startsWith("Offset reader is closed"));
        assertTrue(stuck.reads.get(0).isCancelled());
    }

    @Test
    void storeFailureSurfacesAsConnectException() {
        ManualOffsetBackingStore failing = new ManualOffsetBackingStore();
        OffsetStorageReaderImpl failingReader = new OffsetStorageReaderImpl(failing, "c");
        CompletableFuture<Map<String, Object>> lookup = CompletableFuture.supplyAsync(
                () -> failingReader.offset(Map.of("p", 1)));
        waitUntil(() -> !failing.reads.isEmpty());
        IllegalStateException storeError = new IllegalStateException("store broken");
        failing.reads.get(0).completeExceptionally(storeError);

        ExecutionException e = assertThrows(ExecutionException.class, () -> lookup.get(5, TimeUnit.SECONDS));
        ConnectException failure = assertInstanceOf(ConnectException.class, e.getCause());
        assertEquals(storeError, failure.getCause());
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.onSpinWait();
        }
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
