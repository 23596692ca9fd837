package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.connector.policy.AllConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.runtime.isolation.LoaderSwap;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.runtime.rest.entities.ConfigValueInfo;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.source.SourceConnector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Validation with config-provider variables: resolved for validating, redacted in the response. */
class ConnectorValidatorSecretsTest {

    private static Plugins plugins;
    private static ConnectorValidator validator;

    @BeforeAll
    static void setUp() {
        plugins = new Plugins(Map.of("plugin.discovery", "service_load"));
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", "localhost:9092");
        props.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("offset.storage.file.filename", "/tmp/offsets");
        WorkerConfig workerConfig;
        try (LoaderSwap swap = plugins.withClassLoader(plugins.delegatingLoader())) {
            workerConfig = new StandaloneConfig(props);
        }
        WorkerConfigTransformer transformer = new WorkerConfigTransformer(Map.of("vault", new VaultProvider()), null);
        validator = new ConnectorValidator(plugins, workerConfig, new AllConnectorClientConfigOverridePolicy(),
                transformer);
    }

    private static ConfigInfos validate(String... keysAndValues) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("name", "secrets");
        props.put("connector.class", SecretSource.class.getName());
        for (int i = 0; i < keysAndValues.length; i += 2) {
            props.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return validator.validate(props);
    }

    private static ConfigValueInfo value(ConfigInfos infos, String name) {
        return infos.configs().stream().map(ConfigInfo::value).filter(v -> v.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not in the response"));
    }

    @Test
    void theConnectorValidatesResolvedValuesButTheResponseShowsTheSubmittedText() {
        ConfigInfos infos = validate(
                "db.password", "${vault:db:password}",
                "db.url", "jdbc:foo://app:${vault:db:password}@db.example.com/orders",
                "mode", "${vault:db:mode}");

        assertEquals("s3cr3t", SecretSource.lastValidated.get("db.password"));
        assertEquals("jdbc:foo://app:s3cr3t@db.example.com/orders", SecretSource.lastValidated.get("db.url"));
        assertEquals("fast", SecretSource.lastValidated.get("mode"));

        assertEquals("[hidden]", value(infos, "db.password").value());
        ConfigValueInfo url = value(infos, "db.url");
        assertEquals("jdbc:foo://app:${vault:db:password}@db.example.com/orders", url.value());
        assertEquals(List.of(), url.errors());
        ConfigValueInfo mode = value(infos, "mode");
        assertEquals("${vault:db:mode}", mode.value());
        assertEquals(List.of(), mode.recommendedValues(), "recommended values are cleared");
        assertEquals(0, infos.errorCount());
        assertFalse(infos.toString().contains("s3cr3t"), infos.toString());
    }

    @Test
    void errorsOfResolvedValuesAreReplacedByTheGenericMessage() {
        ConfigInfos infos = validate(
                "db.password", "${vault:db:password}",
                "db.url", "${vault:db:bad.url}",
                "mode", "${vault:db:bad.mode}");

        ConfigValueInfo url = value(infos, "db.url");
        assertEquals("${vault:db:bad.url}", url.value());
        assertEquals(List.of("Invalid value for configuration 'db.url': the value resolved from the config provider "
                + "reference failed validation"), url.errors());
        ConfigValueInfo mode = value(infos, "mode");
        assertEquals(List.of("Invalid value for configuration 'mode': the value resolved from the config provider "
                + "reference failed validation"), mode.errors());
        assertEquals(List.of(), mode.recommendedValues());
        // One generic error for each of the two redacted keys.
        assertEquals(2, infos.errorCount());
        assertFalse(infos.toString().contains("s3cr3t"), infos.toString());
        assertFalse(infos.toString().contains("turbo"), infos.toString());
    }

    @Test
    void valuesTheProvidersLeaveAloneKeepTheirOwnErrorsAndRecommendations() {
        ConfigInfos infos = validate(
                "db.password", "plain",
                "db.url", "jdbc:foo://db/orders",
                "mode", "${nosuchprovider:x:y}");

        ConfigValueInfo mode = value(infos, "mode");
        assertEquals("${nosuchprovider:x:y}", mode.value());
        assertEquals(List.of("fast", "safe"), mode.recommendedValues());
        assertTrue(mode.errors().get(0).startsWith("Invalid value ${nosuchprovider:x:y} for configuration mode"),
                mode.errors().toString());
        assertEquals("[hidden]", value(infos, "db.password").value(), "passwords are always hidden");
    }

    @Test
    void configProviderKeysOfTheConnectorAreDropped() {
        ConfigInfos infos = validate(
                "db.password", "x",
                "db.url", "jdbc:foo://db/orders",
                "mode", "fast",
                "config.providers", "local",
                "config.providers.local.class", "FileConfigProvider");
        assertTrue(infos.configs().stream().map(ConfigInfo::value)
                .noneMatch(v -> v.name().startsWith("config.providers")), infos.toString());
        assertFalse(SecretSource.lastValidated.containsKey("config.providers"));
        assertEquals(0, infos.errorCount());
    }

    /** Serves path {@code db}: a password, a mode, and values that fail validation. */
    static class VaultProvider implements ConfigProvider {
        private static final Map<String, String> DB = Map.of("password", "s3cr3t", "mode", "fast",
                "bad.url", "ftp://app:s3cr3t@db", "bad.mode", "turbo");

        @Override
        public void configure(Map<String, ?> configs) {
        }

        @Override
        public ConfigData get(String path) {
            return new ConfigData("db".equals(path) ? DB : Map.of());
        }

        @Override
        public ConfigData get(String path, Set<String> keys) {
            Map<String, String> data = new HashMap<>(get(path).data());
            data.keySet().retainAll(keys);
            return new ConfigData(data);
        }

        @Override
        public void close() {
        }
    }

    /** A source with a password, a URL that must be jdbc:, and a mode with recommended values. */
    public static class SecretSource extends SourceConnector {
        static volatile Map<String, String> lastValidated = Map.of();

        private static final ConfigDef CONFIG = new ConfigDef()
                .define("db.password", ConfigDef.Type.PASSWORD, ConfigDef.Importance.HIGH, "password")
                .define("db.url", ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, (name, value) -> {
                    if (value != null && !value.toString().startsWith("jdbc:")) {
                        throw new org.apache.kafka.common.config.ConfigException(name, value, "must be a JDBC URL");
                    }
                }, ConfigDef.Importance.HIGH, "url")
                .define("mode", ConfigDef.Type.STRING, "fast", ConfigDef.ValidString.in("fast", "safe"),
                        ConfigDef.Importance.LOW, "mode", null, -1, ConfigDef.Width.NONE, "mode",
                        new ConfigDef.Recommender() {
                            @Override
                            public List<Object> validValues(String name, Map<String, Object> parsed) {
                                return List.of("fast", "safe");
                            }

                            @Override
                            public boolean visible(String name, Map<String, Object> parsed) {
                                return true;
                            }
                        });

        @Override
        public Config validate(Map<String, String> connectorConfigs) {
            lastValidated = Map.copyOf(connectorConfigs);
            return super.validate(connectorConfigs);
        }

        @Override
        public void start(Map<String, String> props) {
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
        }

        @Override
        public ConfigDef config() {
            return CONFIG;
        }

        @Override
        public String version() {
            return AppInfoParser.getVersion();
        }
    }
}
