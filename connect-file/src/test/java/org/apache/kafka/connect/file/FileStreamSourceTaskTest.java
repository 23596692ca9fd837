package org.apache.kafka.connect.file;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

// A separate thread, so that a poll stuck in a loop fails its test instead of hanging the build.
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FileStreamSourceTaskTest {

    @TempDir
    Path dir;

    private final InMemoryOffsetStorageReader offsets = new InMemoryOffsetStorageReader();
    private final FileStreamSourceTask task = new FileStreamSourceTask();

    @AfterEach
    void stopTask() {
        task.stop();
    }

    @Test
    void turnsEachLineIntoARecordWithItsBytePosition() throws Exception {
        Path file = write("one\ntwo\r\nthree\rfour\n\nsmörgås\n");
        start(file, 100);

        List<SourceRecord> records = task.poll();

        assertEquals(List.of("one", "two", "three", "four", "", "smörgås"), values(records));
        // Positions count bytes (the 'ö' and 'å' take two each), including the terminators.
        assertEquals(List.of(4L, 9L, 15L, 20L, 21L, 31L), positions(records));
        SourceRecord first = records.get(0);
        assertEquals("lines", first.topic());
        assertNull(first.kafkaPartition());
        assertNull(first.keySchema());
        assertNull(first.key());
        assertEquals(Schema.STRING_SCHEMA, first.valueSchema());
        assertEquals(Map.of("filename", file.toString()), first.sourcePartition());
        assertEquals(Map.of("position", 4L), first.sourceOffset());
        assertTrue(first.timestamp() != null && first.timestamp() > 0);
        assertEquals(List.of(Map.of("filename", file.toString())), offsets.requestedPartitions);
    }

    @Test
    void returnsAtMostBatchSizeRecordsPerPoll() throws Exception {
        Path file = write("a\nb\nc\nd\ne\n");
        start(file, 2);

        assertEquals(List.of("a", "b"), values(task.poll()));
        assertEquals(List.of("c", "d"), values(task.poll()));
        List<SourceRecord> last = task.poll();
        assertEquals(List.of("e"), values(last));
        assertEquals(List.of(10L), positions(last));
    }

    @Test
    void holdsBackAnUnterminatedLastLine() throws Exception {
        Path file = write("done\npartial");
        start(file, 100);

        assertEquals(List.of("done"), values(task.poll()));
        assertNull(task.poll());

        append(file, " line\r");
        // A trailing '\r' may be the start of "\r\n", so the line is only complete once the next byte arrives.
        assertNull(task.poll());
        append(file, "\nnext\n");
        List<SourceRecord> records = task.poll();
        assertEquals(List.of("partial line", "next"), values(records));
        assertEquals(List.of(19L, 24L), positions(records));
    }

    @Test
    void picksUpAppendedLines() throws Exception {
        Path file = write("first\n");
        start(file, 100);
        assertEquals(List.of("first"), values(task.poll()));

        append(file, "second\nthird\n");

        List<SourceRecord> records = task.poll();
        assertEquals(List.of("second", "third"), values(records));
        assertEquals(List.of(13L, 19L), positions(records));
    }

    @Test
    void readsLinesLongerThanTheReadBuffer() throws Exception {
        String longLine = "x".repeat(5000);
        Path file = write(longLine + "\nshort\n");
        start(file, 100);

        List<SourceRecord> records = task.poll();

        assertEquals(List.of(longLine, "short"), values(records));
        assertEquals(List.of(5001L, 5007L), positions(records));
    }

    @Test
    void resumesFromTheStoredPosition() throws Exception {
        Path file = write("one\ntwo\nthree\n");
        offsets.store(Map.of("filename", file.toString()), Map.of("position", 4L));
        start(file, 100);

        List<SourceRecord> records = task.poll();

        assertEquals(List.of("two", "three"), values(records));
        assertEquals(List.of(8L, 14L), positions(records));
    }

    @Test
    void startsFromTheBeginningWithoutAStoredPosition() throws Exception {
        Path file = write("one\n");
        offsets.store(Map.of("filename", file.toString()), Map.of("other", 4L));
        start(file, 100);

        assertEquals(List.of("one"), values(task.poll()));
    }

    @Test
    void waitsForAFileThatGrowsPastTheStoredPosition() throws Exception {
        Path file = write("one\n");
        offsets.store(Map.of("filename", file.toString()), Map.of("position", 8L));
        start(file, 100);

        assertNull(task.poll());
        append(file, "two\nthree\n");
        List<SourceRecord> records = task.poll();
        assertEquals(List.of("three"), values(records));
        assertEquals(List.of(14L), positions(records));
    }

    @Test
    void rejectsAStoredPositionOfTheWrongType() throws Exception {
        Path file = write("one\n");
        offsets.store(Map.of("filename", file.toString()), Map.of("position", 4));
        start(file, 100);

        ConnectException e = assertThrows(ConnectException.class, task::poll);
        assertEquals("Offset position is the incorrect type", e.getMessage());
    }

    @Test
    void waitsForAFileThatDoesNotExistYet() throws Exception {
        Path file = dir.resolve("later.txt");
        start(file, 100);

        long started = System.nanoTime();
        assertNull(task.poll());
        // The retry is paced rather than spinning on the file system.
        assertTrue(elapsedMillis(started) >= 500, "poll returned after " + elapsedMillis(started) + " ms");
        assertEquals(List.of(), offsets.requestedPartitions);

        write(file, "arrived\n");
        assertEquals(List.of("arrived"), values(task.poll()));
    }

    @Test
    void waitsBrieflyWhenThereIsNothingToRead() throws Exception {
        Path file = write("");
        start(file, 100);

        long started = System.nanoTime();
        assertNull(task.poll());
        long elapsed = elapsedMillis(started);
        assertTrue(elapsed >= 500 && elapsed < 5000, "poll returned after " + elapsed + " ms");
    }

    @Test
    void returnsLinesAppendedWhilePollIsWaiting() throws Exception {
        Path file = write("");
        start(file, 100);

        CompletableFuture<List<SourceRecord>> poll = pollAsync();
        Thread.sleep(200);
        append(file, "late\n");

        assertEquals(List.of("late"), values(poll.get(5, TimeUnit.SECONDS)));
    }

    @Test
    void stopEndsAWaitingPollPromptly() throws Exception {
        start(write(""), 100);
        assertStopEndsWaitingPoll();
    }

    @Test
    void stopEndsAPollWaitingForAMissingFilePromptly() throws Exception {
        start(dir.resolve("missing.txt"), 100);
        assertStopEndsWaitingPoll();
    }

    @Test
    void readsStandardInputWithoutOffsets() throws Exception {
        InputStream originalIn = System.in;
        System.setIn(new ByteArrayInputStream("typed\nlines\n".getBytes(StandardCharsets.UTF_8)));
        try {
            task.initialize(offsets.context());
            task.start(Map.of("topic", "lines"));

            List<SourceRecord> records = task.poll();

            assertEquals(List.of("typed", "lines"), values(records));
            SourceRecord first = records.get(0);
            assertEquals(Collections.singletonMap("filename", null), first.sourcePartition());
            assertEquals(Collections.singletonMap("position", null), first.sourceOffset());
            assertEquals(List.of(), offsets.requestedPartitions);
            task.stop();
            // stdin belongs to the process, so stopping the task must leave it open.
            assertEquals(0, System.in.available());
        } finally {
            System.setIn(originalIn);
        }
    }

    private void assertStopEndsWaitingPoll() throws Exception {
        CompletableFuture<List<SourceRecord>> poll = pollAsync();
        Thread.sleep(200);
        long stopped = System.nanoTime();
        task.stop();
        assertNull(poll.get(5, TimeUnit.SECONDS));
        assertTrue(elapsedMillis(stopped) < 300, "poll returned " + elapsedMillis(stopped) + " ms after stop");
        assertNull(task.poll());
    }

    private CompletableFuture<List<SourceRecord>> pollAsync() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return task.poll();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private void start(Path file, int batchSize) {
        task.initialize(offsets.context());
        task.start(Map.of("file", file.toString(), "topic", "lines", "batch.size", String.valueOf(batchSize)));
    }

    private Path write(String content) throws IOException {
        return write(dir.resolve("input.txt"), content);
    }

    private static Path write(Path file, String content) throws IOException {
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static void append(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private static List<Object> values(List<SourceRecord> records) {
        assertTrue(records != null, "poll returned null");
        List<Object> values = new ArrayList<>();
        records.forEach(record -> values.add(record.value()));
        return values;
    }

    private static List<Object> positions(List<SourceRecord> records) {
        List<Object> positions = new ArrayList<>();
        records.forEach(record -> positions.add(record.sourceOffset().get("position")));
        return positions;
    }

    private static long elapsedMillis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
