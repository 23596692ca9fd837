package org.apache.kafka.connect.file;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.sink.SinkConnector;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileStreamSinkConnectorTest {

    private final FileStreamSinkConnector connector = new FileStreamSinkConnector();

    @Test
    void definesTheFileSetting() {
        Map<String, ConfigDef.ConfigKey> keys = connector.config().configKeys();
        assertEquals(List.of("file"), List.copyOf(keys.keySet()));
        assertEquals(ConfigDef.Type.STRING, keys.get("file").type);
        assertNull(keys.get("file").defaultValue);
    }

    @Test
    void givesEveryTaskTheConnectorSettings() {
        Map<String, String> props = Map.of("file", "/tmp/out.txt", "topics", "a,b");
        connector.start(props);
        assertEquals(FileStreamSinkTask.class, connector.taskClass());
        assertEquals(List.of(props, props, props), connector.taskConfigs(3));
        assertEquals(List.of(props), connector.taskConfigs(1));
    }

    @Test
    void letsTheRuntimeAlterOffsets() {
        assertTrue(connector.alterOffsets(Map.of(), Map.of(new TopicPartition("t", 0), 5L)));
    }

    @Test
    void isListedForServiceLoading() {
        assertTrue(ServiceLoader.load(SinkConnector.class).stream()
                .anyMatch(provider -> provider.type() == FileStreamSinkConnector.class));
    }
}
