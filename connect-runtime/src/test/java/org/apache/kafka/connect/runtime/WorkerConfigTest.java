package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.isolation.LoaderSwap;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;
import org.apache.kafka.connect.storage.StringConverter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The common worker properties, parsed through {@link StandaloneConfig}. */
class WorkerConfigTest {

    private static Plugins plugins;

    @BeforeAll
    static void discoverPlugins() {
        plugins = new Plugins(Map.of("plugin.discovery", "service_load"));
    }

    static Map<String, String> minimalProps() {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", "broker1:9092, broker2:9092");
        props.put("key.converter", JsonConverter.class.getName());
        props.put("value.converter", StringConverter.class.getName());
        props.put("offset.storage.file.filename", "/tmp/connect.offsets");
        return props;
    }

    private static StandaloneConfig parse(Map<String, String> props) {
        try (LoaderSwap swap = plugins.withClassLoader(plugins.delegatingLoader())) {
            return new StandaloneConfig(props);
        }
    }

    private static String parseError(String key, String value) {
        Map<String, String> props = minimalProps();
        props.put(key, value);
        return assertThrows(ConfigException.class, () -> parse(props)).getMessage();
    }

    @Test
    void defaultsMatchTheSpecification() {
        StandaloneConfig config = parse(minimalProps());

        assertEquals("broker1:9092,broker2:9092", config.bootstrapServers());
        assertEquals(SimpleHeaderConverter.class, config.getClass(WorkerConfig.HEADER_CONVERTER_CLASS_CONFIG));
        assertEquals(5_000L, config.getLong(WorkerConfig.TASK_SHUTDOWN_GRACEFUL_TIMEOUT_MS_CONFIG));
        assertEquals(60_000L, config.offsetCommitIntervalMs());
        assertEquals(5_000L, config.getLong(WorkerConfig.OFFSET_COMMIT_TIMEOUT_MS_CONFIG));
        assertEquals(List.of("http://:8083"), config.listeners());
        assertNull(config.adminListeners());
        assertNull(config.restAdvertisedHostName());
        assertNull(config.restAdvertisedPort());
        assertNull(config.restAdvertisedListener());
        assertEquals("hybrid_warn", config.getString(WorkerConfig.PLUGIN_DISCOVERY_CONFIG));
        assertNull(config.getList(WorkerConfig.PLUGIN_PATH_CONFIG));
        assertEquals("All", config.connectorClientConfigOverridePolicy());
        assertEquals(List.of(), config.getList(WorkerConfig.CONNECTOR_CLIENT_POLICY_ALLOWLIST_CONFIG));
        assertTrue(config.topicCreationEnable());
        assertTrue(config.topicTrackingEnable());
        assertTrue(config.topicTrackingResetEnable());
        assertEquals(List.of(JmxReporter.class.getName()), config.getList(WorkerConfig.METRIC_REPORTER_CLASSES_CONFIG));
        assertEquals(30_000L, config.getLong(WorkerConfig.METRICS_SAMPLE_WINDOW_MS_CONFIG));
        assertEquals(2, config.getInt(WorkerConfig.METRICS_NUM_SAMPLES_CONFIG));
        assertEquals("INFO", config.getString(WorkerConfig.METRICS_RECORDING_LEVEL_CONFIG));
        assertEquals("none", config.getString(WorkerConfig.SSL_CLIENT_AUTH_CONFIG));
        assertEquals("TLSv1.3", config.getString("ssl.protocol"));
        assertEquals(List.of("TLSv1.2", "TLSv1.3"), config.getList("ssl.enabled.protocols"));
        assertEquals("", config.getString(WorkerConfig.ACCESS_CONTROL_ALLOW_ORIGIN_CONFIG));
        assertEquals(List.of(), config.getList(WorkerConfig.REST_EXTENSION_CLASSES_CONFIG));
        assertNull(config.groupId());
        assertFalse(config.exactlyOnceSourceEnabled());
        assertEquals("/tmp/connect.offsets", config.offsetStorageFileName());
    }

    @Test
    void requiredKeysHaveNoDefault() {
        for (String key : List.of("bootstrap.servers", "key.converter", "value.converter",
                "offset.storage.file.filename")) {
            Map<String, String> props = minimalProps();
            props.remove(key);
            ConfigException e = assertThrows(ConfigException.class, () -> parse(props));
            assertEquals("Missing required configuration \"" + key + "\" which has no default value.",
                    e.getMessage());
        }
    }

