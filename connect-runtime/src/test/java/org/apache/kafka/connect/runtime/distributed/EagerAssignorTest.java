package org.apache.kafka.connect.runtime.distributed;

import org.apache.kafka.connect.util.ConnectorTaskId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EagerAssignorTest {

    @Test
    void roundRobinContinuesFromConnectorsIntoTasks() {
        ConnectorsAndTasks configured = new ConnectorsAndTasks(List.of("b", "a"), List.of(
                task("a", 0), task("a", 1), task("b", 0), task("b", 1), task("b", 2)));
        Map<String, WorkerState> members = Map.of(
                "m3", new WorkerState("http://w3/", 5, null),
                "m1", new WorkerState("http://w1/", 7, null),
                "m2", new WorkerState("http://w2/", 7, null));
        ConnectAssignor.Result result = new EagerAssignor().performAssignment(new ConnectAssignor.Round("m2",
                ConnectProtocolCompatibility.EAGER, 4, 3, members, 7, configured, 0));

        // Sorted members m1, m2, m3: a -> m1, b -> m2, then a-0 -> m3, a-1 -> m1, b-0 -> m2, b-1 -> m3, b-2 -> m1.
        assertEquals(new ConnectorsAndTasks(List.of("a"), List.of(task("a", 1), task("b", 2))),
                result.assignments().get("m1").assigned());
        assertEquals(new ConnectorsAndTasks(List.of("b"), List.of(task("b", 0))),
                result.assignments().get("m2").assigned());
        assertEquals(new ConnectorsAndTasks(List.of(), List.of(task("a", 0), task("b", 1))),
                result.assignments().get("m3").assigned());
        for (ConnectAssignment assignment : result.assignments().values()) {
            assertEquals(0, assignment.version());
            assertEquals(ConnectAssignment.NO_ERROR, assignment.error());
            assertEquals("m2", assignment.leader());
            assertEquals("http://w2/", assignment.leaderUrl());
            assertEquals(7, assignment.configOffset());
            assertEquals(ConnectorsAndTasks.EMPTY, assignment.revoked());
        }
        assertEquals(result.assignments().get("m3").assigned(), result.owned().get("m3"));
    }

    @Test
    void membersWithoutWorkStillGetAnAssignment() {
        ConnectorsAndTasks configured = new ConnectorsAndTasks(List.of("a"), List.of());
        Map<String, WorkerState> members = Map.of("m1", new WorkerState("u1", 1, null),
                "m2", new WorkerState("u2", 1, null));
        ConnectAssignor.Result result = new EagerAssignor().performAssignment(new ConnectAssignor.Round("m1",
                ConnectProtocolCompatibility.EAGER, 1, -1, members, 1, configured, 0));
        assertEquals(ConnectorsAndTasks.EMPTY, result.assignments().get("m2").assigned());
        assertEquals(2, result.assignments().size());
    }

    private static ConnectorTaskId task(String connector, int id) {
        return new ConnectorTaskId(connector, id);
    }
}
