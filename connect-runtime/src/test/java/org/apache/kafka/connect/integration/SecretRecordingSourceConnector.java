package org.apache.kafka.connect.integration;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A source connector holding credentials: it records the configs its instances and tasks were started with (by
 * connector name), so a test can check that they got resolved secrets, and hands its whole config to each task.
 * Its tasks produce nothing. Found by the worker through class path scanning.
 */
public class SecretRecordingSourceConnector extends SourceConnector {

    static final Map<String, List<Map<String, String>>> CONNECTOR_STARTS = new ConcurrentHashMap<>();
    static final Map<String, List<Map<String, String>>> TASK_STARTS = new ConcurrentHashMap<>();

    private static final ConfigDef CONFIG = new ConfigDef()
            .define("db.password", ConfigDef.Type.PASSWORD, ConfigDef.Importance.HIGH, "Database password")
            .define("db.url", ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, (name, value) -> {
                if (value != null && !value.toString().startsWith("jdbc:")) {
                    throw new org.apache.kafka.common.config.ConfigException(name, value, "must be a JDBC URL");
                }
            }, ConfigDef.Importance.HIGH, "Database URL, may carry credentials")
            .define("api.token", ConfigDef.Type.STRING, "", ConfigDef.Importance.LOW, "API token");

    private Map<String, String> props;

    static void record(Map<String, List<Map<String, String>>> starts, Map<String, String> props) {
        starts.computeIfAbsent(props.get("name"), name -> new CopyOnWriteArrayList<>()).add(Map.copyOf(props));
    }

    static List<Map<String, String>> starts(Map<String, List<Map<String, String>>> starts, String name) {
        return starts.getOrDefault(name, List.of());
    }

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
        record(CONNECTOR_STARTS, props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return SecretRecordingTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>();
        for (int i = 0; i < maxTasks; i++) {
            configs.add(props);
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

    /** Records its config; polls nothing. */
    public static class SecretRecordingTask extends SourceTask {

        @Override
        public void start(Map<String, String> props) {
            record(TASK_STARTS, props);
        }

        @Override
        public List<SourceRecord> poll() throws InterruptedException {
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
