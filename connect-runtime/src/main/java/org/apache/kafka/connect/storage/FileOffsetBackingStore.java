package org.apache.kafka.connect.storage;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.InvalidPathException;
import java.nio.file.Paths;
import java.util.Map;

/**
 * The standalone worker's offsets store: offsets in memory, loaded from the offsets file
 * ({@code offset.storage.file.filename}) at start and written back in full, atomically, after every write.
 * <p>
 * The file is Apache's format (see {@link OffsetsFile}), so a standalone worker can switch between Apache's
 * implementation and this one without losing its offsets.
 */
public class FileOffsetBackingStore extends MemoryOffsetBackingStore {

    private static final Logger log = LoggerFactory.getLogger(FileOffsetBackingStore.class);

    static final String FILENAME_CONFIG = "offset.storage.file.filename";

    private OffsetsFile file;

    /**
     * @throws ConfigException if {@code offset.storage.file.filename} is missing or not a valid path
     */
    @Override
    public void configure(Map<String, ?> workerConfigs) {
        super.configure(workerConfigs);
        Object filename = workerConfigs.get(FILENAME_CONFIG);
        if (filename == null || filename.toString().isEmpty()) {
            throw new ConfigException("Missing required configuration \"" + FILENAME_CONFIG
                    + "\" which has no default value.");
        }
        try {
            file = new OffsetsFile(Paths.get(filename.toString()));
        } catch (InvalidPathException e) {
            throw new ConfigException(FILENAME_CONFIG, filename, "Invalid path: " + e.getMessage());
        }
    }

    /**
     * @throws ConnectException if the offsets file exists but cannot be read as an offsets file
     */
    @Override
    public synchronized void start() {
        if (file == null) {
            throw new IllegalStateException("FileOffsetBackingStore must be configured before it is started");
        }
        log.info("Starting FileOffsetBackingStore with file {}", file.path());
        Map<ByteBuffer, ByteBuffer> offsets;
        try {
            offsets = file.read();
        } catch (IOException e) {
            throw new ConnectException("Failed to read offsets from " + file.path(), e);
        }
        loadContents(offsets);
        super.start();
    }

    @Override
    public synchronized void stop() {
        super.stop();
        log.info("Stopped FileOffsetBackingStore");
    }

    @Override
    protected void persist(Map<ByteBuffer, ByteBuffer> contents) throws IOException {
        file.write(contents);
    }
}
