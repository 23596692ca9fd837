package org.apache.kafka.connect.storage;

import org.apache.kafka.connect.runtime.TargetState;
import org.apache.kafka.connect.runtime.distributed.ClusterConfigState;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryConfigBackingStoreTest {

    private final MemoryConfigBackingStore store = new MemoryConfigBackingStore();
    private final List<String> events = new ArrayList<>();

    @BeforeEach
    void listen() {
        store.setUpdateListener(new ConfigBackingStore.UpdateListener() {
            @Override
            public void onConnectorConfigRemove(String connector) {
                events.add("remove " + connector);
            }

            @Override
            public void onConnectorConfigUpdate(String connector) {
                // The change must already be visible to the listener.
                events.add("update " + connector + " " + store.snapshot().rawConnectorConfig(connector));
            }

            @Override
            public void onTaskConfigUpdate(Collection<ConnectorTaskId> tasks) {
                events.add("tasks " + tasks);
            }

            @Override
            public void onConnectorTargetStateChange(String connector) {
                events.add("state " + connector + " " + store.snapshot().targetState(connector));
            }
        });
    }

    @Test
    void newConnectorDefaultsToStartedAndKeepsItsStateOnReplace() {
        store.putConnectorConfig("c", Map.of("k", "v1"), null);
        assertEquals(TargetState.STARTED, store.snapshot().targetState("c"));

        store.putConnectorConfig("d", Map.of("k", "v"), TargetState.PAUSED);
        store.putConnectorConfig("d", Map.of("k", "v2"), null);
        ClusterConfigState snapshot = store.snapshot();
        assertEquals(TargetState.PAUSED, snapshot.targetState("d"));
        assertEquals(Map.of("k", "v2"), snapshot.rawConnectorConfig("d"));
        assertEquals(List.of("update c {k=v1}", "update d {k=v}", "update d {k=v2}"), events);
    }

    @Test
    void snapshotsAreImmutableCopies() {
        store.putConnectorConfig("c", Map.of("k", "v1"), null);
        ClusterConfigState before = store.snapshot();
        store.putConnectorConfig("c", Map.of("k", "v2"), null);
        assertEquals(Map.of("k", "v1"), before.rawConnectorConfig("c"));
        assertThrows(UnsupportedOperationException.class, () -> before.rawConnectorConfig("c").put("x", "y"));
    }

    @Test
    void taskConfigsRecordTheConnectorConfigTheyWereGeneratedFrom() {
        store.putConnectorConfig("c", Map.of("k", "v1"), null);
        assertNull(store.snapshot().appliedConnectorConfig("c"));
        store.putTaskConfigs("c", List.of(Map.of("t", "0"), Map.of("t", "1")));

        ClusterConfigState snapshot = store.snapshot();
        assertEquals(2, snapshot.taskCount("c"));
        assertEquals(List.of(new ConnectorTaskId("c", 0), new ConnectorTaskId("c", 1)), snapshot.tasks("c"));
        assertEquals(Map.of("t", "1"), snapshot.rawTaskConfig(new ConnectorTaskId("c", 1)));
        assertEquals(Map.of("k", "v1"), snapshot.appliedConnectorConfig("c"));

        store.putConnectorConfig("c", Map.of("k", "v2"), null);
        assertEquals(Map.of("k", "v1"), store.snapshot().appliedConnectorConfig("c"));

        events.clear();
        store.putTaskConfigs("c", List.of(Map.of("t", "0")));
        // Task 1 no longer exists: it is reported too, so a listener can stop it.
        assertEquals(List.of("tasks [c-0, c-1]"), events);
        assertNull(store.snapshot().rawTaskConfig(new ConnectorTaskId("c", 1)));
        assertEquals(Map.of("k", "v2"), store.snapshot().appliedConnectorConfig("c"));

        store.removeTaskConfigs("c");
        assertEquals(0, store.snapshot().taskCount("c"));
        assertTrue(store.snapshot().tasks("c").isEmpty());
    }

    @Test
    void targetStateChangesAreReportedOnlyWhenTheyChange() {
        store.putConnectorConfig("c", Map.of(), null);
        events.clear();
        store.putTargetState("c", TargetState.STARTED);
        store.putTargetState("c", TargetState.STOPPED);
        store.putTargetState("c", TargetState.STOPPED);
        assertEquals(List.of("state c STOPPED"), events);
        assertThrows(IllegalArgumentException.class, () -> store.putTargetState("unknown", TargetState.PAUSED));
    }

    @Test
    void removingAConnectorRemovesEverythingAboutIt() {
        store.putConnectorConfig("c", Map.of("k", "v"), TargetState.PAUSED);
        store.putTaskConfigs("c", List.of(Map.of("t", "0")));
        events.clear();

        store.removeConnectorConfig("c");
        store.removeConnectorConfig("c");

        ClusterConfigState snapshot = store.snapshot();
        assertFalse(snapshot.contains("c"));
        assertFalse(store.contains("c"));
        assertNull(snapshot.targetState("c"));
        assertEquals(0, snapshot.taskCount("c"));
        assertNull(snapshot.rawTaskConfig(new ConnectorTaskId("c", 0)));
        assertEquals(List.of("remove c"), events);
    }
}
