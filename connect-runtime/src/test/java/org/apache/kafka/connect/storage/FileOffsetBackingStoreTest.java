package org.apache.kafka.connect.storage;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.StreamCorruptedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileOffsetBackingStoreTest {

    /**
     * Written by Apache's connect-runtime 4.3.1 FileOffsetBackingStore (run as a black box through its
     * OffsetStorageWriter with the internal JsonConverter): local-file-source {filename=/tmp/test.txt} at
     * {position=30}, {filename=/tmp/other.txt} reset to null after a first flush, and jdbc-source
     * {table=orders, shard=3} (in that order) at {id=12345678901, ts=2024-01-01T00:00:00Z, done=false}.
     */
    private static final String APACHE_FILE = "/offsets/apache-standalone.offsets";

    @TempDir
    Path dir;

    private final List<FileOffsetBackingStore> started = new ArrayList<>();

    @AfterEach
    void stopStores() {
        started.forEach(FileOffsetBackingStore::stop);
    }

    @Test
    void offsetsSurviveARestart() throws Exception {
        Path file = dir.resolve("connect.offsets");
        FileOffsetBackingStore first = start(file);
        flush(first, "src", Map.of("file", "a"), Map.of("pos", 3));
        flush(first, "src", Map.of("file", "b"), Map.of("pos", 4));
        flush(first, "src", Map.of("file", "b"), null);
        first.stop();

        FileOffsetBackingStore second = start(file);
        OffsetStorageReaderImpl reader = new OffsetStorageReaderImpl(second, "src");
        assertEquals(Map.of("pos", 3L), reader.offset(Map.of("file", "a")));
        assertNull(reader.offset(Map.of("file", "b")));
        assertEquals(Set.of(Map.of("file", "a")), second.connectorPartitions("src"));
        assertFalse(Files.exists(dir.resolve("connect.offsets.tmp")), "no temporary file is left behind");
    }

    @Test
    void writesApachesFormatKeepingTombstones() throws Exception {
        Path file = dir.resolve("connect.offsets");
        FileOffsetBackingStore store = start(file);
        flush(store, "src", Map.of("file", "a"), Map.of("pos", 3));
        flush(store, "src", Map.of("file", "b"), null);

        Map<String, String> entries = new HashMap<>();
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(file))) {
            HashMap<?, ?> map = (HashMap<?, ?>) in.readObject();
            map.forEach((key, value) -> entries.put(new String((byte[]) key, StandardCharsets.UTF_8),
                    value == null ? null : new String((byte[]) value, StandardCharsets.UTF_8)));
        }
        Map<String, String> expected = new HashMap<>();
        expected.put("[\"src\",{\"file\":\"a\"}]", "{\"pos\":3}");
        expected.put("[\"src\",{\"file\":\"b\"}]", null);
        assertEquals(expected, entries);
    }

    @Test
    void readsAnOffsetsFileWrittenByApachesWorker() throws Exception {
        Path file = dir.resolve("connect.offsets");
        try (InputStream resource = getClass().getResourceAsStream(APACHE_FILE)) {
            Files.copy(resource, file);
        }
        FileOffsetBackingStore store = start(file);

        OffsetStorageReaderImpl fileSource = new OffsetStorageReaderImpl(store, "local-file-source");
        assertEquals(Map.of("position", 30L), fileSource.offset(Map.of("filename", "/tmp/test.txt")));
        assertNull(fileSource.offset(Map.of("filename", "/tmp/other.txt")));
        assertEquals(Set.of(Map.of("filename", "/tmp/test.txt")), store.connectorPartitions("local-file-source"));

        Map<String, Object> jdbcPartition = new LinkedHashMap<>();
        jdbcPartition.put("table", "orders");
        jdbcPartition.put("shard", 3);
        OffsetStorageReaderImpl jdbc = new OffsetStorageReaderImpl(store, "jdbc-source");
        assertEquals(Map.of("id", 12345678901L, "ts", "2024-01-01T00:00:00Z", "done", false),
                jdbc.offset(jdbcPartition));
        assertEquals(Set.of(Map.of("table", "orders", "shard", 3L)), store.connectorPartitions("jdbc-source"));
    }

    @Test
    void failedRewriteLeavesTheOldFileAndTheStoreUnchanged() throws Exception {
        Path file = dir.resolve("connect.offsets");
        FileOffsetBackingStore store = start(file);
        flush(store, "src", Map.of("file", "a"), Map.of("pos", 1));
        byte[] before = Files.readAllBytes(file);

        // A non-empty directory where the temporary file goes: writing it fails, even for root.
        Path blocked = Files.createDirectory(dir.resolve("connect.offsets.tmp"));
        Files.writeString(blocked.resolve("keep"), "x");
        OffsetStorageWriter writer = new OffsetStorageWriter(store, "src");
        writer.offset(Map.of("file", "a"), Map.of("pos", 2));
        assertTrue(writer.beginFlush());
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> writer.doFlush(null).get(5, TimeUnit.SECONDS));
        assertInstanceOf(IOException.class, e.getCause());

        assertArrayEquals(before, Files.readAllBytes(file));
        OffsetStorageReaderImpl reader = new OffsetStorageReaderImpl(store, "src");
        assertEquals(Map.of("pos", 1L), reader.offset(Map.of("file", "a")));

        // Once writing works again the kept offsets go out with the next flush.
        Files.delete(blocked.resolve("keep"));
        Files.delete(blocked);
        assertTrue(writer.beginFlush());
        writer.doFlush(null).get(5, TimeUnit.SECONDS);
        store.stop();
        assertEquals(Map.of("pos", 2L), new OffsetStorageReaderImpl(start(file), "src").offset(Map.of("file", "a")));
    }

    @Test
    void missingEmptyOrTruncatedFileMeansNoOffsets() throws Exception {
        FileOffsetBackingStore missing = start(dir.resolve("missing.offsets"));
        assertEquals(Set.of(), missing.connectorPartitions("local-file-source"));
        flush(missing, "src", Map.of("file", "a"), Map.of("pos", 1));
        assertTrue(Files.exists(dir.resolve("missing.offsets")), "the file is created by the first write");

        Path empty = Files.createFile(dir.resolve("empty.offsets"));
        assertEquals(Set.of(), start(empty).connectorPartitions("local-file-source"));

        byte[] apache;
        try (InputStream resource = getClass().getResourceAsStream(APACHE_FILE)) {
            apache = resource.readAllBytes();
        }
        Path truncated = Files.write(dir.resolve("truncated.offsets"), Arrays.copyOf(apache, apache.length - 20));
        assertEquals(Set.of(), start(truncated).connectorPartitions("local-file-source"));
    }

    @Test
    void rejectsClassesOtherThanHashMapAndByteArrays() throws Exception {
        HashMap<byte[], Object> withList = new HashMap<>();
        withList.put(bytes("[\"c\",{}]"), new ArrayList<>(List.of("x")));
        assertRejected(withList);

        HashMap<byte[], Object> withForeignObject = new HashMap<>();
        withForeignObject.put(bytes("[\"c\",{}]"), new MustNotBeDeserialized());
        assertRejected(withForeignObject);

        assertRejected(new java.util.Date(0));
    }

    @Test
    void rejectsNestingBeyondAMapOfArrays() throws Exception {
        HashMap<byte[], Object> inner = new HashMap<>();
        inner.put(bytes("k"), bytes("v"));
        HashMap<byte[], Object> outer = new HashMap<>();
        outer.put(bytes("[\"c\",{}]"), inner);
        assertRejected(outer);
    }

    @Test
    void rejectsStreamsThatAreNoMapOfByteArrays() throws Exception {
        Path strings = writeObject(new HashMap<>(Map.of("k", "v")));
        ConnectException e = assertThrows(ConnectException.class, () -> start(strings));
        assertInstanceOf(InvalidObjectException.class, e.getCause());

        Path garbage = Files.writeString(dir.resolve("garbage.offsets"), "hello world");
        ConnectException corrupt = assertThrows(ConnectException.class, () -> start(garbage));
        assertInstanceOf(StreamCorruptedException.class, corrupt.getCause());
    }

    @Test
    void requiresTheFilenameSetting() {
        FileOffsetBackingStore store = new FileOffsetBackingStore();
        ConfigException e = assertThrows(ConfigException.class, () -> store.configure(Map.of()));
        assertTrue(e.getMessage().contains("offset.storage.file.filename"), e.getMessage());
        assertThrows(IllegalStateException.class, store::start);
    }

    /** A serializable class the allow-list must stop before any of its code runs. */
    private static final class MustNotBeDeserialized implements Serializable {
        private static final long serialVersionUID = 1L;

        private void readObject(ObjectInputStream in) {
            throw new AssertionError("the allow-list let a foreign class be deserialized");
        }
    }

    private void assertRejected(Object stored) throws IOException {
        Path file = writeObject(stored);
        ConnectException e = assertThrows(ConnectException.class, () -> start(file));
        assertInstanceOf(InvalidClassException.class, e.getCause());
    }

    private Path writeObject(Object stored) throws IOException {
        Path file = Files.createTempFile(dir, "crafted", ".offsets");
        try (OutputStream out = Files.newOutputStream(file); ObjectOutputStream objects = new ObjectOutputStream(out)) {
            objects.writeObject(stored);
        }
        return file;
    }

    private FileOffsetBackingStore start(Path file) {
        FileOffsetBackingStore store = new FileOffsetBackingStore();
        store.configure(Map.of("offset.storage.file.filename", file.toString()));
        store.start();
        started.add(store);
        return store;
    }

    private static void flush(OffsetBackingStore store, String connector, Map<String, ?> partition,
                              Map<String, ?> offset) throws Exception {
        OffsetStorageWriter writer = new OffsetStorageWriter(store, connector);
        writer.offset(partition, offset);
        assertTrue(writer.beginFlush());
        writer.doFlush(null).get(5, TimeUnit.SECONDS);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
