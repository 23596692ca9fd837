package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.connector.policy.AllConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.connector.policy.NoneConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.errors.NotFoundException;
import org.apache.kafka.connect.runtime.isolation.LoaderSwap;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.runtime.rest.entities.ConfigKeyInfo;
import org.apache.kafka.connect.runtime.rest.errors.BadRequestException;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectorValidatorTest {

    private static final String SINK = TestSink.class.getName();
    private static final String SOURCE = TestSource.class.getName();
    private static final String VERSION = AppInfoParser.getVersion();

    private static Plugins plugins;
    private static StandaloneConfig workerConfig;

    @BeforeAll
    static void setUp() {
        plugins = new Plugins(Map.of("plugin.discovery", "service_load"));
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", "localhost:9092");
        props.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("offset.storage.file.filename", "/tmp/offsets");
        try (LoaderSwap swap = plugins.withClassLoader(plugins.delegatingLoader())) {
            workerConfig = new StandaloneConfig(props);
        }
    }

    private static ConfigInfos validate(ConnectorClientConfigOverridePolicy policy, WorkerConfig worker,
                                        String... keysAndValues) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("name", "conn");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            props.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new ConnectorValidator(plugins, worker, policy).validate(props);
    }

    private static ConfigInfos validate(String... keysAndValues) {
        return validate(new AllConnectorClientConfigOverridePolicy(), workerConfig, keysAndValues);
    }

    private static List<String> names(ConfigInfos infos) {
        return infos.configs().stream().map(info -> info.value().name()).collect(Collectors.toList());
    }

    private static ConfigInfo entry(ConfigInfos infos, String name) {
        return infos.configs().stream().filter(info -> info.value().name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not in " + names(infos)));
    }

    private static List<String> errors(ConfigInfos infos, String name) {
        return entry(infos, name).value().errors();
    }

    @Test
    void aValidSinkConfigHasNoErrorsAndListsFrameworkKeysThenTheConnectorsOwn() {
        ConfigInfos infos = validate("connector.class", SINK, "topics", "a", "secret", "s3cret");

        assertEquals(SINK, infos.name(), "the class as submitted");
        assertEquals(0, infos.errorCount());
        assertEquals(List.of("Common", "Transforms", "Predicates", "Error Handling", "Test"), infos.groups());
        List<String> names = names(infos);
        assertEquals(List.of("name", "connector.class", "connector.plugin.version"), names.subList(0, 3));
        assertEquals(List.of("errors.deadletterqueue.context.headers.enable", "secret", "mode"),
                names.subList(names.size() - 3, names.size()));
        assertEquals("[hidden]", entry(infos, "secret").value().value());
        ConfigKeyInfo secret = entry(infos, "secret").definition();
        assertEquals("PASSWORD", secret.type());
        assertTrue(secret.required());
    }

    @Test
    void workerChoicesAreShownAsDefaultsOfTheConverterAndVersionKeys() {
        ConfigInfos infos = validate("connector.class", SINK, "topics", "a");

        ConfigInfo keyConverter = entry(infos, "key.converter");
        assertEquals("org.apache.kafka.connect.json.JsonConverter", keyConverter.definition().defaultValue());
        assertEquals("org.apache.kafka.connect.json.JsonConverter", keyConverter.value().value());
        assertTrue(keyConverter.value().recommendedValues()
                .contains("org.apache.kafka.connect.storage.StringConverter"));
        ConfigInfo keyVersion = entry(infos, "key.converter.plugin.version");
        assertEquals(VERSION, keyVersion.definition().defaultValue());
        assertEquals(List.of(VERSION), keyVersion.value().recommendedValues());
        assertTrue(keyVersion.value().visible());
        assertEquals("1.0", entry(infos, "connector.plugin.version").definition().defaultValue());
    }

    @Test
    void sinkTopicRulesAreErrorsOnBothTopicKeys() {
        ConfigInfos neither = validate("connector.class", SINK);
        assertEquals(List.of("Must configure one of topics or topics.regex"), errors(neither, "topics"));
        assertEquals(List.of("Must configure one of topics or topics.regex"), errors(neither, "topics.regex"));
        assertEquals(3, neither.errorCount(), "two topic errors and the connector's missing secret");

        ConfigInfos both = validate("connector.class", SINK, "topics", "a,b", "topics.regex", "c", "secret", "x",
                "errors.deadletterqueue.topic.name", "a");
        assertEquals(List.of("topics and topics.regex are mutually exclusive options, but both are set.",
                "The DLQ topic 'a' may not be included in the list of topics ('topics=[a, b]') consumed by the "
                        + "connector"), errors(both, "topics"));
        assertEquals(List.of("topics and topics.regex are mutually exclusive options, but both are set."),
                errors(both, "topics.regex"));
        assertEquals(3, both.errorCount());
    }

    @Test
    void nullValuesAreErrorsAndUndefinedKeysComeFirst() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("name", "conn");
        props.put("connector.class", SINK);
        props.put("topics", "a");
        props.put("secret", "x");
        props.put("unknown", null);
        props.put("tasks.max", null);

        ConfigInfos infos = new ConnectorValidator(plugins, workerConfig, new AllConnectorClientConfigOverridePolicy())
                .validate(props);

        ConfigInfo first = infos.configs().get(0);
        assertNull(first.definition());
        assertEquals("unknown", first.value().name());
        assertEquals(List.of(ConnectorValidator.NULL_VALUE_MESSAGE), first.value().errors());
        List<String> tasksMaxErrors = errors(infos, "tasks.max");
        assertTrue(tasksMaxErrors.contains(ConnectorValidator.NULL_VALUE_MESSAGE), tasksMaxErrors.toString());
        assertEquals(1 + tasksMaxErrors.size(), infos.errorCount());
    }

    @Test
    void transformationSettingsAreValidatedInTheirAliasGroup() {
        ConfigInfos infos = validate("connector.class", SINK, "topics", "a", "secret", "x",
                "transforms", "route", "transforms.route.type", "RegexRouter", "transforms.route.regex", "(");

        assertTrue(infos.groups().contains("Transforms: route"));
        assertTrue(errors(infos, "transforms.route.regex").get(0)
                .startsWith("Invalid value ( for configuration regex:"), errors(infos, "transforms.route.regex")
                .toString());
        assertEquals(List.of("Missing required configuration \"transforms.route.replacement\" which has no default "
                + "value."), errors(infos, "transforms.route.replacement"));
        List<String> names = names(infos);
        assertTrue(names.indexOf("transforms.route.type") < names.indexOf("secret"),
                "enriched keys before the connector's");
        assertEquals(2, infos.errorCount());
    }

    @Test
    void overridesAreCheckedByThePolicyAndCountedOncePerSetting() {
        ConfigInfos infos = validate(new NoneConnectorClientConfigOverridePolicy(), workerConfig,
                "connector.class", SINK, "topics", "a", "secret", "x",
                "consumer.override.max.poll.records", "5", "producer.override.acks", "all",
                "errors.deadletterqueue.topic.name", "dlq", "admin.override.unknown.setting", "1");

        ConfigInfo consumer = entry(infos, "consumer.override.max.poll.records");
        assertEquals("consumer.override.max.poll.records", consumer.definition().name());
        assertEquals("INT", consumer.definition().type());
        assertEquals(List.of("The 'None' policy does not allow 'max.poll.records' to be overridden in the connector "
                + "configuration."), consumer.value().errors());
        assertNull(entry(infos, "admin.override.unknown.setting").definition(), "not an admin client setting");
        List<String> names = names(infos);
        assertEquals(List.of("producer.override.acks", "consumer.override.max.poll.records",
                "admin.override.unknown.setting"), names.subList(names.size() - 3, names.size()),
                "producer, consumer, admin; after the connector's keys");
        assertEquals(3, infos.errorCount());
    }

    @Test
    void sourceProducerOverridesAreCheckedButNotConsumerOnesInStandalone() {
        ConfigInfos infos = validate(new NoneConnectorClientConfigOverridePolicy(), workerConfig,
                "connector.class", SOURCE, "producer.override.acks", "all", "consumer.override.x", "y");

        assertEquals(1, infos.errorCount());
        assertFalse(names(infos).contains("consumer.override.x"));
        assertTrue(infos.groups().containsAll(List.of("Topic Creation", "Exactly Once Support", "offsets.topic")));
    }

    @Test
    void explicitlyChosenConvertersHaveTheirSettingsValidated() {
        ConfigInfos infos = validate("connector.class", SINK, "topics", "a", "secret", "x",
                "value.converter", "JsonConverter", "value.converter.schemas.enable", "maybe",
                "header.converter", "StringConverter");

        List<String> names = names(infos);
        int header = names.indexOf("header.converter.converter.type");
        int value = names.indexOf("value.converter.schemas.enable");
        assertTrue(header > names.indexOf("mode") && value > header, names.toString());
        assertEquals("header", entry(infos, "header.converter.converter.type").value().value());
        assertEquals(List.of("Invalid value maybe for configuration schemas.enable: Expected value to be either true "
                + "or false"), errors(infos, "value.converter.schemas.enable"));
        assertFalse(names.contains("key.converter.schemas.enable"), "the worker's key converter is not validated");
        assertEquals(1, infos.errorCount());
    }

    @Test
    void aConverterVersionThatIsNotInstalledIsAnErrorOnClassAndVersionKeys() {
        ConfigInfos infos = validate("connector.class", SINK, "topics", "a", "secret", "x",
                "key.converter", "JsonConverter", "key.converter.plugin.version", "9.9");

        String message = "Plugin org.apache.kafka.connect.json.JsonConverter not found that matches the version "
                + "range [9.9,9.9], available versions: [" + VERSION + "]";
        assertEquals(List.of(message), errors(infos, "key.converter"));
        assertEquals(List.of(message), errors(infos, "key.converter.plugin.version"));
        assertEquals(VERSION, entry(infos, "key.converter.plugin.version").definition().defaultValue());
        assertFalse(names(infos).contains("key.converter.schemas.enable"));
    }

    @Test
    void aConnectorVersionThatIsNotInstalledStopsValidationEarly() {
        ConfigInfos infos = validate("connector.class", SINK, "connector.plugin.version", "[2.0,)");

        String message = "Plugin " + SINK + " has version 1.0 which does not match the required version range "
                + "[2.0,)";
        assertEquals(List.of(message), errors(infos, "connector.class"));
        assertEquals(List.of(message), errors(infos, "connector.plugin.version"));
        assertEquals(2, infos.errorCount());
        assertFalse(names(infos).contains("topics"), "only the common definitions");
    }

    @Test
    void configsThatCannotBeValidatedAreBadRequests() {
        assertEquals("Connector config contains no connector type",
                assertThrows(BadRequestException.class, () -> validate("topics", "a")).getMessage());
        assertTrue(assertThrows(BadRequestException.class, () -> validate("connector.class", "NoSuchConnector"))
                .getMessage().startsWith("Failed to find any class that implements Connector and which name "
                        + "matches NoSuchConnector"));
        assertEquals("Unbounded range: [[1", assertThrows(BadRequestException.class,
                () -> validate("connector.class", SINK, "connector.plugin.version", "[[1")).getMessage());
        assertEquals(NullConfigSink.class.getName() + ".config() must return a ConfigDef that is not null.",
                assertThrows(BadRequestException.class,
                        () -> validate("connector.class", NullConfigSink.class.getName(), "topics", "a"))
                        .getMessage());
    }

    @Test
    void configProvidersDeclaredByAConnectorAreIgnored() {
        ConfigInfos infos = validate("connector.class", SINK, "topics", "a", "secret", "x",
                "config.providers", "file", "config.providers.file.class", "NoSuchProvider");

        assertEquals(0, infos.errorCount());
        assertFalse(names(infos).stream().anyMatch(name -> name.startsWith("config.providers")));
    }

    @Test
    void inAConnectClusterSinkGroupsAndExactlyOnceRequirementsAreChecked() {
        WorkerConfig cluster = new ClientConfigsTest.GroupWorkerConfig(workerConfig, "connect-conn");

        ConfigInfos sink = validate(new AllConnectorClientConfigOverridePolicy(), cluster,
                "connector.class", SINK, "topics", "a", "secret", "x");
        assertEquals(List.of("Consumer group for sink connector named conn conflicts with Connect worker group "
                + "connect-conn"), errors(sink, "name"));

        ConfigInfos source = validate(new AllConnectorClientConfigOverridePolicy(), cluster,
                "connector.class", SOURCE, "exactly.once.support", "Required", "transaction.boundary", "connector");
        assertEquals(List.of("The connector does not support exactly-once semantics with the provided "
                + "configuration."), errors(source, "exactly.once.support"));
        assertEquals(List.of("The connector does not support connector-defined transaction boundaries with the "
                + "given configuration. Please reconfigure it to use a different transaction boundary "
                + "definition."), errors(source, "transaction.boundary"));
    }

    @Test
    void pluginConfigListsAConnectorsOwnKeysThenTheFrameworkKeys() {
        ConnectorValidator validator = new ConnectorValidator(plugins, workerConfig,
                new AllConnectorClientConfigOverridePolicy());

        List<ConfigKeyInfo> keys = validator.pluginConfig(SINK, null);
        List<String> names = new ArrayList<>();
        keys.forEach(key -> names.add(key.name()));
        assertEquals(List.of("secret", "mode", "name", "connector.class"), names.subList(0, 4));
        assertTrue(names.contains("topics.regex"));
        assertEquals("1.0", keys.get(names.indexOf("connector.plugin.version")).defaultValue());

        List<String> routerKeys = validator.pluginConfig("RegexRouter", "latest").stream()
                .map(ConfigKeyInfo::name).collect(Collectors.toList());
        assertEquals(List.of("regex", "replacement"), routerKeys);
    }

    @Test
    void pluginConfigRejectsUnknownPluginsOtherKindsAndBadVersions() {
        ConnectorValidator validator = new ConnectorValidator(plugins, workerConfig,
                new AllConnectorClientConfigOverridePolicy());

        assertEquals("Unknown plugin Nope.",
                assertThrows(NotFoundException.class, () -> validator.pluginConfig("Nope", null)).getMessage());
        assertEquals("Invalid plugin class All. Valid types are sink, source, converter, header_converter, "
                + "transformation, predicate.",
                assertThrows(BadRequestException.class, () -> validator.pluginConfig("All", null)).getMessage());
        assertEquals("Invalid version specification: [[1",
                assertThrows(BadRequestException.class, () -> validator.pluginConfig(SINK, "[[1")).getMessage());
        assertTrue(assertThrows(BadRequestException.class, () -> validator.pluginConfig("RegexRouter", "9.9"))
                .getMessage().startsWith("Plugin org.apache.kafka.connect.transforms.RegexRouter not found"));
    }

    /** A sink with a required password and a validated setting of its own. */
    public static class TestSink extends SinkConnector {
        @Override
        public ConfigDef config() {
            return new ConfigDef()
                    .define("secret", ConfigDef.Type.PASSWORD, ConfigDef.Importance.HIGH, "A secret.", "Test", 1,
                            ConfigDef.Width.SHORT, "Secret")
                    .define("mode", ConfigDef.Type.STRING, "fast", ConfigDef.ValidString.in("fast", "slow"),
                            ConfigDef.Importance.LOW, "A mode.", "Test", 2, ConfigDef.Width.SHORT, "Mode");
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
        public String version() {
            return "1.0";
        }
    }

    /** A sink that breaks the contract of {@code config()}. */
    public static class NullConfigSink extends TestSink {
        @Override
        public ConfigDef config() {
            return null;
        }

        @Override
        public Config validate(Map<String, String> props) {
            return new Config(List.of());
        }
    }

    /** A source that supports neither exactly-once delivery nor its own transaction boundaries. */
    public static class TestSource extends SourceConnector {
        @Override
        public ConfigDef config() {
            return new ConfigDef();
        }

        @Override
        public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> props) {
            return ExactlyOnceSupport.UNSUPPORTED;
        }

        @Override
        public ConnectorTransactionBoundaries canDefineTransactionBoundaries(Map<String, String> props) {
            return ConnectorTransactionBoundaries.UNSUPPORTED;
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
        public String version() {
            return "1.0";
        }
    }
}
