package org.apache.kafka.connect.file;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileStreamSourceConnectorTest {

    private static final Map<String, String> FILE_CONFIG = Map.of("file", "/tmp/input.txt", "topic", "lines");
    private static final Map<String, String> STDIN_CONFIG = Map.of("topic", "lines");

    private final FileStreamSourceConnector connector = new FileStreamSourceConnector();

    @Test
    void definesTheThreeSettings() {
        Map<String, ConfigDef.ConfigKey> keys = connector.config().configKeys();
        assertEquals(List.of("file", "topic", "batch.size"), List.copyOf(keys.keySet()));
        assertEquals(ConfigDef.Type.STRING, keys.get("file").type);
        assertNull(keys.get("file").defaultValue);
        assertEquals(ConfigDef.Type.STRING, keys.get("topic").type);
        assertEquals(ConfigDef.NO_DEFAULT_VALUE, keys.get("topic").defaultValue);
        assertEquals(ConfigDef.Type.INT, keys.get("batch.size").type);
        assertEquals(2000, keys.get("batch.size").defaultValue);
        assertEquals(2000, FileStreamSourceConnector.DEFAULT_TASK_BATCH_SIZE);
    }

    @Test
    void validateReportsAMissingTopic() {
        ConfigValue topic = connector.validate(Map.of("file", "/tmp/in")).configValues().stream()
                .filter(value -> value.name().equals("topic")).findFirst().orElseThrow();
        assertEquals(List.of("Missing required configuration \"topic\" which has no default value."),
                topic.errorMessages());
    }

    @Test
    void startRejectsInvalidConfigurations() {
        assertThrows(ConfigException.class, () -> connector.start(Map.of("file", "/tmp/in")));
        assertThrows(ConfigException.class, () -> connector.start(Map.of("topic", "")));
        assertThrows(ConfigException.class, () -> connector.start(Map.of("topic", "t", "batch.size", "many")));
        ConfigException e = assertThrows(ConfigException.class, () -> connector.start(Map.of("topic", "a,b")));
        assertTrue(e.getMessage().contains("single topic"), e.getMessage());
    }

    @Test
    void runsOneTaskWithTheConnectorSettings() {
        Map<String, String> props = Map.of("file", "/tmp/in", "topic", "t", "batch.size", "10", "extra", "kept");
        connector.start(props);
        assertEquals(FileStreamSourceTask.class, connector.taskClass());
        assertEquals(List.of(props), connector.taskConfigs(3));
        assertEquals(List.of(props), connector.taskConfigs(1));
    }

    @Test
    void supportsExactlyOnceOnlyForAFile() {
        assertEquals(ExactlyOnceSupport.SUPPORTED, connector.exactlyOnceSupport(FILE_CONFIG));
        assertEquals(ExactlyOnceSupport.UNSUPPORTED, connector.exactlyOnceSupport(STDIN_CONFIG));
        assertEquals(ExactlyOnceSupport.UNSUPPORTED,
                connector.exactlyOnceSupport(Map.of("file", "", "topic", "lines")));
    }

    @Test
    void acceptsValidOffsetChanges() {
        assertTrue(connector.alterOffsets(FILE_CONFIG, Map.of()));
        assertTrue(connector.alterOffsets(FILE_CONFIG, offsets(Map.of("filename", "/tmp/input.txt"),
                Map.of("position", 0L))));
        assertTrue(connector.alterOffsets(FILE_CONFIG, offsets(Map.of("filename", "/tmp/other.txt"),
                Map.of("position", 42L))));
        // A null offset is a reset: the partition is not inspected at all.
        assertTrue(connector.alterOffsets(FILE_CONFIG, offsets(null, null)));
        assertTrue(connector.alterOffsets(FILE_CONFIG, offsets(Map.of("unrelated", 1), null)));
    }

    @Test
    void refusesOffsetChangesForStdin() {
        ConnectException e = assertThrows(ConnectException.class, () -> connector.alterOffsets(STDIN_CONFIG,
                offsets(Map.of("filename", "/tmp/input.txt"), Map.of("position", 1L))));
        assertEquals("Offsets cannot be modified if the 'file' configuration is unspecified. This is because stdin "
                + "is used for input and offsets are not tracked.", e.getMessage());
        assertThrows(ConnectException.class, () -> connector.alterOffsets(STDIN_CONFIG, Map.of()));
    }

    @Test
    void refusesMalformedOffsets() {
        Map<String, String> partition = Map.of("filename", "/tmp/input.txt");
        assertAlterFails("Offset objects should either be null or contain the key 'position'",
                offsets(partition, Map.of()));
        assertAlterFails("The value for the 'position' key in the offset is expected to be a Long value",
                offsets(partition, Map.of("position", 1)));
        assertAlterFails("The value for the 'position' key in the offset is expected to be a Long value",
                offsets(partition, Map.of("position", "1")));
        Map<String, Object> nullPosition = new HashMap<>();
        nullPosition.put("position", null);
        assertAlterFails("The value for the 'position' key in the offset is expected to be a Long value",
                offsets(partition, nullPosition));
        assertAlterFails("The value for the 'position' key in the offset should be a non-negative value",
                offsets(partition, Map.of("position", -1L)));
    }

    @Test
    void refusesMalformedPartitions() {
        assertAlterFails("Partition objects cannot be null", offsets(null, Map.of("position", 1L)));
        assertAlterFails("Partition objects should contain the key 'filename'",
                offsets(Map.of("file", "/tmp/input.txt"), Map.of("position", 1L)));
    }

    @Test
    void reportsTheKafkaVersion() {
        assertEquals(AppInfoParser.getVersion(), connector.version());
    }

    @Test
    void isListedForServiceLoading() {
        assertTrue(ServiceLoader.load(SourceConnector.class).stream()
                .anyMatch(provider -> provider.type() == FileStreamSourceConnector.class));
    }

    private void assertAlterFails(String message, Map<Map<String, ?>, Map<String, ?>> offsets) {
        ConnectException e = assertThrows(ConnectException.class, () -> connector.alterOffsets(FILE_CONFIG, offsets));
        assertEquals(message, e.getMessage());
    }

    private static Map<Map<String, ?>, Map<String, ?>> offsets(Map<String, ?> partition, Map<String, ?> offset) {
        Map<Map<String, ?>, Map<String, ?>> offsets = new HashMap<>();
        offsets.put(partition, offset);
        return offsets;
    }
}
