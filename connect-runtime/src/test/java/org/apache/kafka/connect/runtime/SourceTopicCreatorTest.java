package org.apache.kafka.connect.runtime;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.runtime.SourceTaskTestKit.FakeAdmin;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.apache.kafka.connect.util.TopicCreationGroup;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourceTopicCreatorTest {

    private static final ConnectorTaskId ID = new ConnectorTaskId("creator", 0);

    private final FakeAdmin fakeAdmin = new FakeAdmin();

    @Test
    void aMissingTopicIsCreatedWithTheFirstMatchingGroup() {
        SourceTopicCreator creator = creator(true, groups());
        creator.ensureTopic("logs-app");
        creator.ensureTopic("metrics-cpu");

        assertEquals(List.of("logs-app", "metrics-cpu"), fakeAdmin.described);
        NewTopic logs = fakeAdmin.created.get(0);
        assertEquals("logs-app", logs.name());
        assertEquals(2, logs.numPartitions());
        assertEquals(1, logs.replicationFactor());
        assertEquals(Map.of("cleanup.policy", "compact"), logs.configs());
        // Excluded from "logs", so the default group applies (-1 replication factor = the broker's default).
        NewTopic metrics = fakeAdmin.created.get(1);
        assertEquals(5, metrics.numPartitions());
        assertEquals(-1, metrics.replicationFactor());
    }

    @Test
    void theGroupOrderDecidesWhenSeveralMatch() {
        Map<String, TopicCreationGroup> groups = new LinkedHashMap<>();
        groups.put("first", new TopicCreationGroup("first", List.of("a.*"), List.of(), 3, (short) 1, Map.of()));
        groups.put("second", new TopicCreationGroup("second", List.of("ab.*"), List.of(), 4, (short) 1, Map.of()));
        groups.put("default", new TopicCreationGroup("default", List.of(".*"), List.of(), 1, (short) 1, Map.of()));
        creator(true, groups).ensureTopic("abc");
        assertEquals(3, fakeAdmin.created.get(0).numPartitions());
    }

    @Test
    void eachTopicIsCheckedOnce() {
        SourceTopicCreator creator = creator(true, groups());
        creator.ensureTopic("logs-app");
        creator.ensureTopic("logs-app");
        assertEquals(List.of("logs-app"), fakeAdmin.described);
        assertEquals(1, fakeAdmin.created.size());
    }

    @Test
    void anExistingTopicIsNotCreated() {
        fakeAdmin.existing.add("logs-app");
        creator(true, groups()).ensureTopic("logs-app");
        assertTrue(fakeAdmin.created.isEmpty());
    }

    @Test
    void aTopicCreatedConcurrentlyCountsAsFound() {
        SourceTopicCreator creator = creator(true, groups());
        fakeAdmin.createFailures.add(new org.apache.kafka.common.errors.TopicExistsException("raced"));
        creator.ensureTopic("logs-app");
        creator.ensureTopic("logs-app");
        assertEquals(List.of("logs-app"), fakeAdmin.described, "found, so not checked again");
    }

    @Test
    void aRefusedCreationFailsWithApachesMessage() {
        fakeAdmin.createFailures.add(new TopicAuthorizationException("not allowed"));
        ConnectException e = assertThrows(ConnectException.class,
                () -> creator(true, groups()).ensureTopic("events"));
        assertEquals("Task failed to create new topic events. Ensure that the task is authorized to create topics "
                + "or that the topic exists and restart the task", e.getMessage());
    }

    @Test
    void aTimeoutIsRetriableAndTheTopicIsCheckedAgain() {
        SourceTopicCreator creator = creator(true, groups());
        fakeAdmin.createFailures.add(new TimeoutException("slow broker"));
        assertThrows(RetriableException.class, () -> creator.ensureTopic("events"));
        creator.ensureTopic("events");
        assertEquals(List.of("events", "events"), fakeAdmin.described);
        assertEquals("events", fakeAdmin.created.get(0).name());
    }

    @Test
    void nothingHappensWhenTheWorkerOrTheConnectorDisablesTopicCreation() {
        SourceTopicCreator workerDisabled = creator(false, groups());
        SourceTopicCreator noGroups = creator(true, null);
        SourceTopicCreator noAdmin = new SourceTopicCreator(ID, workerConfig(true), null, groups());
        for (SourceTopicCreator creator : List.of(workerDisabled, noGroups, noAdmin)) {
            assertFalse(creator.isEnabled());
            creator.ensureTopic("events");
        }
        assertTrue(fakeAdmin.described.isEmpty());
    }

    private SourceTopicCreator creator(boolean workerAllows, Map<String, TopicCreationGroup> groups) {
        return new SourceTopicCreator(ID, workerConfig(workerAllows), fakeAdmin.admin(), groups);
    }

    private static Map<String, TopicCreationGroup> groups() {
        Map<String, TopicCreationGroup> groups = new LinkedHashMap<>();
        groups.put("logs", new TopicCreationGroup("logs", List.of("logs-.*", "metrics-.*"), List.of("metrics-.*"), 2,
                (short) 1, Map.of("cleanup.policy", "compact")));
        groups.put("default", new TopicCreationGroup("default", List.of(".*"), List.of(), 5, (short) -1, Map.of()));
        return groups;
    }

    private static WorkerConfig workerConfig(boolean topicCreation) {
        return new StandaloneConfig(Map.of(
                "bootstrap.servers", "localhost:9092",
                "key.converter", "org.apache.kafka.connect.storage.StringConverter",
                "value.converter", "org.apache.kafka.connect.storage.StringConverter",
                "offset.storage.file.filename", "/tmp/unused-offsets",
                "topic.creation.enable", String.valueOf(topicCreation)));
    }
}
