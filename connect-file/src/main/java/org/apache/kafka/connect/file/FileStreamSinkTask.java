package org.apache.kafka.connect.file;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Map;

/**
 * Appends the value of each record, as {@code String.valueOf(value)}, as a line to a file (UTF-8, created if absent)
 * or to the standard output. Each batch is flushed once written, so lines show up as soon as the records arrive
 * rather than at the next offset commit.
 */
public class FileStreamSinkTask extends SinkTask {

    private static final Logger log = LoggerFactory.getLogger(FileStreamSinkTask.class);

    private String filename;
    private PrintStream out;
    /** True when {@link #out} is a file this task opened, and therefore must close. */
    private boolean ownsOutput;

    public FileStreamSinkTask() {
    }

    /**
     * Writes to the given stream, unless a {@code file} is configured when the task starts. The caller keeps
     * ownership of the stream: the task flushes it but never closes it.
     */
    public FileStreamSinkTask(PrintStream outputStream) {
        this.out = outputStream;
    }

    @Override
    public String version() {
        return AppInfoParser.getVersion();
    }

    @Override
    public void start(Map<String, String> props) {
        String file = props.get(FileStreamSinkConnector.FILE_CONFIG);
        if (file == null || file.isEmpty()) {
            filename = null;
            if (out == null) {
                out = System.out;
            }
            return;
        }
        filename = file;
        try {
            out = new PrintStream(new BufferedOutputStream(Files.newOutputStream(Paths.get(file),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)),
                    false, StandardCharsets.UTF_8);
            ownsOutput = true;
        } catch (IOException | RuntimeException e) {
            throw new ConnectException("Couldn't find or create file '" + file + "' for FileStreamSinkTask", e);
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        for (SinkRecord record : records) {
            log.trace("Writing line to {}: {}", describeDestination(), record.value());
            out.println(record.value());
        }
        flushOutput();
    }

    @Override
    public void flush(Map<TopicPartition, OffsetAndMetadata> offsets) {
        log.trace("Flushing output stream for {}", describeDestination());
        flushOutput();
    }

    @Override
    public void stop() {
        if (ownsOutput) {
            out.close();
            out = null;
            ownsOutput = false;
        }
    }

    private void flushOutput() {
        if (out == null) {
            return;
        }
        out.flush();
        // PrintStream swallows I/O errors; surface them for a file so that offsets are not committed for lost lines.
        if (ownsOutput && out.checkError()) {
            throw new ConnectException("Failed to write to file '" + filename + "' for FileStreamSinkTask");
        }
    }

    private String describeDestination() {
        return filename == null ? "stdout" : "file " + filename;
    }
}
