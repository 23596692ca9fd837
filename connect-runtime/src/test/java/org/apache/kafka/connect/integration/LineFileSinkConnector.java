package org.apache.kafka.connect.integration;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A test sink writing each record value as one line to a file of its own per task start,
 * {@code <dir>/<connector>-<task>-<uuid>.txt}, so two workers briefly running the same task never share a file.
 * {@code flush()} forces the file to disk before the worker commits the consumer offsets: at-least-once delivery
 * even if the worker process is killed. Found by the worker through class path scanning.
 */
public class LineFileSinkConnector extends SinkConnector {

    static final String DIR_CONFIG = "dir";
    static final String TASK_ID_CONFIG = "task.id";

    private static final ConfigDef CONFIG = new ConfigDef()
            .define(DIR_CONFIG, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH,
                    "The directory the task files are written to");

    private Map<String, String> props;

    static Map<String, String> config(String topic, Path dir, int tasks) {
        return Map.of(
                "connector.class", LineFileSinkConnector.class.getName(),
                "tasks.max", Integer.toString(tasks),
                "topics", topic,
                DIR_CONFIG, dir.toString());
    }

    /**
     * Every complete line the tasks of {@code connector} wrote to {@code dir}, file after file. A last line without
     * its newline (a write cut short by a killed worker) is not a line; those are counted in {@link Output#torn}.
     */
    static Output read(Path dir, String connector) {
        List<String> lines = new ArrayList<>();
        int torn = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(connector + "-")).sorted()
                    .toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                int start = 0;
                for (int end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
                    lines.add(text.substring(start, end));
                    start = end + 1;
                }
                if (start < text.length()) {
                    torn++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the sink files in " + dir, e);
        }
        return new Output(lines, torn);
    }

    /** The lines found in a sink's files, and the number of files ending in an incomplete line. */
    record Output(List<String> lines, int torn) {
    }

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return LineFileSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>();
        for (int task = 0; task < maxTasks; task++) {
            Map<String, String> config = new HashMap<>(props);
            config.put(TASK_ID_CONFIG, Integer.toString(task));
            configs.add(config);
        }
        return configs;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return CONFIG;
    }

    @Override
    public String version() {
        return "1.0-test";
    }

    /** Appends values as lines to a new file; {@link #flush} makes them durable. */
    public static class LineFileSinkTask extends SinkTask {

        private FileChannel channel;
        private Writer writer;

        @Override
        public void start(Map<String, String> props) {
            String fileName = props.get("name") + "-" + props.get(TASK_ID_CONFIG) + "-" + UUID.randomUUID() + ".txt";
            Path file = Path.of(props.get(DIR_CONFIG)).resolve(fileName);
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new ConnectException("Cannot create " + file, e);
            }
            writer = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8));
        }

        @Override
        public void put(Collection<SinkRecord> records) {
            try {
                for (SinkRecord record : records) {
                    writer.write(String.valueOf(record.value()));
                    writer.write('\n');
                }
                // Hand the batch to the OS so a reader sees it now; durability waits for flush().
                writer.flush();
            } catch (IOException e) {
                throw new ConnectException("Cannot write records", e);
            }
        }

        @Override
        public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
            if (writer == null) {
                return; // stopped: close() already wrote everything out
            }
            try {
                writer.flush();
                channel.force(false);
            } catch (IOException e) {
                throw new ConnectException("Cannot flush records to disk", e);
            }
        }

        @Override
        public void stop() {
            if (writer != null) {
                try {
                    writer.flush();
                    channel.force(false);
                    writer.close();
                } catch (IOException e) {
                    throw new ConnectException("Cannot close the task file", e);
                } finally {
                    writer = null;
                }
            }
        }

        @Override
        public String version() {
            return "1.0-test";
        }
    }
}
