package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.header.internals.RecordHeaders;
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

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskConvertersTest {

    private static final String RECORDING = RecordingConverter.class.getName();
    private static final String LOADER_RECORDING = ContextLoaderRecordingConverter.class.getName();
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

        RecordingConverter key = assertInstanceOf(RecordingConverter.class, plugin(converters.keyConverter()));
        assertEquals(Map.of("origin", "worker"), key.configs);
        assertEquals(Boolean.TRUE, key.isKey);
        RecordingConverter value = assertInstanceOf(RecordingConverter.class, plugin(converters.valueConverter()));
        assertEquals(Map.of("origin", "connector", "plugin.version", "latest"), value.configs,
                "sub-keys prefix-stripped, plugin.version included");
        assertEquals(Boolean.FALSE, value.isKey);
        assertInstanceOf(SimpleHeaderConverter.class, plugin(converters.headerConverter()), "the worker default");
    }

    @Test
    void headerConvertersAreToldTheyConvertHeaders() {
        Map<String, String> connectorProps = new HashMap<>();
        connectorProps.put("header.converter", RECORDING);
        connectorProps.put("header.converter.origin", "connector");

        TaskConverters converters = create(workerProps(), connectorProps);

        RecordingConverter header = assertInstanceOf(RecordingConverter.class, plugin(converters.headerConverter()));
        assertEquals(Map.of("origin", "connector", "converter.type", "header"), header.configs);
        assertNull(header.isKey);
    }

    @Test
    void connectorConvertersMayBeAliases() {
        Map<String, String> connectorProps = new HashMap<>();
        connectorProps.put("key.converter", "StringConverter");

        TaskConverters converters = create(workerProps(), connectorProps);

        assertInstanceOf(StringConverter.class, plugin(converters.keyConverter()));
        assertTrue(plugin(converters.valueConverter()) instanceof RecordingConverter);
    }

    @Test
    void everyConverterCallRunsWithTheConvertersPluginLoaderAsContextLoader() throws Exception {
        Map<String, String> connectorProps = new HashMap<>();
        connectorProps.put("key.converter", LOADER_RECORDING);
        connectorProps.put("value.converter", LOADER_RECORDING);
        connectorProps.put("header.converter", LOADER_RECORDING);
        TaskConverters converters = create(workerProps(), connectorProps);
        // A class on the worker class path runs with the delegating loader, as it is configured with.
        ClassLoader pluginLoader = plugins.delegatingLoader();
        ClassLoader taskLoader = new URLClassLoader(new URL[0], getClass().getClassLoader());

        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        thread.setContextClassLoader(taskLoader);
        try {
            converters.keyConverter().toConnectData("t", new RecordHeaders(), bytes("k"));
            converters.valueConverter().fromConnectData("t", new RecordHeaders(), Schema.STRING_SCHEMA, "v");
            converters.headerConverter().toConnectHeader("t", "h", bytes("hv"));
            converters.headerConverter().fromConnectHeader("t", "h", Schema.STRING_SCHEMA, "hv");
            assertSame(taskLoader, thread.getContextClassLoader(), "the caller's loader is restored");
            converters.keyConverter().close();
        } finally {
            thread.setContextClassLoader(original);
        }

        ContextLoaderRecordingConverter key = (ContextLoaderRecordingConverter) plugin(converters.keyConverter());
        ContextLoaderRecordingConverter value = (ContextLoaderRecordingConverter) plugin(converters.valueConverter());
        ContextLoaderRecordingConverter header =
                (ContextLoaderRecordingConverter) plugin(converters.headerConverter());
        assertSame(pluginLoader, key.configureLoader);
        assertSame(pluginLoader, key.toConnectDataLoader);
        assertSame(pluginLoader, value.fromConnectDataLoader);
        assertSame(pluginLoader, header.toConnectHeaderLoader);
        assertSame(pluginLoader, header.fromConnectHeaderLoader);
        assertSame(pluginLoader, key.closeLoader);
    }

    @Test
    void theCallersContextLoaderIsRestoredWhenTheConverterThrows() {
        ClassLoader pluginLoader = new URLClassLoader(new URL[0], getClass().getClassLoader());
        Converter failing = new LoaderSwappingConverter(new ContextLoaderRecordingConverter(), pluginLoader);
        ClassLoader before = Thread.currentThread().getContextClassLoader();

        assertThrows(AssertionError.class, () -> failing.toConnectData("t", bytes("x")));

        assertSame(before, Thread.currentThread().getContextClassLoader());
    }

    @Test
    void theHeaderAwareAndPlainVariantsReachTheConvertersOwnMethods() {
        RecordingConverter plugin = new RecordingConverter();
        Converter converter = new LoaderSwappingConverter(plugin, getClass().getClassLoader());

        // RecordingConverter only implements the plain variants: the interface defaults route to them.
        assertSame(SchemaAndValue.NULL, converter.toConnectData("t", new RecordHeaders(), bytes("x")));
        assertEquals(0, converter.fromConnectData("t", new RecordHeaders(), Schema.STRING_SCHEMA, "x").length);
        assertEquals("1.0", converter.version());
    }

    private static Object plugin(Converter converter) {
        return ((LoaderSwappingConverter) converter).plugin();
    }

    private static Object plugin(HeaderConverter converter) {
        return ((LoaderSwappingHeaderConverter) converter).plugin();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
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
