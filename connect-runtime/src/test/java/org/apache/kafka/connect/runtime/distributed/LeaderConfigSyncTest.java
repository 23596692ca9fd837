package org.apache.kafka.connect.runtime.distributed;

import org.apache.kafka.connect.runtime.TargetState;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LeaderConfigSyncTest {

    private static final Map<String, WorkerState> MEMBERS = Map.of(
            "leader", new WorkerState("http://leader/", 5, null),
            "follower", new WorkerState("http://follower/", 9, null));
    private static final ConnectAssignor.Round ROUND = new ConnectAssignor.Round("leader",
            ConnectProtocolCompatibility.SESSIONED, 2, 1, MEMBERS, -1, ConnectorsAndTasks.EMPTY, 0);

    @Test
    void behindLeaderRefreshesItsSnapshotOnceAndAssignsFromIt() {
        AtomicInteger refreshes = new AtomicInteger();
        ConnectAssignor.Result result = LeaderConfigSync.assign(new EagerAssignor(), ROUND, snapshot(5),
                () -> {
                    refreshes.incrementAndGet();
                    return snapshot(10);
                });
        assertEquals(1, refreshes.get());
        ConnectAssignment leader = result.assignments().get("leader");
        assertEquals(ConnectAssignment.NO_ERROR, leader.error());
        assertEquals(10, leader.configOffset());
        assertEquals(2, result.owned().values().stream().mapToInt(ConnectorsAndTasks::size).sum());
    }

    @Test
    void stillBehindAfterRefreshMeansConfigMismatchForEveryone() {
        ConnectAssignor.Result result = LeaderConfigSync.assign(new EagerAssignor(), ROUND, snapshot(5),
                () -> snapshot(8));
        for (ConnectAssignment assignment : result.assignments().values()) {
            assertEquals(ConnectAssignment.CONFIG_MISMATCH, assignment.error());
            assertEquals(8, assignment.configOffset());
            assertEquals(2, assignment.version());
            assertEquals(ConnectorsAndTasks.EMPTY, assignment.assigned());
        }
        assertEquals(2, result.assignments().size());
    }

    @Test
    void configuredWorkSkipsTasksOfInconsistentConnectors() {
        ClusterConfigState state = new ClusterConfigState.Builder().offset(3)
                .connector("a", Map.of(), TargetState.STARTED, List.of(Map.of(), Map.of()), null)
                .connector("b", Map.of(), TargetState.STARTED, List.of(Map.of()), null)
                .inconsistent("b")
                .build();
        assertEquals(new ConnectorsAndTasks(List.of("a", "b"),
                        List.of(new ConnectorTaskId("a", 0), new ConnectorTaskId("a", 1))),
                LeaderConfigSync.configuredWork(state));
    }

    private static ClusterConfigState snapshot(long offset) {
        return new ClusterConfigState.Builder().offset(offset)
                .connector("c", Map.of(), TargetState.STARTED, List.of(Map.of()), null)
                .build();
    }
}
