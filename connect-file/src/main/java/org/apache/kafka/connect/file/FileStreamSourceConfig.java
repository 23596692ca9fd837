package org.apache.kafka.connect.file;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

import java.util.Map;

import static org.apache.kafka.connect.file.FileStreamSourceConnector.DEFAULT_TASK_BATCH_SIZE;
import static org.apache.kafka.connect.file.FileStreamSourceConnector.FILE_CONFIG;
import static org.apache.kafka.connect.file.FileStreamSourceConnector.TASK_BATCH_SIZE_CONFIG;
import static org.apache.kafka.connect.file.FileStreamSourceConnector.TOPIC_CONFIG;

/**
 * The parsed configuration of {@link FileStreamSourceConnector}, shared by the connector and its task (the task
 * receives the connector's properties unchanged).
 */
final class FileStreamSourceConfig extends AbstractConfig {

    static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(FILE_CONFIG, ConfigDef.Type.STRING, null, ConfigDef.Importance.HIGH,
                    "Source filename. If not specified, the standard input will be used")
            .define(TOPIC_CONFIG, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    ConfigDef.Importance.HIGH, "The topic to publish data to")
            .define(TASK_BATCH_SIZE_CONFIG, ConfigDef.Type.INT, DEFAULT_TASK_BATCH_SIZE, ConfigDef.Importance.LOW,
                    "The maximum number of records the source task can read from the file each time it is polled");

    FileStreamSourceConfig(Map<String, ?> props) {
        // The worker already logs connector configurations; parsing happens on every validation call too.
        super(CONFIG_DEF, props, false);
    }

    /** The file to read, or null when the connector reads the standard input (the setting is absent or empty). */
    String file() {
        String file = getString(FILE_CONFIG);
        return file == null || file.isEmpty() ? null : file;
    }

    String topic() {
        return getString(TOPIC_CONFIG);
    }

    int batchSize() {
        return getInt(TASK_BATCH_SIZE_CONFIG);
    }
}
