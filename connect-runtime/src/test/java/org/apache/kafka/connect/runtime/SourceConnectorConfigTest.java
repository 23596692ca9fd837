package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.runtime.SourceConnectorConfig.ExactlyOnceSupportLevel;
import org.apache.kafka.connect.runtime.isolation.LoaderSwap;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.source.SourceTask.TransactionBoundary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourceConnectorConfigTest {

    private static Plugins plugins;

    @BeforeAll
    static void discoverPlugins() {
        plugins = new Plugins(Map.of("plugin.discovery", "service_load"));
    }

    private static Map<String, String> props(String... keysAndValues) {
        Map<String, String> props = new HashMap<>();
        props.put("name", "source");
        props.put("connector.class", "SomeSource");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            props.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return props;
    }

    private static SourceConnectorConfig parse(Map<String, String> props, boolean createTopics) {
        try (LoaderSwap swap = plugins.withClassLoader(plugins.delegatingLoader())) {
            return new SourceConnectorConfig(plugins, props, createTopics);
        }
    }

    @Test
    void exactlyOnceAndOffsetsTopicDefaultsAndCaseInsensitiveValues() {
        SourceConnectorConfig defaults = parse(props(), true);
        assertEquals(ExactlyOnceSupportLevel.REQUESTED, defaults.exactlyOnceSupport());
        assertEquals(TransactionBoundary.POLL, defaults.transactionBoundary());
        assertNull(defaults.transactionBoundaryInterval());
        assertNull(defaults.offsetsTopic());
        assertFalse(defaults.usesTopicCreation());

        SourceConnectorConfig custom = parse(props("exactly.once.support", "REQUIRED",
                "transaction.boundary", "Interval", "transaction.boundary.interval.ms", "250",
                "offsets.storage.topic", "my-offsets"), true);
        assertEquals(ExactlyOnceSupportLevel.REQUIRED, custom.exactlyOnceSupport());
        assertEquals(TransactionBoundary.INTERVAL, custom.transactionBoundary());
        assertEquals(250L, custom.transactionBoundaryInterval());
        assertEquals("my-offsets", custom.offsetsTopic());
    }

    @Test
    void invalidSourceSettingsFailParsing() {
        assertEquals("Invalid value -1 for configuration transaction.boundary.interval.ms: Value must be at least 0",
                parseError(props("transaction.boundary.interval.ms", "-1")));
        assertEquals("Invalid value  for configuration offsets.storage.topic: String must be non-empty",
                parseError(props("offsets.storage.topic", "")));
        assertEquals("Invalid value maybe for configuration exactly.once.support: String must be one of "
                + "(case insensitive): REQUIRED, REQUESTED", parseError(props("exactly.once.support", "maybe")));
        assertEquals("Invalid value [a, a] for configuration topic.creation.groups: Duplicate alias provided.",
                parseError(props("topic.creation.groups", "a,a", "topic.creation.default.replication.factor", "1",
                        "topic.creation.default.partitions", "1")));
    }

    private static String parseError(Map<String, String> props) {
        return assertThrows(ConfigException.class, () -> parse(props, true)).getMessage();
    }

    @Test
    void topicCreationGroupsInheritTheDefaultGroupsNumbers() {
        SourceConnectorConfig config = parse(props("topic.creation.groups", "compacted, default ,big",
                "topic.creation.default.replication.factor", "-1", "topic.creation.default.partitions", "3",
                "topic.creation.default.include", "ignored", "topic.creation.default.cleanup.policy", "delete",
                "topic.creation.compacted.include", "c.*,d", "topic.creation.compacted.exclude", "dd",
                "topic.creation.compacted.cleanup.policy", "compact",
                "topic.creation.big.include", "big.*", "topic.creation.big.partitions", "50",
                "topic.creation.big.replication.factor", "2"), true);

        assertTrue(config.usesTopicCreation());
        assertEquals(List.of("compacted", "big"), config.topicCreationGroups());
        assertEquals(List.of(".*"), config.topicCreationInclude("default"));
        assertEquals(List.of(), config.topicCreationExclude("default"));
        assertEquals((short) -1, config.topicCreationReplicationFactor("default"));
        assertEquals(3, config.topicCreationPartitions("default"));
        assertEquals(Map.of("cleanup.policy", "delete"), config.topicCreationOtherConfigs("default"));
        assertEquals(List.of("c.*", "d"), config.topicCreationInclude("compacted"));
        assertEquals(List.of("dd"), config.topicCreationExclude("compacted"));
        assertEquals((short) -1, config.topicCreationReplicationFactor("compacted"));
        assertEquals(3, config.topicCreationPartitions("compacted"));
        assertEquals(Map.of("cleanup.policy", "compact"), config.topicCreationOtherConfigs("compacted"));
        assertEquals((short) 2, config.topicCreationReplicationFactor("big"));
        assertEquals(50, config.topicCreationPartitions("big"));
    }

    @Test
    void theDefaultGroupNeedsReplicationFactorAndPartitionsOnceTopicCreationIsUsed() {
        assertEquals("Missing required configuration \"topic.creation.default.partitions\" which has no default "
                + "value.", parseError(props("topic.creation.default.replication.factor", "3")));
        assertEquals("Invalid value 0 for configuration replication.factor: Replication factor must be positive and "
                + "not larger than the number of brokers in the Kafka cluster, or -1 to use the broker's default",
                parseError(props("topic.creation.default.replication.factor", "0",
                        "topic.creation.default.partitions", "1")));
        assertEquals("Invalid value 0 for configuration partitions: Number of partitions must be positive, or -1 to "
                + "use the broker's default", parseError(props("topic.creation.default.replication.factor", "1",
                "topic.creation.default.partitions", "0")));
        assertTrue(parseError(props("topic.creation.groups", "g", "topic.creation.default.replication.factor", "1",
                "topic.creation.default.partitions", "1", "topic.creation.g.include", "("))
                .startsWith("Invalid value [(] for configuration include: Syntax error in regular expression"));
    }

    @Test
    void topicCreationIsUnusedWhenTheWorkerDisablesIt() {
        SourceConnectorConfig config = parse(props("topic.creation.default.replication.factor", "0"), false);

        assertFalse(config.usesTopicCreation(), "the invalid group settings are not even parsed");
    }
}
