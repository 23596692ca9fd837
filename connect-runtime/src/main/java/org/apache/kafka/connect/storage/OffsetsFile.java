package org.apache.kafka.connect.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.InvalidObjectException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The standalone worker's offsets file: Java serialization of one {@code java.util.HashMap<byte[], byte[]>} from
 * offsets key to offsets value, the format Apache's worker reads and writes.
 * <p>
 * Reading deserializes with an allow-list (only {@code java.util.HashMap} and {@code byte[]}, nested no deeper than
 * a map of arrays), because a crafted file must not be able to instantiate arbitrary classes. Writing replaces the
 * file atomically (a synced temporary file renamed over it), so a crash leaves either the old or the new offsets.
 */
final class OffsetsFile {

    private static final Logger log = LoggerFactory.getLogger(OffsetsFile.class);

    /** The map is read at depth 1 and its keys and values at depth 2. */
    private static final long MAX_DEPTH = 2;

    static final ObjectInputFilter ALLOW_LIST = info -> {
        Class<?> type = info.serialClass();
        if (info.depth() > MAX_DEPTH) {
            return ObjectInputFilter.Status.REJECTED;
        }
        if (type == null) {
            // A back-reference or a stream limit check rather than a new object: nothing to judge.
            return ObjectInputFilter.Status.UNDECIDED;
        }
        // HashMap.readObject checks its bucket table size against the filter as a Map.Entry[]; that is no object.
        return type == HashMap.class || type == byte[].class || type == Map.Entry[].class
                ? ObjectInputFilter.Status.ALLOWED
                : ObjectInputFilter.Status.REJECTED;
    };

    private final Path path;
    private final Path tempPath;

    OffsetsFile(Path path) {
        this.path = path.toAbsolutePath();
        this.tempPath = this.path.resolveSibling(this.path.getFileName() + ".tmp");
    }

    Path path() {
        return path;
    }

    /**
     * @return the offsets in the file; empty if the file does not exist, is empty, or is truncated
     * @throws InvalidClassException  if the file holds an object of a class other than HashMap and byte[]
     * @throws InvalidObjectException if the file holds something other than a map of byte arrays
     * @throws IOException            if the file cannot be read or is not an object stream
     */
    Map<ByteBuffer, ByteBuffer> read() throws IOException {
        Object stored;
        try (InputStream file = new BufferedInputStream(Files.newInputStream(path));
             ObjectInputStream in = new ObjectInputStream(file)) {
            in.setObjectInputFilter(ALLOW_LIST);
            stored = in.readObject();
        } catch (NoSuchFileException e) {
            log.info("No offsets file at {}; starting without offsets", path);
            return Map.of();
        } catch (EOFException e) {
            log.warn("Offsets file {} is empty or truncated; starting without offsets", path);
            return Map.of();
        } catch (ClassNotFoundException e) {
            // The filter sees no class it could reject when the class is unknown here; the verdict is the same.
            throw new InvalidClassException(e.getMessage(), "not allowed in an offsets file");
        }
        if (!(stored instanceof HashMap)) {
            throw new InvalidObjectException("Expected a HashMap in the offsets file but found " + describe(stored));
        }
        Map<ByteBuffer, ByteBuffer> offsets = new HashMap<>();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) stored).entrySet()) {
            Object key = entry.getKey();
            Object value = entry.getValue();
            if (!(key instanceof byte[]) || (value != null && !(value instanceof byte[]))) {
                throw new InvalidObjectException("Expected byte[] keys and values in the offsets file but found "
                        + describe(key) + " -> " + describe(value));
            }
            offsets.put(ByteBuffer.wrap((byte[]) key), value == null ? null : ByteBuffer.wrap((byte[]) value));
        }
        return offsets;
    }

    /**
     * Replaces the file with the given offsets, atomically.
     *
     * @param offsets the offsets by key; {@code null} values are tombstones and are kept as such
     * @throws IOException if the offsets could not be written; the previous file is then left untouched
     */
    void write(Map<ByteBuffer, ByteBuffer> offsets) throws IOException {
        HashMap<byte[], byte[]> serializable = new HashMap<>();
        offsets.forEach((key, value) ->
                serializable.put(OffsetCodec.toArray(key), value == null ? null : OffsetCodec.toArray(value)));
        try {
            writeTemp(serializable);
            replaceWithTemp();
        } catch (IOException e) {
            deleteTemp(e);
            throw e;
        }
        syncDirectory();
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }

    private void writeTemp(HashMap<byte[], byte[]> offsets) throws IOException {
        try (FileChannel channel = FileChannel.open(tempPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
             ObjectOutputStream out = new ObjectOutputStream(
                     new BufferedOutputStream(Channels.newOutputStream(channel)))) {
            out.writeObject(offsets);
            out.flush();
            channel.force(true);
        }
    }

    private void replaceWithTemp() throws IOException {
        try {
            Files.move(tempPath, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Not expected within one directory; a plain replace is still far better than failing every flush.
            log.warn("Atomic rename not supported for {}; replacing it non-atomically", path);
            Files.move(tempPath, path, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void deleteTemp(IOException cause) {
        try {
            Files.deleteIfExists(tempPath);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    /** Makes the rename itself durable; not every platform can open a directory, which is harmless. */
    private void syncDirectory() {
        try (FileChannel directory = FileChannel.open(path.getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            log.debug("Could not sync directory {} after writing offsets", path.getParent(), e);
        }
    }
}
