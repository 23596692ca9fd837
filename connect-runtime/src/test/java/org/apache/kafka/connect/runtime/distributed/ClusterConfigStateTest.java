package org.apache.kafka.connect.runtime.distributed;

import org.apache.kafka.connect.runtime.TargetState;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterConfigStateTest {

    @Test
    void emptySnapshotKnowsNothing() {
        ClusterConfigState empty = ClusterConfigState.EMPTY;
        assertEquals(ClusterConfigState.NO_OFFSET, empty.offset());
        assertTrue(empty.connectors().isEmpty());
        assertFalse(empty.contains("c"));
        assertNull(empty.connectorConfig("c"));
        assertNull(empty.targetState("c"));
        assertEquals(0, empty.taskCount("c"));
        assertTrue(empty.tasks("c").isEmpty());
    }

    @Test
    void tasksAreListedInIdOrder() {
        ClusterConfigState state = new ClusterConfigState.Builder()
                .offset(7)
                .connector("c", Map.of("name", "c"), TargetState.PAUSED,
                        List.of(Map.of("t", "0"), Map.of("t", "1"), Map.of("t", "2")), Map.of("name", "c"))
                .build();
        assertEquals(7, state.offset());
        assertEquals(Set.of("c"), state.connectors());
        assertEquals(TargetState.PAUSED, state.targetState("c"));
        assertEquals(List.of(new ConnectorTaskId("c", 0), new ConnectorTaskId("c", 1), new ConnectorTaskId("c", 2)),
                state.tasks("c"));
        assertEquals(Map.of("t", "2"), state.taskConfig(new ConnectorTaskId("c", 2)));
        assertEquals(state.rawConnectorConfig("c"), state.connectorConfig("c"));
    }

    @Test
    void inconsistentConnectorReportsNoTasks() {
        ClusterConfigState state = new ClusterConfigState.Builder()
                .connector("c", Map.of(), TargetState.STARTED, List.of(Map.of()), null)
                .inconsistent("c")
                .build();
        assertEquals(1, state.taskCount("c"));
        assertTrue(state.tasks("c").isEmpty());
        assertEquals(Set.of("c"), state.inconsistentConnectors());
    }

    @Test
    void rawConfigsMayHoldNullValuesAndAreCopied() {
        Map<String, String> config = new HashMap<>();
        config.put("name", "c");
        config.put("x", null);
        ClusterConfigState state = new ClusterConfigState.Builder()
                .connector("c", config, TargetState.STARTED, List.of(), null)
                .build();
        config.put("later", "v");
        assertTrue(state.rawConnectorConfig("c").containsKey("x"));
        assertFalse(state.rawConnectorConfig("c").containsKey("later"));
    }
}
