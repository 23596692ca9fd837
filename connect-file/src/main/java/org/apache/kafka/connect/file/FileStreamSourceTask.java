package org.apache.kafka.connect.file;

import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Tails a file (or the standard input) and turns each line into a record with a STRING value and no key. For a
 * file, the source partition is {@code {"filename": <file>}} and the offset {@code {"position": <byte position after
 * the line>}}, from which a restarted task resumes; lines read from stdin carry null filename and position, since
 * stdin cannot be replayed.
 * <p>
 * {@link #poll()} never blocks on I/O: when there is nothing to read (or the file does not exist yet) it waits a
 * little and returns null, and {@link #stop()} cuts that wait short.
 */
public class FileStreamSourceTask extends SourceTask {

    public static final String FILENAME_FIELD = "filename";
    public static final String POSITION_FIELD = "position";

    private static final Logger log = LoggerFactory.getLogger(FileStreamSourceTask.class);

    /** How long one poll waits for new lines before returning null. */
    private static final long MAX_POLL_WAIT_MS = 1000;
    /** How often a waiting poll looks for new data, which bounds the delay before appended lines are seen. */
    private static final long DATA_CHECK_INTERVAL_MS = 100;

    /** Guards the reader and the stopping flag: poll and stop run on different threads. */
    private final Object lock = new Object();

    private String filename;
    private String topic;
    private int batchSize;
    private Map<String, String> sourcePartition;
    private InputStream stream;
    private LineReader reader;
    private boolean stopping;

    @Override
    public String version() {
        return AppInfoParser.getVersion();
    }

    @Override
    public void start(Map<String, String> props) {
        FileStreamSourceConfig config = new FileStreamSourceConfig(props);
        filename = config.file();
        topic = config.topic();
        // Every poll makes progress, even with a nonsensical batch size.
        batchSize = Math.max(1, config.batchSize());
        sourcePartition = Collections.singletonMap(FILENAME_FIELD, filename);
        synchronized (lock) {
            stream = null;
            reader = null;
            stopping = false;
        }
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        synchronized (lock) {
            long deadline = System.currentTimeMillis() + MAX_POLL_WAIT_MS;
            while (!stopping) {
                if (reader == null && !openReader()) {
                    // Look for the missing file again on the next poll, which keeps the warnings to one a second.
                    lock.wait(MAX_POLL_WAIT_MS);
                    return null;
                }
                List<SourceRecord> records = readLines();
                if (!records.isEmpty()) {
                    return records;
                }
                long remaining = deadline - System.currentTimeMillis();
                if (remaining <= 0) {
                    break;
                }
                lock.wait(Math.min(remaining, DATA_CHECK_INTERVAL_MS));
            }
            return null;
        }
    }

    @Override
    public void stop() {
        synchronized (lock) {
            stopping = true;
            closeStream();
            lock.notifyAll();
        }
    }

    private List<SourceRecord> readLines() {
        List<SourceRecord> records = new ArrayList<>();
        try {
            LineReader.Line line;
            while (records.size() < batchSize && (line = reader.nextLine()) != null) {
                records.add(toRecord(line));
            }
        } catch (IOException e) {
            throw new ConnectException("Error while reading from " + describeSource(), e);
        }
        return records;
    }

    private SourceRecord toRecord(LineReader.Line line) {
        Long position = filename == null ? null : line.endPosition();
        return new SourceRecord(sourcePartition, Collections.singletonMap(POSITION_FIELD, position), topic, null,
                null, null, Schema.STRING_SCHEMA, line.text(), System.currentTimeMillis());
    }

    /** Opens the source at its stored position; returns false if the file does not exist (yet). */
    private boolean openReader() {
        if (filename == null) {
            stream = System.in;
            reader = new LineReader(stream, 0);
            return true;
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(Paths.get(filename), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            log.warn("Couldn't find file {} for FileStreamSourceTask, sleeping to wait for it to be created",
                    filename);
            return false;
        } catch (IOException e) {
            throw new ConnectException("Couldn't open file " + filename + " for FileStreamSourceTask", e);
        }
        long position;
        try {
            position = storedPosition();
            long size = channel.size();
            if (position > size) {
                // Most likely truncated or replaced; resuming elsewhere would re-send or skip lines, so wait for it.
                log.warn("Stored position {} is beyond the end of file {} ({} bytes); reading resumes once the file "
                        + "grows past it", position, filename, size);
            }
            channel.position(position);
            log.debug("Reading file {} from position {}", filename, position);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new ConnectException("Couldn't seek in file " + filename + " for FileStreamSourceTask", e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
        stream = Channels.newInputStream(channel);
        reader = new LineReader(stream, position);
        return true;
    }

    private long storedPosition() {
        Map<String, Object> offset = context.offsetStorageReader().offset(sourcePartition);
        Object position = offset == null ? null : offset.get(POSITION_FIELD);
        if (position == null) {
            return 0L;
        }
        if (!(position instanceof Long)) {
            throw new ConnectException("Offset position is the incorrect type");
        }
        long value = (Long) position;
        if (value < 0) {
            throw new ConnectException("Offset position " + value + " for file " + filename + " is negative");
        }
        return value;
    }

    private void closeStream() {
        // stdin belongs to the whole process: another task (or a restart of this one) may still need it.
        if (stream != null && stream != System.in) {
            closeQuietly(stream);
        }
        stream = null;
        reader = null;
    }

    private void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("Failed to close {}", describeSource(), e);
        }
    }

    private String describeSource() {
        return filename == null ? "stdin" : "file " + filename;
    }
}
