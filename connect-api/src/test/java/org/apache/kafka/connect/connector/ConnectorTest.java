package org.apache.kafka.connect.connector;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectorTest {

    private static final ConfigDef DEF = new ConfigDef()
            .define("port", ConfigDef.Type.INT, ConfigDef.Importance.HIGH, "the port")
            .define("host", ConfigDef.Type.STRING, "localhost", ConfigDef.Importance.LOW, "the host");

    @Test
    void validateChecksEveryDefinedKey() {
        Config config = new RecordingConnector(DEF).validate(Map.of("port", "not a number"));

        List<ConfigValue> values = config.configValues();
        assertEquals(2, values.size());
        ConfigValue port = find(values, "port");
        assertEquals(1, port.errorMessages().size());
        assertTrue(find(values, "host").errorMessages().isEmpty());
    }

    @Test
    void validateReportsMissingRequiredKeys() {
        Config config = new RecordingConnector(DEF).validate(Map.of());

        assertEquals(1, find(config.configValues(), "port").errorMessages().size());
    }

    @Test
    void validateRejectsANullConfigDef() {
        RecordingConnector connector = new RecordingConnector(null);

        ConnectException e = assertThrows(ConnectException.class, () -> connector.validate(Map.of()));
        assertEquals(RecordingConnector.class.getName() + ".config() must return a ConfigDef that is not null.",
                e.getMessage());
    }

    @Test
    void reconfigureStopsThenStarts() {
        RecordingConnector connector = new RecordingConnector(DEF);

        connector.reconfigure(Map.of("port", "1"));

        assertEquals(List.of("stop", "start {port=1}"), connector.calls);
    }

    @Test
    void initializeStoresTheContext() {
        RecordingConnector connector = new RecordingConnector(DEF);
        assertNull(connector.context());

        ConnectorContext first = new NoopContext();
        connector.initialize(first);
        assertSame(first, connector.context());

        ConnectorContext second = new NoopContext();
        connector.initialize(second, List.of(Map.of("task", "0")));
        assertSame(second, connector.context());
    }

    private static ConfigValue find(List<ConfigValue> values, String name) {
        return values.stream().filter(value -> value.name().equals(name)).findFirst().orElseThrow();
    }

    private static final class RecordingConnector extends Connector {

        private final ConfigDef configDef;
        private final List<String> calls = new ArrayList<>();

        RecordingConnector(ConfigDef configDef) {
            this.configDef = configDef;
        }

        @Override
        public void start(Map<String, String> props) {
            calls.add("start " + props);
        }

        @Override
        public Class<? extends Task> taskClass() {
            return null;
        }

        @Override
        public List<Map<String, String>> taskConfigs(int maxTasks) {
            return List.of();
        }

        @Override
        public void stop() {
            calls.add("stop");
        }

        @Override
        public ConfigDef config() {
            return configDef;
        }

        @Override
        public String version() {
            return "test";
        }
    }

    private static final class NoopContext implements ConnectorContext {

        @Override
        public void requestTaskReconfiguration() {
        }

        @Override
        public void raiseError(Exception e) {
        }

        @Override
        public PluginMetrics pluginMetrics() {
            return null;
        }
    }
}
