package org.apache.kafka.connect.runtime.distributed;

import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.integration.EmbeddedKafkaBroker;
import org.apache.kafka.connect.runtime.TargetState;
import org.apache.kafka.connect.util.ConnectorTaskId;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Several group members in one JVM, each polled on its own thread like a herder, joining one Connect group on a
 * real broker and sharing a fixed config of connectors and tasks.
 */
class WorkerGroupMemberBrokerTest {

    private static final int CONNECTORS = 4;
    private static final int TASKS_PER_CONNECTOR = 5;
    private static final long CONFIG_OFFSET = 7;

    private final List<TestMember> members = new ArrayList<>();

    @AfterEach
    void stopMembers() {
        members.forEach(TestMember::close);
        members.forEach(member -> assertNull(member.failure, () -> "member " + member.url + " failed: "
                + member.failure));
    }

    @Test
    void cooperativeMembersShareAllWorkExactlyOnceAndBalanced() throws Exception {
        String group = "coop-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            members.add(new TestMember(group, "sessioned", 2_000, i));
        }
        awaitBalancedCover(members, 30_000);
        for (TestMember member : members) {
            assertEquals(ConnectProtocolCompatibility.SESSIONED, member.member.currentProtocol());
        }
        assertEquals(1, members.stream().filter(m -> m.member.isLeader()).count(), "exactly one leader");
        TestMember leader = members.stream().filter(m -> m.member.isLeader()).findFirst().orElseThrow();
        for (TestMember member : members) {
            assertEquals(leader.url, member.member.leaderUrl());
            for (ConnectorTaskId task : member.running().tasks()) {
                assertEquals(member.url, leader.member.ownerUrl(task));
            }
            assertEquals((double) member.running().tasks().size(), metric(member, "assigned-tasks"));
            assertEquals((double) member.running().connectors().size(), metric(member, "assigned-connectors"));
        }
    }

    @Test
    void workOfDepartedMemberIsReassignedAfterTheDelay() throws Exception {
        String group = "leave-" + UUID.randomUUID();
        int maxDelayMs = 3_000;
        for (int i = 0; i < 3; i++) {
            members.add(new TestMember(group, "compatible", maxDelayMs, i));
        }
        awaitBalancedCover(members, 30_000);
        // A departing leader takes the assignor's memory with it; a departing follower's work is held back.
        TestMember leaving = members.stream().filter(m -> !m.member.isLeader()).findFirst().orElseThrow();
        ConnectorsAndTasks orphaned = leaving.running();
        assertTrue(!orphaned.isEmpty());
        long departedAt = System.currentTimeMillis();
        leaving.close();
        members.remove(leaving);

        await(() -> members.stream().allMatch(m -> m.running().intersect(orphaned).isEmpty()
                && m.generation() > 0), 10_000, "the remaining members to complete a rebalance");
        awaitBalancedCover(members, 20_000);
        long reassignedAfter = System.currentTimeMillis() - departedAt;
        assertTrue(reassignedAfter >= maxDelayMs - 500,
                "lost work was reassigned after " + reassignedAfter + " ms, before the delay");
    }

    @Test
    void eagerMembersRevokeEverythingBeforeEachRebalance() throws Exception {
        String group = "eager-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            members.add(new TestMember(group, "eager", 2_000, i));
        }
        awaitBalancedCover(members, 30_000);
        for (TestMember member : members) {
            assertEquals(ConnectProtocolCompatibility.EAGER, member.member.currentProtocol());
        }
        Map<TestMember, ConnectorsAndTasks> before = new HashMap<>();
        Map<TestMember, Integer> generations = new HashMap<>();
        for (TestMember member : members) {
            before.put(member, member.running());
            generations.put(member, member.generation());
            member.clearRevocations();
        }
        // The coordinator answers a follower that rejoins a stable group with unchanged metadata from the current
        // generation, without a rebalance; the leader's rejoin starts a new generation for everyone.
        TestMember leader = members.stream().filter(m -> m.member.isLeader()).findFirst().orElseThrow();
        leader.member.requestRejoin("test");
        leader.member.wakeup();
        await(() -> members.stream().allMatch(m -> m.generation() > generations.get(m)), 60_000,
                "a new generation on every member");
        awaitBalancedCover(members, 60_000);
        for (TestMember member : members) {
            assertEquals(before.get(member), member.revokedSinceClear(),
                    "an eager member stops all its work before rejoining");
        }
    }

    private static Object metric(TestMember member, String name) {
        Metrics metrics = member.member.metrics();
        return metrics.metric(metrics.metricName(name, WorkerCoordinator.METRIC_GROUP)).metricValue();
    }

    private static ConnectorsAndTasks configured() {
        List<String> connectors = new ArrayList<>();
        List<ConnectorTaskId> tasks = new ArrayList<>();
        for (int c = 0; c < CONNECTORS; c++) {
            connectors.add("connector-" + c);
            for (int t = 0; t < TASKS_PER_CONNECTOR; t++) {
                tasks.add(new ConnectorTaskId("connector-" + c, t));
            }
        }
        return new ConnectorsAndTasks(connectors, tasks);
    }

    private static ClusterConfigState snapshot() {
        ClusterConfigState.Builder builder = new ClusterConfigState.Builder().offset(CONFIG_OFFSET);
        for (String connector : configured().connectors()) {
            List<Map<String, String>> taskConfigs = Collections.nCopies(TASKS_PER_CONNECTOR, Map.of());
            builder.connector(connector, Map.of("name", connector), TargetState.STARTED, taskConfigs, null);
        }
        return builder.build();
    }

    /** Waits until the members together run every item exactly once, each within one item of the others. */
    private static void awaitBalancedCover(List<TestMember> members, long timeoutMs) throws InterruptedException {
        await(() -> balancedCover(members) == null, timeoutMs, "a balanced cover");
        // Stable, not just a passing state: nothing moves for a while.
        Map<TestMember, ConnectorsAndTasks> snapshot = new HashMap<>();
        members.forEach(m -> snapshot.put(m, m.running()));
        Thread.sleep(500);
        String problem = balancedCover(members);
        if (problem != null) {
            fail(problem);
        }
        members.forEach(m -> assertEquals(snapshot.get(m), m.running(), "assignment still changing"));
    }

    private static String balancedCover(List<TestMember> members) {
        List<String> connectors = new ArrayList<>();
        List<ConnectorTaskId> tasks = new ArrayList<>();
        int minConnectors = Integer.MAX_VALUE;
        int maxConnectors = 0;
        int minTasks = Integer.MAX_VALUE;
        int maxTasks = 0;
        for (TestMember member : members) {
            if (member.failure != null) {
                throw new AssertionError("member " + member.url + " failed", member.failure);
            }
            ConnectorsAndTasks work = member.running();
            connectors.addAll(work.connectors());
            tasks.addAll(work.tasks());
            minConnectors = Math.min(minConnectors, work.connectors().size());
            maxConnectors = Math.max(maxConnectors, work.connectors().size());
            minTasks = Math.min(minTasks, work.tasks().size());
            maxTasks = Math.max(maxTasks, work.tasks().size());
        }
        ConnectorsAndTasks all = configured();
        if (connectors.size() != all.connectors().size() || tasks.size() != all.tasks().size()
                || !new ConnectorsAndTasks(connectors, tasks).equals(all)) {
            return "not covered exactly once: " + connectors + " " + tasks;
        }
        if (maxConnectors - minConnectors > 1 || maxTasks - minTasks > 1) {
            return "unbalanced: connectors " + minConnectors + ".." + maxConnectors + ", tasks " + minTasks + ".."
                    + maxTasks;
        }
        return null;
    }

    private static void await(BooleanSupplier condition, long timeoutMs, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                fail("Timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    /** A group member with a herder-like poll thread and a listener that tracks the work it would run. */
    private static final class TestMember implements WorkerRebalanceListener, ClusterConfigSource {
        final String url;
        final WorkerGroupMember member;
        private final Thread thread;
        private volatile boolean stopping;
        private volatile Throwable failure;
        private ConnectorsAndTasks running = ConnectorsAndTasks.EMPTY;
        private ConnectorsAndTasks revoked = ConnectorsAndTasks.EMPTY;
        private int generation = -1;

        TestMember(String group, String protocol, int maxDelayMs, int index) {
            url = "http://worker-" + index + ":8083/";
            Map<String, String> props = new HashMap<>();
            props.put("bootstrap.servers", EmbeddedKafkaBroker.shared().bootstrapServers());
            props.put("group.id", group);
            props.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
            props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
            props.put("config.storage.topic", group + "-configs");
            props.put("offset.storage.topic", group + "-offsets");
            props.put("status.storage.topic", group + "-status");
            props.put("connect.protocol", protocol);
            props.put("scheduled.rebalance.max.delay.ms", Integer.toString(maxDelayMs));
            props.put("session.timeout.ms", "6000");
            props.put("heartbeat.interval.ms", "500");
            props.put("rebalance.timeout.ms", "10000");
            member = new WorkerGroupMember(new DistributedConfig(props), url, "worker-" + index + ":8083", this,
                    this, Time.SYSTEM);
            thread = new Thread(this::pollLoop, "test-herder-" + index);
            thread.start();
        }

        private void pollLoop() {
            while (!stopping) {
                try {
                    member.poll(200);
                } catch (WakeupException e) {
                    // A requestRejoin from the test thread, or stop.
                } catch (Throwable t) {
                    failure = t;
                    return;
                }
            }
        }

        void close() {
            if (thread.isAlive()) {
                stopping = true;
                member.wakeup();
                try {
                    thread.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                member.stop();
            }
        }

        @Override
        public synchronized void onAssigned(ConnectAssignment assignment, int generation) {
            assertNotNull(assignment.leader());
            assertEquals(CONFIG_OFFSET, assignment.configOffset());
            this.generation = generation;
            if (assignment.failed()) {
                return;
            }
            if (assignment.version() == 0) {
                assertTrue(running.isEmpty(), "eager work must be revoked before the next assignment");
                running = assignment.assigned();
            } else {
                assertTrue(running.intersect(assignment.assigned()).isEmpty(), "assigned work already running");
                running = running.minus(assignment.revoked()).union(assignment.assigned());
            }
        }

        @Override
        public synchronized void onRevoked(String leader, Collection<String> connectors,
                                           Collection<ConnectorTaskId> tasks) {
            ConnectorsAndTasks stopped = new ConnectorsAndTasks(connectors, tasks);
            running = running.minus(stopped);
            revoked = revoked.union(stopped);
        }

        synchronized ConnectorsAndTasks running() {
            return running;
        }

        synchronized int generation() {
            return generation;
        }

        synchronized void clearRevocations() {
            revoked = ConnectorsAndTasks.EMPTY;
        }

        synchronized ConnectorsAndTasks revokedSinceClear() {
            return revoked;
        }

        @Override
        public ClusterConfigState snapshot() {
            return WorkerGroupMemberBrokerTest.snapshot();
        }

        @Override
        public ClusterConfigState refreshedSnapshot() {
            return WorkerGroupMemberBrokerTest.snapshot();
        }
    }
}
