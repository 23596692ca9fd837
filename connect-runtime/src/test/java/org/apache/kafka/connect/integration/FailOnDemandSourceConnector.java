package org.apache.kafka.connect.integration;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A test source connector whose task throws from {@code poll()} while the file named by {@code fail.file}
 * exists, so a test decides from outside the worker when the task fails and whether a restart succeeds.
 * Found by the worker through class path scanning.
 */
public class FailOnDemandSourceConnector extends SourceConnector {

    static final String FAIL_FILE_CONFIG = "fail.file";
    static final String FAILURE_MESSAGE = "Injected failure: the fail file exists";

    private static final ConfigDef CONFIG = new ConfigDef()
            .define(FAIL_FILE_CONFIG, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH,
                    "The task fails while this file exists");

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return FailOnDemandTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
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

    /** Polls nothing; throws while the fail file exists. */
    public static class FailOnDemandTask extends SourceTask {

        private Path failFile;

        @Override
        public void start(Map<String, String> props) {
            failFile = Path.of(props.get(FAIL_FILE_CONFIG));
        }

        @Override
        public List<SourceRecord> poll() throws InterruptedException {
            if (Files.exists(failFile)) {
                throw new IllegalStateException(FAILURE_MESSAGE);
            }
            Thread.sleep(100);
            return null;
        }

        @Override
        public void stop() {
        }

        @Override
        public String version() {
            return "1.0-test";
        }
    }
}
