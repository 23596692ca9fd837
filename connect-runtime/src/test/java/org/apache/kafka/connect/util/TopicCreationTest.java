package org.apache.kafka.connect.util;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.connect.runtime.SourceConnectorConfig;
import org.apache.kafka.connect.runtime.isolation.LoaderSwap;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link TopicCreationGroup} and {@link TopicCreation}. */
class TopicCreationTest {

    private static Plugins plugins;

    @BeforeAll
    static void discoverPlugins() {
        plugins = new Plugins(Map.of("plugin.discovery", "service_load"));
    }

    private static SourceConnectorConfig sourceConfig(String... keysAndValues) {
        Map<String, String> props = new HashMap<>();
        props.put("name", "source");
        props.put("connector.class", "SomeSource");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            props.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        try (LoaderSwap swap = plugins.withClassLoader(plugins.delegatingLoader())) {
            return new SourceConnectorConfig(plugins, props, true);
        }
    }

    private static StandaloneConfig workerConfig(boolean topicCreation) {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", "localhost:9092");
        props.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("offset.storage.file.filename", "/tmp/offsets");
        props.put("topic.creation.enable", Boolean.toString(topicCreation));
        try (LoaderSwap swap = plugins.withClassLoader(plugins.delegatingLoader())) {
            return new StandaloneConfig(props);
        }
    }

    private static Map<String, TopicCreationGroup> groups() {
        return TopicCreationGroup.configuredGroups(sourceConfig("topic.creation.groups", "compacted,logs",
                "topic.creation.default.replication.factor", "3", "topic.creation.default.partitions", "-1",
                "topic.creation.compacted.include", "state-.*,offsets", "topic.creation.compacted.exclude",
                "state-tmp.*", "topic.creation.compacted.cleanup.policy", "compact",
                "topic.creation.logs.include", "state-.*,logs-.*", "topic.creation.logs.partitions", "12"));
    }

    @Test
    void groupsMatchWholeNamesAndExclusionBeatsInclusion() {
        TopicCreationGroup compacted = groups().get("compacted");

        assertTrue(compacted.matches("state-1"));
        assertTrue(compacted.matches("offsets"));
        assertFalse(compacted.matches("offsets-2"), "the pattern must match the whole name");
        assertFalse(compacted.matches("state-tmp-1"));
        assertFalse(new TopicCreationGroup("none", List.of(), List.of(), 1, (short) 1, Map.of()).matches("x"));
    }

    @Test
    void groupsCreateTopicsWithTheirSettingsAndLeaveMinusOneToTheBroker() {
        Map<String, TopicCreationGroup> groups = groups();
        assertEquals(List.of("compacted", "logs", "default"), List.copyOf(groups.keySet()));

        NewTopic compacted = groups.get("compacted").newTopic("state-1");
        assertEquals("state-1", compacted.name());
        assertEquals(-1, compacted.numPartitions(), "left to the broker");
        assertEquals((short) 3, compacted.replicationFactor());
        assertEquals(Map.of("cleanup.policy", "compact"), compacted.configs());

        NewTopic logs = groups.get("logs").newTopic("logs-1");
        assertEquals(12, logs.numPartitions());
        assertEquals(Map.of(), logs.configs());
    }

    @Test
    void theFirstMatchingGroupWinsElseTheDefault() {
        TopicCreation creation = TopicCreation.newTopicCreation(workerConfig(true), groups());

        assertTrue(creation.isTopicCreationEnabled());
        assertEquals("compacted", creation.findFirstGroup("state-1").name(), "listed first");
        assertEquals("logs", creation.findFirstGroup("logs-1").name());
        assertEquals("logs", creation.findFirstGroup("state-tmp-1").name(), "excluded from the first group");
        assertSame(creation.defaultTopicGroup(), creation.findFirstGroup("other"));
        assertEquals(List.of("compacted", "logs"), List.copyOf(creation.topicGroups().keySet()));
    }

    @Test
    void topicsAreCheckedOnlyUntilSeen() {
        TopicCreation creation = TopicCreation.newTopicCreation(workerConfig(true), groups());

        assertTrue(creation.isTopicCreationRequired("t"));
        creation.addTopic("t");
        assertFalse(creation.isTopicCreationRequired("t"));
        assertTrue(creation.isTopicCreationRequired("u"));
    }

    @Test
    void creationIsDisabledByTheWorkerOrWithoutGroups() {
        TopicCreation disabledByWorker = TopicCreation.newTopicCreation(workerConfig(false), groups());
        assertFalse(disabledByWorker.isTopicCreationEnabled());
        assertFalse(disabledByWorker.isTopicCreationRequired("t"));

        Map<String, TopicCreationGroup> none = TopicCreationGroup.configuredGroups(sourceConfig());
        assertEquals(Map.of(), none);
        assertFalse(TopicCreation.newTopicCreation(workerConfig(true), none).isTopicCreationEnabled());
        assertFalse(TopicCreation.empty().isTopicCreationRequired("t"));
    }
}
