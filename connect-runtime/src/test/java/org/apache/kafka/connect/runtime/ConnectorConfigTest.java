package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.apache.kafka.connect.runtime.errors.ToleranceType;
import org.apache.kafka.connect.runtime.isolation.LoaderSwap;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectorConfigTest {

    private static final String REGEX_ROUTER = "org.apache.kafka.connect.transforms.RegexRouter";
    private static final String TOPIC_NAME_MATCHES = "org.apache.kafka.connect.transforms.predicates.TopicNameMatches";
    private static final ConnectorTaskId TASK = new ConnectorTaskId("conn", 0);

    private static Plugins plugins;

    @BeforeAll
    static void discoverPlugins() {
        plugins = new Plugins(Map.of("plugin.discovery", "service_load"));
    }

    private static Map<String, String> props(String... keysAndValues) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("name", "conn");
        props.put("connector.class", "SomeConnector");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            props.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return props;
    }

    private static ConnectorConfig parse(Map<String, String> props) {
        try (LoaderSwap swap = plugins.withClassLoader(plugins.delegatingLoader())) {
            return new ConnectorConfig(plugins, props);
        }
    }

    private static Map<String, ConfigValue> validate(Map<String, String> props) {
        try (LoaderSwap swap = plugins.withClassLoader(plugins.delegatingLoader())) {
            return ConnectorConfig.enrich(plugins, ConnectorConfig.configDef(), props, false).validateAll(props);
        }
    }

    private static ConfigDef enrich(Map<String, String> props) {
        try (LoaderSwap swap = plugins.withClassLoader(plugins.delegatingLoader())) {
            return ConnectorConfig.enrich(plugins, ConnectorConfig.configDef(), props, false);
        }
    }

    @Test
    void commonKeysAreGroupedAndOrderedAsInValidationResponses() {
        ConfigDef def = ConnectorConfig.configDef();

        assertEquals(List.of("Common", "Transforms", "Predicates", "Error Handling"), def.groups());
        List<String> common = new ArrayList<>();
        def.configKeys().values().stream()
                .filter(key -> "Common".equals(key.group) || "Transforms".equals(key.group)
                        || "Predicates".equals(key.group))
                .forEach(key -> common.add(key.orderInGroup + ":" + key.name));
        assertEquals(List.of("1:name", "2:connector.class", "3:connector.plugin.version", "4:tasks.max",
                "5:tasks.max.enforce", "6:key.converter", "7:key.converter.plugin.version", "8:value.converter",
                "9:value.converter.plugin.version", "10:header.converter", "11:header.converter.plugin.version",
                "12:transforms", "13:predicates", "14:config.action.reload"), common);
        assertEquals(4, def.configKeys().get("errors.log.enable").orderInGroup);
        assertFalse(def.configKeys().get("name").hasDefault());
    }

    @Test
    void accessorsGiveDefaultsAndParsedValues() {
        ConnectorConfig defaults = parse(props());
        assertEquals(1, defaults.tasksMax());
        assertTrue(defaults.enforceTasksMax());
        assertEquals(0L, defaults.errorRetryTimeout());
        assertEquals(60_000L, defaults.errorMaxDelayInMillis());
        assertEquals(ToleranceType.NONE, defaults.errorToleranceType());
        assertFalse(defaults.enableErrorLog());
        assertFalse(defaults.includeRecordDetailsInErrorLog());
        assertEquals("SomeConnector", defaults.connectorClass());
        assertNull(defaults.connectorVersionRange());

        ConnectorConfig custom = parse(props("tasks.max", "4", "tasks.max.enforce", "false",
                "errors.retry.timeout", "-1", "errors.retry.delay.max.ms", "10", "errors.tolerance", "all",
                "errors.log.enable", "true", "errors.log.include.messages", "true",
                "connector.plugin.version", "1.2.3"));
        assertEquals(4, custom.tasksMax());
        assertFalse(custom.enforceTasksMax());
        assertEquals(-1L, custom.errorRetryTimeout());
        assertEquals(10L, custom.errorMaxDelayInMillis());
        assertEquals(ToleranceType.ALL, custom.errorToleranceType());
        assertTrue(custom.enableErrorLog());
        assertTrue(custom.includeRecordDetailsInErrorLog());
        assertEquals("[1.2.3,1.2.3]", custom.connectorVersionRange().toString());
    }

    @Test
    void invalidCommonValuesAreReportedWithApacheMessages() {
        Map<String, ConfigValue> values = validate(props("name", "a\nb", "tasks.max", "0", "errors.tolerance", "ALL",
                "connector.plugin.version", "[[1", "transforms", "a,a", "transforms.a.type", REGEX_ROUTER));

        assertEquals(List.of("Invalid value a\nb for configuration name: String may not contain control sequences "
                + "but had the following ASCII chars: 10"), values.get("name").errorMessages());
        assertEquals(List.of("Invalid value 0 for configuration tasks.max: Value must be at least 1"),
                values.get("tasks.max").errorMessages());
        assertEquals(List.of("Invalid value ALL for configuration errors.tolerance: String must be one of: none, all"),
                values.get("errors.tolerance").errorMessages());
        assertEquals(List.of("Unbounded range: [[1"), values.get("connector.plugin.version").errorMessages());
        assertEquals(List.of("Invalid value [a, a] for configuration transforms: Duplicate alias provided."),
                values.get("transforms").errorMessages());
    }

    @Test
    void enrichmentEmbedsEachAliasInItsOwnGroup() {
        ConfigDef def = enrich(props("transforms", "route", "transforms.route.type", "RegexRouter",
                "predicates", "isFoo", "predicates.isFoo.type", "TopicNameMatches"));

        assertEquals(List.of("Common", "Transforms", "Predicates", "Error Handling", "Transforms: route",
                "Predicates: isFoo"), def.groups());
        assertKey(def, "transforms.route.type", ConfigDef.Type.CLASS, 0, "Transformation type for route");
        ConfigKey version = assertKey(def, "transforms.route.plugin.version", ConfigDef.Type.STRING, 1,
                "Transformation version for route");
        assertEquals(AppInfoParser.getVersion(), version.defaultValue, "the version the worker would use");
        assertKey(def, "transforms.route.regex", ConfigDef.Type.STRING, 2, "regex");
        assertKey(def, "transforms.route.replacement", ConfigDef.Type.STRING, 3, "replacement");
        assertKey(def, "transforms.route.negate", ConfigDef.Type.BOOLEAN, 4, "negate");
        assertKey(def, "transforms.route.predicate", ConfigDef.Type.STRING, 5, "predicate");
        assertKey(def, "predicates.isFoo.type", ConfigDef.Type.CLASS, 0, "Predicate type for isFoo");
        assertKey(def, "predicates.isFoo.pattern", ConfigDef.Type.STRING, 2, "pattern");
        assertEquals("Predicates: isFoo", def.configKeys().get("predicates.isFoo.pattern").group);
    }

    private static ConfigKey assertKey(ConfigDef def, String name, ConfigDef.Type type, int order, String display) {
        ConfigKey key = def.configKeys().get(name);
        assertEquals(type, key.type, name);
        assertEquals(order, key.orderInGroup, name);
        assertEquals(display, key.displayName, name);
        return key;
    }

    @Test
    void validationReportsUnusablePluginsOnTheTypeKey() {
        Map<String, ConfigValue> values = validate(props("transforms", "a,b,c,d,e,f",
                "transforms.b.type", "NoSuch",
                "transforms.c.type", "java.lang.String",
                "transforms.d.type", "org.apache.kafka.connect.transforms.Cast",
                "transforms.e.type", "org.apache.kafka.connect.transforms.Filter", "transforms.e.negate", "true",
                "transforms.f.type", "org.apache.kafka.connect.transforms.Filter", "transforms.f.plugin.version",
                "9.9"));

        assertEquals(List.of("Missing required configuration \"transforms.a.type\" which has no default value."),
                values.get("transforms.a.type").errorMessages());
        assertEquals(List.of("Invalid value NoSuch for configuration transforms.b.type: Class NoSuch could not be "
                + "found."), values.get("transforms.b.type").errorMessages());
        assertEquals(List.of("Class class java.lang.String does not implement the Transformation interface"),
                values.get("transforms.c.type").errorMessages());
        assertEquals(List.of("This class is abstract and cannot be created. Did you mean "
                + "org.apache.kafka.connect.transforms.Cast$Key, org.apache.kafka.connect.transforms.Cast$Value?"),
                values.get("transforms.d.type").errorMessages());
        assertEquals(List.of("Config 'transforms.e.negate' was provided but there is no config "
                + "'transforms.e.predicate' defining a predicate to be negated."),
                values.get("transforms.e.type").errorMessages());
        String notFound = "Plugin org.apache.kafka.connect.transforms.Filter not found that matches the version "
                + "range [9.9,9.9], available versions: [" + AppInfoParser.getVersion() + "]";
        assertEquals(List.of(notFound), values.get("transforms.f.type").errorMessages());
        assertEquals(List.of(notFound), values.get("transforms.f.plugin.version").errorMessages());
    }

    @Test
    void parsingFailsOnAnyUnusableTransformationOrPredicate() {
        assertEquals("Invalid value null for configuration transforms.a.type: Not a Transformation",
                parseError(props("transforms", "a")));
        assertEquals("Invalid value null for configuration predicates.p.type: Not a Predicate",
                parseError(props("predicates", "p")));
        assertEquals("Class class org.apache.kafka.connect.transforms.RegexRouter does not implement the Predicate "
                + "interface", parseError(props("predicates", "p", "predicates.p.type", REGEX_ROUTER)));
        assertEquals("Config 'transforms.a.negate' was provided but there is no config 'transforms.a.predicate' "
                + "defining a predicate to be negated.", parseError(props("transforms", "a",
                "transforms.a.type", "org.apache.kafka.connect.transforms.Filter", "transforms.a.negate", "false")));
    }

    private static String parseError(Map<String, String> props) {
        return assertThrows(ConfigException.class, () -> parse(props)).getMessage();
    }

    @Test
    void stagesApplyTheirTransformationWhenThePredicateMatchesXorNegate() {
        ConnectorConfig config = parse(props("transforms", "route,drop",
                "transforms.route.type", REGEX_ROUTER, "transforms.route.regex", "(.*)",
                "transforms.route.replacement", "copy-$1", "transforms.route.predicate", "isFoo",
                "transforms.drop.type", "org.apache.kafka.connect.transforms.Filter",
                "transforms.drop.predicate", "isFoo", "transforms.drop.negate", "true",
                "predicates", "isFoo", "predicates.isFoo.type", TOPIC_NAME_MATCHES,
                "predicates.isFoo.pattern", "foo.*"));

        List<TransformationStage<SinkRecord>> stages = config.transformationStages(plugins, TASK,
                plugins.delegatingLoader());

        assertEquals(2, stages.size());
        assertEquals("route", stages.get(0).transformAlias());
        assertEquals(REGEX_ROUTER, stages.get(0).transformClass().getName());
        assertEquals("isFoo", stages.get(0).predicateAlias());
        assertFalse(stages.get(0).negate());
        assertTrue(stages.get(1).negate());
        assertEquals("copy-foo1", stages.get(0).apply(record("foo1")).topic());
        assertEquals("bar", stages.get(0).apply(record("bar")).topic(), "predicate does not match");
        assertNull(stages.get(1).apply(record("bar")), "negated predicate matches: filtered");
        assertEquals("foo1", stages.get(1).apply(record("foo1")).topic());
        stages.forEach(TransformationStage::close);
    }

    @Test
    void transformationsAreConfiguredWithTheirPrefixStrippedSettingsButNotPredicateOrNegate() {
        ConnectorConfig config = parse(props("transforms", "rec",
                "transforms.rec.type", RecordingTransformation.class.getName(),
                "transforms.rec.setting", "value", "transforms.rec.predicate", "p", "transforms.rec.negate", "false",
                "predicates", "p", "predicates.p.type", TOPIC_NAME_MATCHES, "predicates.p.pattern", ".*"));

        List<TransformationStage<SinkRecord>> stages = config.transformationStages(plugins, TASK,
                plugins.delegatingLoader());

        RecordingTransformation transformation = RecordingTransformation.last;
        assertEquals(Map.of("type", RecordingTransformation.class.getName(), "setting", "value"),
                transformation.configured);
        stages.forEach(TransformationStage::close);
        assertTrue(transformation.closed);
    }

    @Test
    void aTransformationReferringToAnUnlistedPredicateFailsWhenStagesAreCreated() {
        ConnectorConfig config = parse(props("transforms", "route", "transforms.route.type", REGEX_ROUTER,
                "transforms.route.regex", "a", "transforms.route.replacement", "b",
                "transforms.route.predicate", "missing"));

        ConfigException e = assertThrows(ConfigException.class,
                () -> config.transformationStages(plugins, TASK, plugins.delegatingLoader()));
        assertTrue(e.getMessage().startsWith("Invalid value missing for configuration transforms.route.predicate"),
                e.getMessage());
    }

    @Test
    void parsedConfigKeepsThePluginsItWasParsedWith() {
        assertSame(plugins, parse(props()).plugins());
    }

    private static SinkRecord record(String topic) {
        return new SinkRecord(topic, 0, null, "key", null, "value", 0L);
    }

    /** Remembers how it was configured; instances are created by the plugin machinery. */
    public static class RecordingTransformation implements Transformation<SinkRecord> {
        static volatile RecordingTransformation last;
        final Map<String, Object> configured = new HashMap<>();
        volatile boolean closed;

        public RecordingTransformation() {
            last = this;
        }

        @Override
        public SinkRecord apply(SinkRecord record) {
            return record;
        }

        @Override
        public ConfigDef config() {
            return new ConfigDef().define("setting", ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "a setting");
        }

        @Override
        public void configure(Map<String, ?> configs) {
            configured.putAll(configs);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
