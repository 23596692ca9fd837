package org.apache.kafka.connect.storage;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OffsetStorageWriterTest {

    private static final Map<String, Object> PARTITION_A = Map.of("file", "a");
    private static final Map<String, Object> PARTITION_B = Map.of("file", "b");

    private final ManualOffsetBackingStore store = new ManualOffsetBackingStore();
    private final OffsetStorageWriter writer = new OffsetStorageWriter(store, "conn");
    private final MemoryOffsetBackingStore memoryStore = new MemoryOffsetBackingStore();

    @AfterEach
    void stopMemoryStore() {
        memoryStore.stop();
    }

    @Test
    void nothingToFlushWithoutOffsets() throws Exception {
        assertFalse(writer.beginFlush());
        assertFalse(writer.beginFlush(1, TimeUnit.SECONDS));
        assertThrows(IllegalStateException.class, () -> writer.doFlush(null));
    }

    @Test
    void flushWritesTheLatestOffsetPerPartitionAsKeyAndValueBytes() throws Exception {
        writer.offset(PARTITION_A, Map.of("pos", 1));
        writer.offset(PARTITION_A, Map.of("pos", 2));
        writer.offset(PARTITION_B, null);
        assertTrue(writer.beginFlush());
        writer.doFlush(null);

        Map<String, String> written = utf8(store.writes.get(0).values);
        Map<String, String> expected = new HashMap<>();
        expected.put("[\"conn\",{\"file\":\"a\"}]", "{\"pos\":2}");
        expected.put("[\"conn\",{\"file\":\"b\"}]", null);
        assertEquals(expected, written);
    }

    @Test
    void successfulFlushEndsTheFlushBeforeTheCallbackAndTheCallbackRunsBeforeTheFuture() throws Exception {
        writer.offset(PARTITION_A, Map.of("pos", 1));
        assertTrue(writer.beginFlush());
        AtomicReference<Future<Void>> flush = new AtomicReference<>();
        AtomicReference<String> seenByCallback = new AtomicReference<>();
        flush.set(writer.doFlush((error, result) ->
                seenByCallback.set("error=" + error + " futureDone=" + flush.get().isDone()
                        + " canBeginAnotherFlush=" + !writer.beginFlush())));
        assertFalse(flush.get().isDone());
        store.writes.get(0).succeed();

        flush.get().get(1, TimeUnit.SECONDS);
        assertEquals("error=null futureDone=false canBeginAnotherFlush=true", seenByCallback.get());
        assertFalse(writer.beginFlush(), "flushed offsets are not flushed again");
    }

    @Test
    void offsetsRecordedDuringAFlushGoToTheNextFlush() throws Exception {
        writer.offset(PARTITION_A, Map.of("pos", 1));
        assertTrue(writer.beginFlush());
        writer.doFlush(null);
        writer.offset(PARTITION_B, Map.of("pos", 5));
        store.writes.get(0).succeed();

        assertTrue(writer.beginFlush());
        writer.doFlush(null);
        assertEquals(Map.of("[\"conn\",{\"file\":\"b\"}]", "{\"pos\":5}"), utf8(store.writes.get(1).values));
    }

    @Test
    void refusesASecondFlushWhileOneIsInProgress() throws Exception {
        writer.offset(PARTITION_A, Map.of("pos", 1));
        assertTrue(writer.beginFlush());
        writer.offset(PARTITION_B, Map.of("pos", 1));

        assertThrows(ConnectException.class, writer::beginFlush);
        assertThrows(TimeoutException.class, () -> writer.beginFlush(50, TimeUnit.MILLISECONDS));
    }

    @Test
    void beginFlushWithTimeoutWaitsForTheFlushInProgress() throws Exception {
        writer.offset(PARTITION_A, Map.of("pos", 1));
        assertTrue(writer.beginFlush());
        writer.doFlush(null);
        writer.offset(PARTITION_B, Map.of("pos", 1));

        CompletableFuture<Boolean> secondBegin = CompletableFuture.supplyAsync(() -> {
            try {
                return writer.beginFlush(10, TimeUnit.SECONDS);
            } catch (InterruptedException | TimeoutException e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(100);
        assertFalse(secondBegin.isDone(), "must wait while the first flush is in progress");
        store.writes.get(0).succeed();
        assertTrue(secondBegin.get(5, TimeUnit.SECONDS));
    }

    @Test
    void cancelledFlushIsRetriedWithNewerOffsetsWinning() throws Exception {
        writer.offset(PARTITION_A, Map.of("pos", 1));
        writer.offset(PARTITION_B, Map.of("pos", 1));
        assertTrue(writer.beginFlush());
        writer.doFlush(null);
        writer.offset(PARTITION_B, Map.of("pos", 2));
        writer.cancelFlush();

        assertTrue(writer.beginFlush());
        writer.doFlush(null);
        assertEquals(Map.of("[\"conn\",{\"file\":\"a\"}]", "{\"pos\":1}", "[\"conn\",{\"file\":\"b\"}]", "{\"pos\":2}"),
                utf8(store.writes.get(1).values));
    }

    @Test
    void lateCompletionOfACancelledFlushDoesNotDisturbTheNextOne() throws Exception {
        writer.offset(PARTITION_A, Map.of("pos", 1));
        assertTrue(writer.beginFlush());
        writer.doFlush(null);
        writer.cancelFlush();
        assertTrue(writer.beginFlush());
        writer.doFlush(null);

        store.writes.get(0).fail(new RuntimeException("late failure of the cancelled write"));
        assertThrows(ConnectException.class, writer::beginFlush, "the second flush is still in progress");
        store.writes.get(1).succeed();
        assertFalse(writer.beginFlush(), "the second flush ended and nothing was merged back");
    }

    @Test
    void failedWriteEndsTheFlushAndKeepsItsOffsetsForRetry() throws Exception {
        writer.offset(PARTITION_A, Map.of("pos", 1));
        assertTrue(writer.beginFlush());
        AtomicReference<Throwable> reported = new AtomicReference<>();
        Future<Void> flush = writer.doFlush((error, result) -> reported.set(error));
        RuntimeException failure = new RuntimeException("disk full");
        store.writes.get(0).fail(failure);

        ExecutionException e = assertThrows(ExecutionException.class, () -> flush.get(1, TimeUnit.SECONDS));
        assertSame(failure, e.getCause());
        assertSame(failure, reported.get());
        writer.cancelFlush();  // what a committer does after a failure; must not duplicate anything
        assertTrue(writer.beginFlush());
        writer.doFlush(null);
        assertEquals(Map.of("[\"conn\",{\"file\":\"a\"}]", "{\"pos\":1}"), utf8(store.writes.get(1).values));
    }

    @Test
    void invalidOffsetsFailTheFlushWithoutWritingAnything() throws Exception {
        writer.offset(PARTITION_A, Map.of("pos", List.of(1)));
        assertTrue(writer.beginFlush());
        AtomicReference<Throwable> reported = new AtomicReference<>();
        Future<Void> flush = writer.doFlush((error, result) -> reported.set(error));

        ExecutionException e = assertThrows(ExecutionException.class, () -> flush.get(1, TimeUnit.SECONDS));
        DataException cause = assertInstanceOf(DataException.class, e.getCause());
        assertEquals("Offsets may only contain primitive types as values, but field pos contains ARRAY",
                cause.getMessage());
        assertSame(cause, reported.get());
        assertTrue(store.writes.isEmpty());
        assertTrue(writer.beginFlush(), "the flush ended and its offsets are kept");
    }

    @Test
    void nonStringPartitionKeysFailTheFlush() throws Exception {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Map<String, Object> rawPartition = (Map) Map.of(1, "x");
        writer.offset(rawPartition, Map.of("pos", 1));
        assertTrue(writer.beginFlush());
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> writer.doFlush(null).get(1, TimeUnit.SECONDS));
        assertEquals("Offsets may only use String keys", e.getCause().getMessage());
    }

    @Test
    void offsetMapsAreCopiedWhenRecorded() throws Exception {
        Map<String, Object> offset = new HashMap<>(Map.of("pos", 1));
        writer.offset(PARTITION_A, offset);
        offset.put("pos", 99);
        assertTrue(writer.beginFlush());
        writer.doFlush(null);
        assertEquals(Map.of("[\"conn\",{\"file\":\"a\"}]", "{\"pos\":1}"), utf8(store.writes.get(0).values));
    }

    @Test
    void flushedOffsetsCanBeReadBackThroughAReader() throws Exception {
        memoryStore.start();
        OffsetStorageWriter memoryWriter = new OffsetStorageWriter(memoryStore, "conn");
        memoryWriter.offset(PARTITION_A, Map.of("pos", 7));
        assertTrue(memoryWriter.beginFlush());
        memoryWriter.doFlush(null).get(5, TimeUnit.SECONDS);

        OffsetStorageReaderImpl reader = new OffsetStorageReaderImpl(memoryStore, "conn");
        assertEquals(Map.of("pos", 7L), reader.offset(PARTITION_A));
        assertEquals(Set.of(PARTITION_A), memoryStore.connectorPartitions("conn"));
    }

    private static Map<String, String> utf8(Map<ByteBuffer, ByteBuffer> records) {
        Map<String, String> strings = new HashMap<>();
        records.forEach((key, value) -> strings.put(new String(OffsetCodec.toArray(key), StandardCharsets.UTF_8),
                value == null ? null : new String(OffsetCodec.toArray(value), StandardCharsets.UTF_8)));
        return strings;
    }
}
