package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.runtime.isolation.LoaderSwap;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SinkConnectorConfigTest {

    private static Plugins plugins;

    @BeforeAll
    static void discoverPlugins() {
        plugins = new Plugins(Map.of("plugin.discovery", "service_load"));
    }

    private static Map<String, String> props(String... keysAndValues) {
        Map<String, String> props = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            props.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return props;
    }

    private static String validationError(String... keysAndValues) {
        return assertThrows(ConfigException.class, () -> SinkConnectorConfig.validate(props(keysAndValues)))
                .getMessage();
    }

    @Test
    void exactlyOneOfTopicsAndTopicsRegexMustBeSet() {
        SinkConnectorConfig.validate(props("topics", "a"));
        SinkConnectorConfig.validate(props("topics.regex", "a.*"));

        assertEquals("Invalid value a for configuration topics: topics and topics.regex are mutually exclusive "
                + "options, but both are set.", validationError("topics", "a", "topics.regex", "b"));
        assertEquals("Invalid value null for configuration topics: Must configure one of topics or topics.regex",
                validationError());
        assertEquals("Invalid value   for configuration topics: Must configure one of topics or topics.regex",
                validationError("topics", " ", "topics.regex", " "));
    }

    @Test
    void theDeadLetterQueueMayNotBeAConsumedTopic() {
        assertEquals("Invalid value a, b ,a for configuration topics: The DLQ topic 'b' may not be included in the "
                + "list of topics ('topics=[a, b]') consumed by the connector",
                validationError("topics", "a, b ,a", "errors.deadletterqueue.topic.name", " b "));
        assertEquals("Invalid value d.* for configuration topics.regex: The DLQ topic 'dlq' may not be matched by "
                + "the regex for the topics ('topics.regex=d.*') consumed by the connector",
                validationError("topics.regex", "d.*", "errors.deadletterqueue.topic.name", "dlq"));
        SinkConnectorConfig.validate(props("topics.regex", "(", "errors.deadletterqueue.topic.name", "dlq"));
    }

    @Test
    void topicsListIsTrimmedWithoutBlanksOrDuplicates() {
        assertEquals(Set.of(), SinkConnectorConfig.parseTopicsList(props()));
        assertEquals(List.of("a", "b", "c"), List.copyOf(SinkConnectorConfig.parseTopicsList(
                props("topics", " a ,b,,a, c"))));
        assertTrue(SinkConnectorConfig.hasTopicsConfig(props("topics", "a")));
        assertFalse(SinkConnectorConfig.hasTopicsConfig(props("topics", "  ")));
        assertTrue(SinkConnectorConfig.hasTopicsRegexConfig(props("topics.regex", ".*")));
    }

    @Test
    void deadLetterQueueSettings() {
        Map<String, String> props = props("name", "sink", "connector.class", "Sink", "topics", "a");
        SinkConnectorConfig defaults = parse(props);
        assertEquals("", defaults.dlqTopicName());
        assertEquals(3, defaults.dlqTopicReplicationFactor());
        assertFalse(defaults.isDlqContextHeadersEnabled());
        assertFalse(defaults.enableErrantRecordReporter());

        props.put("errors.deadletterqueue.topic.name", " dlq ");
        props.put("errors.deadletterqueue.topic.replication.factor", "1");
        props.put("errors.deadletterqueue.context.headers.enable", "true");
        SinkConnectorConfig withDlq = parse(props);
        assertEquals("dlq", withDlq.dlqTopicName());
        assertEquals(1, withDlq.dlqTopicReplicationFactor());
        assertTrue(withDlq.isDlqContextHeadersEnabled());
        assertTrue(withDlq.enableErrantRecordReporter());
    }

    @Test
    void topicKeysShareTheOrderOfTasksMaxAndReportInvalidValues() {
        ConfigDef def = SinkConnectorConfig.configDef();
        assertEquals(4, def.configKeys().get("topics").orderInGroup);
        assertEquals(4, def.configKeys().get("topics.regex").orderInGroup);
        assertEquals(8, def.configKeys().get("errors.deadletterqueue.context.headers.enable").orderInGroup);

        Map<String, ConfigValue> values = def.validateAll(props("topics", "a,a", "topics.regex", "("));
        assertEquals(List.of("Configuration 'topics' values must not be duplicated."),
                values.get("topics").errorMessages());
        assertTrue(values.get("topics.regex").errorMessages().get(0)
                .startsWith("Invalid value ( for configuration topics.regex: Invalid regex: Unclosed group"));
    }

    private static SinkConnectorConfig parse(Map<String, String> props) {
        try (LoaderSwap swap = plugins.withClassLoader(plugins.delegatingLoader())) {
            return new SinkConnectorConfig(plugins, props);
        }
    }
}
