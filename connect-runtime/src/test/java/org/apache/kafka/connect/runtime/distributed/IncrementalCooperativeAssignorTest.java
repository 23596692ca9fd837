package org.apache.kafka.connect.runtime.distributed;

import org.apache.kafka.connect.util.ConnectorTaskId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IncrementalCooperativeAssignorTest {

    private static final int MAX_DELAY = 300_000;

    /** What each member runs, applied from the assignments as a worker would. */
    private final Map<String, ConnectorsAndTasks> running = new TreeMap<>();
    private ConnectorsAndTasks configured;
    private int generation = 0;
    private long now = 1_000;

    @BeforeEach
    void fourConnectorsOf25Tasks() {
        configured = work(4, 25);
    }

    @Test
    void threeWorkersShare100TasksWithinOneOfEachOther() {
        IncrementalCooperativeAssignor assignor = new IncrementalCooperativeAssignor(MAX_DELAY);
        join("w1", "w2", "w3");
        ConnectAssignor.Result result = rebalance(assignor);

        assertNoRevocations(result);
        assertEquals(0, result.assignments().get("w1").delay());
        assertBalanced();
        assertEquals(configured, allRunning());
        assertEquals(2, result.assignments().get("w1").version());
        assertEquals("http://w1/", result.assignments().get("w3").leaderUrl());
    }

    @Test
    void joiningWorkerOnlyCausesTheSurplusToBeRevoked() {
        IncrementalCooperativeAssignor assignor = new IncrementalCooperativeAssignor(MAX_DELAY);
        join("w1", "w2", "w3");
        rebalance(assignor);
        Map<String, ConnectorsAndTasks> before = new TreeMap<>(running);

        join("w4");
        ConnectAssignor.Result first = rebalance(assignor);
        int revokedTasks = 0;
        for (ConnectAssignment assignment : first.assignments().values()) {
            assertTrue(assignment.assigned().isEmpty(), "nothing moves before it is released");
            revokedTasks += assignment.revokedTasks().size();
        }
        assertEquals(100 - 3 * 25, revokedTasks);
        assertTrue(first.assignments().get("w4").revoked().isEmpty());
        // Connectors were already as balanced as 4 over 4 workers allows after the new one gets one.
        assertEquals(1, first.assignments().values().stream().mapToInt(a -> a.revokedConnectors().size()).sum());

        ConnectAssignor.Result second = rebalance(assignor);
        assertNoRevocations(second);
        assertEquals(25, running.get("w4").tasks().size());
        assertBalanced();
        for (String member : List.of("w1", "w2", "w3")) {
            assertTrue(before.get(member).tasks().containsAll(running.get(member).tasks()),
                    member + " kept the rest of its tasks");
        }
        assertEquals(configured, allRunning());
    }

    @Test
    void departedWorkersWorkIsHeldForTheDelayThenRedistributed() {
        IncrementalCooperativeAssignor assignor = new IncrementalCooperativeAssignor(MAX_DELAY);
        join("w1", "w2", "w3");
        rebalance(assignor);
        ConnectorsAndTasks lost = running.remove("w3");

        ConnectAssignor.Result held = rebalance(assignor);
        assertNoRevocations(held);
        assertTrue(held.assignments().values().stream().allMatch(a -> a.assigned().isEmpty()));
        assertEquals(MAX_DELAY, held.assignments().get("w1").delay());

        now += 100_000;
        ConnectAssignor.Result stillHeld = rebalance(assignor);
        assertEquals(MAX_DELAY - 100_000, stillHeld.assignments().get("w2").delay());
        assertTrue(stillHeld.assignments().values().stream().allMatch(a -> a.assigned().isEmpty()));

        now += MAX_DELAY - 100_000;
        ConnectAssignor.Result redistributed = rebalance(assignor);
        assertNoRevocations(redistributed);
        assertEquals(0, redistributed.assignments().get("w1").delay());
        assertTrue(allRunning().tasks().containsAll(lost.tasks()));
        assertEquals(configured, allRunning());
        assertBalanced();
    }

    @Test
    void workerReturningWithinTheDelayGetsTheLostWork() {
        IncrementalCooperativeAssignor assignor = new IncrementalCooperativeAssignor(MAX_DELAY);
        join("w1", "w2", "w3");
        rebalance(assignor);
        ConnectorsAndTasks lost = running.remove("w3");
        rebalance(assignor);

        now += 60_000;
        join("w3-again");
        ConnectAssignor.Result rejoined = rebalance(assignor);
        assertTrue(rejoined.assignments().get("w3-again").assigned().isEmpty());
        assertEquals(MAX_DELAY - 60_000, rejoined.assignments().get("w3-again").delay());

        now += MAX_DELAY - 60_000;
        ConnectAssignor.Result expired = rebalance(assignor);
        assertEquals(lost, expired.assignments().get("w3-again").assigned());
        assertNoRevocations(expired);
        assertEquals(lost, running.get("w3-again"));
    }

    @Test
    void workerStillRunningItsWorkWhenItRejoinsCancelsTheDelay() {
        IncrementalCooperativeAssignor assignor = new IncrementalCooperativeAssignor(MAX_DELAY);
        join("w1", "w2", "w3");
        rebalance(assignor);
        ConnectorsAndTasks w3 = running.remove("w3");
        rebalance(assignor);

        running.put("w3", w3);
        now += 10_000;
        ConnectAssignor.Result back = rebalance(assignor);
        assertNoRevocations(back);
        assertTrue(back.assignments().values().stream().allMatch(a -> a.assigned().isEmpty() && a.delay() == 0));
    }

    @Test
    void withoutADelayLostWorkIsReassignedAtOnce() {
        IncrementalCooperativeAssignor assignor = new IncrementalCooperativeAssignor(0);
        join("w1", "w2", "w3");
        rebalance(assignor);
        running.remove("w2");

        ConnectAssignor.Result result = rebalance(assignor);
        assertEquals(0, result.assignments().get("w1").delay());
        assertEquals(configured, allRunning());
        assertBalanced();
    }

    @Test
    void deletedWorkIsRevokedAndNewWorkAssigned() {
        IncrementalCooperativeAssignor assignor = new IncrementalCooperativeAssignor(MAX_DELAY);
        join("w1", "w2");
        configured = work(2, 2);
        rebalance(assignor);

        // Connector c0 is deleted; c2 with two tasks is created.
        configured = new ConnectorsAndTasks(List.of("c1", "c2"),
                List.of(task("c1", 0), task("c1", 1), task("c2", 0), task("c2", 1)));
        ConnectAssignor.Result result = rebalance(assignor);
        ConnectorsAndTasks revoked = result.assignments().values().stream().map(ConnectAssignment::revoked)
                .reduce(ConnectorsAndTasks.EMPTY, ConnectorsAndTasks::union);
        assertEquals(new ConnectorsAndTasks(List.of("c0"), List.of(task("c0", 0), task("c0", 1))), revoked);
        assertEquals(configured, allRunning());
        assertBalanced();
    }

    @Test
    void workRunTwiceIsRevokedFromAllItsHoldersThenReassigned() {
        IncrementalCooperativeAssignor assignor = new IncrementalCooperativeAssignor(MAX_DELAY);
        configured = work(1, 2);
        running.put("w1", new ConnectorsAndTasks(List.of("c0"), List.of(task("c0", 0))));
        running.put("w2", new ConnectorsAndTasks(List.of(), List.of(task("c0", 0), task("c0", 1))));

        ConnectAssignor.Result result = rebalance(assignor);
        assertEquals(List.of(task("c0", 0)), List.copyOf(result.assignments().get("w1").revokedTasks()));
        assertEquals(List.of(task("c0", 0)), List.copyOf(result.assignments().get("w2").revokedTasks()));

        rebalance(assignor);
        assertEquals(configured, allRunning());
    }

    @Test
    void revokingAgainRightAfterARevokingRoundBacksOff() {
        IncrementalCooperativeAssignor assignor = new IncrementalCooperativeAssignor(MAX_DELAY);
        join("w1", "w2");
        rebalance(assignor);
        join("w3");
        ConnectAssignor.Result revoking = rebalance(assignor);
        assertTrue(revoking.assignments().values().stream().anyMatch(a -> !a.revoked().isEmpty()));

        // Another worker joins before the follow-up: balancing would revoke again, so it waits 40 ms first.
        join("w4");
        ConnectAssignor.Result backedOff = rebalance(assignor);
        assertNoRevocations(backedOff);
        assertEquals(40, backedOff.assignments().get("w1").delay());

        now += 40;
        ConnectAssignor.Result afterBackoff = rebalance(assignor);
        assertTrue(afterBackoff.assignments().values().stream().anyMatch(a -> !a.revoked().isEmpty()));
        rebalance(assignor);
        assertEquals(configured, allRunning());
        assertBalanced();
    }

    @Test
    void staleStateFromAnIncompleteGenerationIsDropped() {
        IncrementalCooperativeAssignor assignor = new IncrementalCooperativeAssignor(MAX_DELAY);
        join("w1", "w2");
        rebalance(assignor);
        running.remove("w2");
        // The last completed generation is not the one the assignor computed: its memory of w2's work is void.
        generation += 5;
        ConnectAssignor.Result result = rebalance(assignor);
        assertEquals(0, result.assignments().get("w1").delay());
        assertEquals(configured, allRunning());
    }

    private ConnectAssignor.Result rebalance(IncrementalCooperativeAssignor assignor) {
        Map<String, WorkerState> members = new TreeMap<>();
        running.forEach((member, work) -> members.put(member, new WorkerState("http://" + member + "/", 10,
                new ConnectAssignment((short) 2, ConnectAssignment.NO_ERROR, "w1", "http://w1/", 10, work,
                        ConnectorsAndTasks.EMPTY, 0))));
        int lastCompleted = generation;
        generation++;
        String leader = members.keySet().iterator().next();
        ConnectAssignor.Result result = assignor.performAssignment(new ConnectAssignor.Round(leader,
                ConnectProtocolCompatibility.SESSIONED, generation, lastCompleted, members, 10, configured, now));
        result.assignments().forEach((member, assignment) -> running.put(member,
                running.get(member).minus(assignment.revoked()).union(assignment.assigned())));
        assertEquals(running, result.owned());
        return result;
    }

    private void join(String... members) {
        for (String member : members) {
            running.put(member, ConnectorsAndTasks.EMPTY);
        }
    }

    private ConnectorsAndTasks allRunning() {
        return running.values().stream().reduce(ConnectorsAndTasks.EMPTY, ConnectorsAndTasks::union);
    }

    private void assertBalanced() {
        IntSummaryStatisticsPair stats = new IntSummaryStatisticsPair();
        running.values().forEach(stats::accept);
        assertTrue(stats.connectorsMax - stats.connectorsMin <= 1, "connectors balanced: " + running);
        assertTrue(stats.tasksMax - stats.tasksMin <= 1, "tasks balanced: " + running);
    }

    private static void assertNoRevocations(ConnectAssignor.Result result) {
        result.assignments().forEach((member, assignment) ->
                assertEquals(ConnectorsAndTasks.EMPTY, assignment.revoked(), member + " revoked nothing"));
    }

    private static ConnectorsAndTasks work(int connectors, int tasksEach) {
        List<String> names = new ArrayList<>();
        List<ConnectorTaskId> tasks = new ArrayList<>();
        for (int c = 0; c < connectors; c++) {
            names.add("c" + c);
            for (int t = 0; t < tasksEach; t++) {
                tasks.add(task("c" + c, t));
            }
        }
        return new ConnectorsAndTasks(names, tasks);
    }

    private static ConnectorTaskId task(String connector, int id) {
        return new ConnectorTaskId(connector, id);
    }

    private static final class IntSummaryStatisticsPair {
        int connectorsMin = Integer.MAX_VALUE;
        int connectorsMax = Integer.MIN_VALUE;
        int tasksMin = Integer.MAX_VALUE;
        int tasksMax = Integer.MIN_VALUE;

        void accept(ConnectorsAndTasks work) {
            connectorsMin = Math.min(connectorsMin, work.connectors().size());
            connectorsMax = Math.max(connectorsMax, work.connectors().size());
            tasksMin = Math.min(tasksMin, work.tasks().size());
            tasksMax = Math.max(tasksMax, work.tasks().size());
        }
    }
}