    @Test
    void converterAliasesResolveThroughThePluginLoader() {
        Map<String, String> props = minimalProps();
        props.put("key.converter", "JsonConverter");
        props.put("value.converter", "String");

        StandaloneConfig config = parse(props);

        assertEquals(JsonConverter.class, config.getClass(WorkerConfig.KEY_CONVERTER_CLASS_CONFIG));
        assertEquals(StringConverter.class, config.getClass(WorkerConfig.VALUE_CONVERTER_CLASS_CONFIG));
    }

    @Test
    void listValidatorsRejectEmptyElementsAndDropDuplicates() {
        assertEquals("Configuration 'bootstrap.servers' must not be empty. Valid values include: any non-empty value",
                parseError("bootstrap.servers", ""));
        assertEquals("Configuration 'plugin.path' must not be empty. Valid values include: any non-empty value",
                parseError("plugin.path", ""));
        assertEquals("Configuration 'rest.extension.classes' values must not be empty.",
                parseError("rest.extension.classes", "a,,b"));

        Map<String, String> props = minimalProps();
        props.put("bootstrap.servers", "a:1,a:1,b:2");
        props.put("config.providers", "x,x");
        props.put("config.providers.x.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        StandaloneConfig config = parse(props);
        assertEquals("a:1,b:2", config.bootstrapServers());
        assertEquals(List.of("x"), config.getList(WorkerConfig.CONFIG_PROVIDERS_CONFIG));
    }

    @Test
    void adminListenersMayBeEmptyToDisableTheAdminEndpoints() {
        Map<String, String> props = minimalProps();
        props.put("admin.listeners", "");

        assertEquals(List.of(), parse(props).adminListeners());
    }

    @Test
    void listenersMustBeNonEmptyWithoutBlankUrls() {
        assertEquals("Invalid value for listeners, at least one URL is expected, ex: "
                + "http://localhost:8080,https://localhost:8443.", parseError("listeners", ""));
        assertEquals("Empty URL found when parsing listeners list.",
                parseError("listeners", "http://:8083,,https://:8443"));
    }

    @Test
    void enumeratedStringsAreChecked() {
        assertEquals("Invalid value REQUIRED for configuration ssl.client.auth: String must be one of: required, "
                + "requested, none", parseError("ssl.client.auth", "REQUIRED"));
        assertEquals("Invalid value x for configuration plugin.discovery: String must be one of (case insensitive): "
                + "ONLY_SCAN, SERVICE_LOAD, HYBRID_WARN, HYBRID_FAIL", parseError("plugin.discovery", "x"));
        assertEquals("Invalid value debug for configuration metrics.recording.level: String must be one of: INFO, "
                + "DEBUG", parseError("metrics.recording.level", "debug"));
        assertEquals("Invalid value 0 for configuration metrics.num.samples: Value must be at least 1",
                parseError("metrics.num.samples", "0"));
    }

    @Test
    void responseHeaderRulesAreValidatedAtParseTime() {
        assertEquals("Invalid header config action: 'sett'. Expected one of [set, add, setDate, addDate]",
                parseError("response.http.headers.config", "sett X-Frame-Options:DENY"));

        Map<String, String> props = minimalProps();
        props.put("response.http.headers.config", "set X-Frame-Options:DENY,\"add Cache-Control: no-cache, no-store\"");
        assertEquals("set X-Frame-Options:DENY,\"add Cache-Control: no-cache, no-store\"",
                parse(props).getString(WorkerConfig.RESPONSE_HTTP_HEADERS_CONFIG));
    }

    @Test
    void advertisedListenerIsReportedInLowerCase() {
        Map<String, String> props = minimalProps();
        props.put("rest.advertised.listener", "HTTPS");
        props.put("rest.advertised.port", "9443");

        StandaloneConfig config = parse(props);

        assertEquals("https", config.restAdvertisedListener());
        assertEquals(9443, config.restAdvertisedPort());
    }

    @Test
    void configProviderVariablesAreResolved(@TempDir Path dir) throws IOException {
        Path secrets = dir.resolve("secrets.properties");
        Files.writeString(secrets, "servers=resolved:9092\n");
        Map<String, String> props = minimalProps();
        props.put("config.providers", "file");
        props.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        props.put("bootstrap.servers", "${file:" + secrets + ":servers}");

        StandaloneConfig config = parse(props);

        assertEquals("resolved:9092", config.bootstrapServers());
        assertEquals("${file:" + secrets + ":servers}", props.get("bootstrap.servers"), "raw properties untouched");
    }
}
