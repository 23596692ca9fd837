package org.apache.kafka.connect.util;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.integration.EmbeddedKafkaBroker;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InternalTopicInitializerTest {

    private static final EmbeddedKafkaBroker BROKER = EmbeddedKafkaBroker.shared();

    private static InternalTopicInitializer initializer(boolean automaticCreation) {
        return new InternalTopicInitializer(Map.of("bootstrap.servers", BROKER.bootstrapServers()),
                automaticCreation, Time.SYSTEM);
    }

    private static String topicName() {
        return "internal-" + UUID.randomUUID();
    }

    private static InternalTopicInitializer.TopicSpec spec(String topic, int partitions, boolean singlePartition,
                                                           Map<String, String> configs) {
        return InternalTopicInitializer.TopicSpec.of(topic, "offset.storage.topic", partitions, (short) 1, configs,
                singlePartition);
    }

    private static void createTopic(String topic, int partitions, Map<String, String> configs) throws Exception {
        try (Admin admin = BROKER.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(configs))).all().get();
        }
    }

    @Test
    void createsAMissingTopicCompactedWithThePartitionsAndExtraConfigs() throws Exception {
        String topic = topicName();
        initializer(true).initialize(spec(topic, 4, false,
                Map.of("cleanup.policy", "delete", "min.compaction.lag.ms", "1234")));
        try (Admin admin = BROKER.admin()) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            assertEquals(4, description.partitions().size());
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertEquals("compact", config.get("cleanup.policy").value());
            assertEquals("1234", config.get("min.compaction.lag.ms").value());
        }
    }

    @Test
    void acceptsAnExistingCompactedTopicAsItIs() throws Exception {
        String topic = topicName();
        createTopic(topic, 2, Map.of("cleanup.policy", "compact"));
        initializer(true).initialize(spec(topic, 25, false, Map.of()));
        try (Admin admin = BROKER.admin()) {
            assertEquals(2, admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().size());
        }
    }

    @Test
    void refusesAnExistingTopicThatIsNotOnlyCompacted() throws Exception {
        for (String policy : List.of("delete", "compact,delete")) {
            String topic = topicName();
            createTopic(topic, 1, Map.of("cleanup.policy", policy));
            ConfigException e = assertThrows(ConfigException.class,
                    () -> initializer(true).initialize(spec(topic, 1, false, Map.of())));
            assertTrue(e.getMessage().contains("'" + topic + "'"), e.getMessage());
            assertTrue(e.getMessage().contains("cleanup.policy=compact"), e.getMessage());
            assertTrue(e.getMessage().contains("offset.storage.topic"), e.getMessage());
        }
    }

    @Test
    void refusesASinglePartitionTopicWithMorePartitions() throws Exception {
        String topic = topicName();
        createTopic(topic, 2, Map.of("cleanup.policy", "compact"));
        ConfigException e = assertThrows(ConfigException.class,
                () -> initializer(true).initialize(spec(topic, 1, true, Map.of())));
        assertTrue(e.getMessage().contains("exactly one partition"), e.getMessage());
    }

    @Test
    void withoutAutomaticCreationAMissingTopicFailsWithTheSpecMessage() throws Exception {
        String topic = topicName();
        ConfigException e = assertThrows(ConfigException.class, () -> initializer(false).initialize(
                InternalTopicInitializer.TopicSpec.of(topic, "status.storage.topic", 5, (short) 1, Map.of(), false)));
        assertEquals("Topic '" + topic + "' specified via the 'status.storage.topic' property is missing. The config "
                + "'internal.topics.automatic.creation.enable' is set to 'false', so automatic creation of internal "
                + "topics is disabled. Either enable automatic creation or create the topics manually.",
                e.getMessage());
        try (Admin admin = BROKER.admin()) {
            Set<String> topics = admin.listTopics().names().get();
            assertFalse(topics.contains(topic));
        }
    }

    @Test
    void withoutAutomaticCreationAnExistingTopicIsStillChecked() throws Exception {
        String good = topicName();
        createTopic(good, 1, Map.of("cleanup.policy", "compact"));
        initializer(false).initialize(spec(good, 1, true, Map.of()));

        String bad = topicName();
        createTopic(bad, 1, Map.of("cleanup.policy", "delete"));
        assertThrows(ConfigException.class, () -> initializer(false).initialize(spec(bad, 1, true, Map.of())));
    }
}
