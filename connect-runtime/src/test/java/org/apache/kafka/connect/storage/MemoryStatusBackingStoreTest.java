package org.apache.kafka.connect.storage;

import org.apache.kafka.connect.runtime.AbstractStatus.State;
import org.apache.kafka.connect.runtime.ConnectorStatus;
import org.apache.kafka.connect.runtime.TaskStatus;
import org.apache.kafka.connect.runtime.TopicStatus;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryStatusBackingStoreTest {

    private final MemoryStatusBackingStore store = new MemoryStatusBackingStore();

    @Test
    void latestConnectorStatusWinsAndDestroyedRemovesIt() {
        store.put(new ConnectorStatus("c", State.RUNNING, "w1:8083", 0));
        store.put(new ConnectorStatus("c", State.PAUSED, "w1:8083", 0));
        assertEquals(State.PAUSED, store.get("c").state());
        assertEquals(Set.of("c"), store.connectors());

        store.put(new ConnectorStatus("c", State.DESTROYED, "w1:8083", 0));
        assertNull(store.get("c"));
        assertTrue(store.connectors().isEmpty());
    }

    @Test
    void taskStatusesAreKeptPerConnector() {
        ConnectorTaskId t0 = new ConnectorTaskId("c", 0);
        ConnectorTaskId t1 = new ConnectorTaskId("c", 1);
        store.put(new TaskStatus(t0, State.RUNNING, "w", 0));
        store.put(new TaskStatus(t1, State.FAILED, "w", 0, "trace", "1.0"));
        store.put(new TaskStatus(new ConnectorTaskId("other", 0), State.RUNNING, "w", 0));

        assertEquals(Set.of(t0, t1), store.getAll("c").stream().map(TaskStatus::id).collect(Collectors.toSet()));
        assertEquals("trace", store.get(t1).trace());

        store.put(new TaskStatus(t0, State.DESTROYED, "w", 0));
        assertNull(store.get(t0));
        assertEquals(1, store.getAll("c").size());
        assertTrue(store.getAll("unknown").isEmpty());
    }

    @Test
    void safeWriteDoesNotReplaceNewerGenerationOfAnotherWorker() {
        store.put(new ConnectorStatus("c", State.RUNNING, "other:8083", 5));
        store.putSafe(new ConnectorStatus("c", State.UNASSIGNED, "me:8083", 4));
        assertEquals(State.RUNNING, store.get("c").state());

        store.putSafe(new ConnectorStatus("c", State.FAILED, "me:8083", 5));
        assertEquals(State.FAILED, store.get("c").state());

        ConnectorTaskId id = new ConnectorTaskId("c", 0);
        store.put(new TaskStatus(id, State.RUNNING, "other:8083", 3));
        store.putSafe(new TaskStatus(id, State.UNASSIGNED, "me:8083", 2));
        assertEquals(State.RUNNING, store.get(id).state());
        store.putSafe(new TaskStatus(id, State.UNASSIGNED, "other:8083", 2));
        assertEquals(State.UNASSIGNED, store.get(id).state());
    }

    @Test
    void topicsAreTrackedPerConnectorAndDeletable() {
        store.put(new TopicStatus("t1", "c", 0, 10L));
        store.put(new TopicStatus("t2", "c", 1, 20L));
        store.put(new TopicStatus("t1", "d", 0, 30L));

        assertEquals(2, store.getAllTopics("c").size());
        assertEquals(20L, store.getTopic("c", "t2").discoverTimestamp());

        store.deleteTopic("c", "t1");
        assertNull(store.getTopic("c", "t1"));
        assertEquals(1, store.getAllTopics("c").size());
        assertEquals(1, store.getAllTopics("d").size());
        assertTrue(store.getAllTopics("unknown").isEmpty());
    }
}
