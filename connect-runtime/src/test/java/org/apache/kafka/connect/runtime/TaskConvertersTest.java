package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.runtime.isolation.LoaderSwap;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;
import org.apache.kafka.connect.storage.StringConverter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskConvertersTest {

    private static final String RECORDING = RecordingConverter.class.getName();
    private static Plugins plugins;

    @BeforeAll
    static void discoverPlugins() {
        plugins = new Plugins(Map.of("plugin.discovery", "service_load"));
    }

    private static Map<String, String> workerProps() {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", "localhost:9092");
        props.put("key.converter", RECORDING);
        props.put("key.converter.origin", "worker");
        props.put("value.converter", RECORDING);
        props.put("value.converter.origin", "worker");
        props.put("offset.storage.file.filename", "/tmp/offsets");
        return props;
    }

    private static TaskConverters create(Map<String, String> workerProps, Map<String, String> connectorProps) {
        connectorProps.put("name", "conn");
        connectorProps.put("connector.class", "SomeConnector");
        try (LoaderSwap swap = plugins.withClassLoader(plugins.delegatingLoader())) {
            StandaloneConfig workerConfig = new StandaloneConfig(workerProps);
            ConnectorConfig connConfig = new ConnectorConfig(plugins, connectorProps);
            return TaskConverters.create(plugins, workerConfig, connConfig, plugins.delegatingLoader());
        }
    }

    @Test
    void workerConvertersAreUsedWithTheWorkersSettingsUnlessTheConnectorNamesItsOwn() {
        Map<String, String> connectorProps = new HashMap<>();
        connectorProps.put("key.converter.origin", "ignored: the connector does not choose the key converter");
        connectorProps.put("value.converter", RECORDING);
        connectorProps.put("value.converter.origin", "connector");
        connectorProps.put("value.converter.plugin.version", "latest");

        TaskConverters converters = create(workerProps(), connectorProps);

        RecordingConverter key = assertInstanceOf(RecordingConverter.class, converters.keyConverter());
        assertEquals(Map.of("origin", "worker"), key.configs);
        assertEquals(Boolean.TRUE, key.isKey);
        RecordingConverter value = assertInstanceOf(RecordingConverter.class, converters.valueConverter());
        assertEquals(Map.of("origin", "connector", "plugin.version", "latest"), value.configs,
                "sub-keys prefix-stripped, plugin.version included");
        assertEquals(Boolean.FALSE, value.isKey);
        assertInstanceOf(SimpleHeaderConverter.class, converters.headerConverter(), "the worker default");
    }

    @Test
    void headerConvertersAreToldTheyConvertHeaders() {
        Map<String, String> connectorProps = new HashMap<>();
        connectorProps.put("header.converter", RECORDING);
        connectorProps.put("header.converter.origin", "connector");

        TaskConverters converters = create(workerProps(), connectorProps);

        RecordingConverter header = assertInstanceOf(RecordingConverter.class, converters.headerConverter());
        assertEquals(Map.of("origin", "connector", "converter.type", "header"), header.configs);
        assertNull(header.isKey);
    }

    @Test
    void connectorConvertersMayBeAliases() {
        Map<String, String> connectorProps = new HashMap<>();
        connectorProps.put("key.converter", "StringConverter");

        TaskConverters converters = create(workerProps(), connectorProps);

        assertInstanceOf(StringConverter.class, converters.keyConverter());
        assertTrue(converters.valueConverter() instanceof RecordingConverter);
    }

    /** A converter and header converter that remembers how it was configured. */
    public static class RecordingConverter implements Converter, HeaderConverter {
        Map<String, Object> configs;
        Boolean isKey;

        @Override
        public void configure(Map<String, ?> configs, boolean isKey) {
            this.configs = new HashMap<>(configs);
            this.isKey = isKey;
        }

        @Override
        public void configure(Map<String, ?> configs) {
            this.configs = new HashMap<>(configs);
        }

        @Override
        public byte[] fromConnectData(String topic, Schema schema, Object value) {
            return new byte[0];
        }

        @Override
        public SchemaAndValue toConnectData(String topic, byte[] value) {
            return SchemaAndValue.NULL;
        }

        @Override
        public SchemaAndValue toConnectHeader(String topic, String headerKey, byte[] value) {
            return SchemaAndValue.NULL;
        }

        @Override
        public byte[] fromConnectHeader(String topic, String headerKey, Schema schema, Object value) {
            return new byte[0];
        }

        @Override
        public ConfigDef config() {
            return new ConfigDef();
        }

        @Override
        public String version() {
            return "1.0";
        }

        @Override
        public void close() {
        }
    }
}
