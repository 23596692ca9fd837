package org.apache.kafka.connect.file;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes the lines of a file (or of the standard input) to a single topic. Reading one file cannot be shared, so
 * the connector always runs exactly one {@link FileStreamSourceTask}, whatever {@code tasks.max} says.
 */
public class FileStreamSourceConnector extends SourceConnector {

    public static final String TOPIC_CONFIG = "topic";
    public static final String FILE_CONFIG = "file";
    public static final String TASK_BATCH_SIZE_CONFIG = "batch.size";
    public static final int DEFAULT_TASK_BATCH_SIZE = 2000;

    private Map<String, String> props;

    @Override
    public String version() {
        return AppInfoParser.getVersion();
    }

    @Override
    public void start(Map<String, String> props) {
        FileStreamSourceConfig config = new FileStreamSourceConfig(props);
        String topic = config.topic();
        if (topic.contains(",")) {
            throw new ConfigException(TOPIC_CONFIG, topic,
                    "FileStreamSourceConnector publishes to a single topic; a comma-separated list is not supported");
        }
        this.props = new HashMap<>(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return FileStreamSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        // The task parses the same settings as the connector, so it simply gets a copy of them.
        return List.of(new HashMap<>(props));
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return FileStreamSourceConfig.CONFIG_DEF;
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> props) {
        // Positions in a file can be committed atomically with the records; lines from stdin cannot be replayed.
        return new FileStreamSourceConfig(props).file() != null
                ? ExactlyOnceSupport.SUPPORTED
                : ExactlyOnceSupport.UNSUPPORTED;
    }

    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        if (new FileStreamSourceConfig(connectorConfig).file() == null) {
            throw new ConnectException("Offsets cannot be modified if the '" + FILE_CONFIG + "' configuration is "
                    + "unspecified. This is because stdin is used for input and offsets are not tracked.");
        }
        for (Map.Entry<Map<String, ?>, Map<String, ?>> entry : offsets.entrySet()) {
            Map<String, ?> offset = entry.getValue();
            if (offset == null) {
                continue; // a null offset resets the partition, whatever the partition looks like
            }
            requireValidOffset(offset);
            requireValidPartition(entry.getKey());
        }
        // The task reads its position from the offsets topic on every start, so nothing else needs updating.
        return true;
    }

    private static void requireValidOffset(Map<String, ?> offset) {
        String field = FileStreamSourceTask.POSITION_FIELD;
        if (!offset.containsKey(field)) {
            throw new ConnectException("Offset objects should either be null or contain the key '" + field + "'");
        }
        Object position = offset.get(field);
        if (!(position instanceof Long)) {
            throw new ConnectException("The value for the '" + field + "' key in the offset is expected to be a "
                    + "Long value");
        }
        if ((Long) position < 0) {
            throw new ConnectException("The value for the '" + field + "' key in the offset should be a "
                    + "non-negative value");
        }
    }

    private static void requireValidPartition(Map<String, ?> partition) {
        if (partition == null) {
            throw new ConnectException("Partition objects cannot be null");
        }
        if (!partition.containsKey(FileStreamSourceTask.FILENAME_FIELD)) {
            throw new ConnectException("Partition objects should contain the key '"
                    + FileStreamSourceTask.FILENAME_FIELD + "'");
        }
    }
}
