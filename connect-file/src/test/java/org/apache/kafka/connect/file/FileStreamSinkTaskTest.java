package org.apache.kafka.connect.file;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileStreamSinkTaskTest {

    private static final String NL = System.lineSeparator();

    @TempDir
    Path dir;

    @Test
    void appendsOneLinePerRecordToTheFile() throws IOException {
        Path file = dir.resolve("out.txt");
        Files.writeString(file, "existing" + NL);
        FileStreamSinkTask task = new FileStreamSinkTask();
        task.start(Map.of("file", file.toString()));

        task.put(List.of(record("héllo", 1), record(42, 2), record(null, 3), record(List.of(1, 2), 4)));
        task.flush(Map.of());

        assertEquals("existing" + NL + "héllo" + NL + "42" + NL + "null" + NL + "[1, 2]" + NL,
                Files.readString(file, StandardCharsets.UTF_8));
        task.stop();
    }

    @Test
    void createsTheFileIfAbsentAndKeepsAppendingAcrossRestarts() throws IOException {
        Path file = dir.resolve("new.txt");
        FileStreamSinkTask first = new FileStreamSinkTask();
        first.start(Map.of("file", file.toString()));
        first.put(List.of(record("a", 1)));
        first.stop();

        FileStreamSinkTask second = new FileStreamSinkTask();
        second.start(Map.of("file", file.toString()));
        second.put(List.of(record("b", 2)));
        second.stop();

        assertEquals("a" + NL + "b" + NL, Files.readString(file));
    }

    @Test
    void flushesTheSuppliedStream() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FlushCountingStream stream = new FlushCountingStream(bytes);
        FileStreamSinkTask task = new FileStreamSinkTask(stream);
        task.start(Map.of());

        task.put(List.of(record("line", 1)));
        int flushesAfterPut = stream.flushes;
        task.flush(Map.of());
        task.stop();

        assertEquals("line" + NL, bytes.toString(StandardCharsets.UTF_8));
        assertTrue(stream.flushes > flushesAfterPut, "flush() must flush the stream");
        assertFalse(stream.closed, "the caller owns the supplied stream");
    }

    @Test
    void failsToStartWhenTheFileCannotBeCreated() {
        FileStreamSinkTask task = new FileStreamSinkTask();
        String path = dir.resolve("missing-dir").resolve("out.txt").toString();
        ConnectException e = assertThrows(ConnectException.class, () -> task.start(Map.of("file", path)));
        assertEquals("Couldn't find or create file '" + path + "' for FileStreamSinkTask", e.getMessage());
    }

    private static SinkRecord record(Object value, long offset) {
        return new SinkRecord("topic", 0, null, null, value instanceof String ? Schema.STRING_SCHEMA : null, value,
                offset);
    }

    /** Test double recording flush and close calls. */
    private static final class FlushCountingStream extends PrintStream {
        int flushes;
        boolean closed;

        FlushCountingStream(ByteArrayOutputStream out) {
            super(out, false, StandardCharsets.UTF_8);
        }

        @Override
        public void flush() {
            flushes++;
            super.flush();
        }

        @Override
        public void close() {
            closed = true;
            super.close();
        }
    }
}
