package org.apache.kafka.connect.storage;

import org.apache.kafka.connect.runtime.RestartRequest;
import org.apache.kafka.connect.runtime.TargetState;
import org.apache.kafka.connect.runtime.distributed.ClusterConfigState;
import org.apache.kafka.connect.storage.ConfigChange.ConnectorConfigRemoved;
import org.apache.kafka.connect.storage.ConfigChange.ConnectorConfigUpdated;
import org.apache.kafka.connect.storage.ConfigChange.LoggingLevelSet;
import org.apache.kafka.connect.storage.ConfigChange.RestartRequested;
import org.apache.kafka.connect.storage.ConfigChange.SessionKeyChanged;
import org.apache.kafka.connect.storage.ConfigChange.TargetStateChanged;
import org.apache.kafka.connect.storage.ConfigChange.TaskConfigsUpdated;
import org.apache.kafka.connect.storage.ConfigRecord.ConnectorConfig;
import org.apache.kafka.connect.storage.ConfigRecord.LoggerLevel;
import org.apache.kafka.connect.storage.ConfigRecord.RestartRequestRecord;
import org.apache.kafka.connect.storage.ConfigRecord.SessionKeyUpdate;
import org.apache.kafka.connect.storage.ConfigRecord.TargetStateUpdate;
import org.apache.kafka.connect.storage.ConfigRecord.TaskCommit;
import org.apache.kafka.connect.storage.ConfigRecord.TaskConfig;
import org.apache.kafka.connect.storage.ConfigRecord.TaskCountRecord;
import org.apache.kafka.connect.storage.ConfigRecord.Unreadable;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.crypto.spec.SecretKeySpec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLogReplayTest {

    private static final Map<String, String> CONFIG = Map.of("name", "c", "connector.class", "C");
    private static final Map<String, String> CONFIG_V2 = Map.of("name", "c", "connector.class", "C", "x", "2");

    private final ConfigLogReplay replay = new ConfigLogReplay(new ConfigRecordCodec());
    private long nextOffset;

    private List<ConfigChange> apply(ConfigRecord record) {
        return replay.apply(nextOffset++, record);
    }

    private static ConnectorTaskId task(String connector, int task) {
        return new ConnectorTaskId(connector, task);
    }

    private static TaskConfig taskConfig(String connector, int task) {
        return new TaskConfig(task(connector, task), Map.of("task.class", "T", "n", Integer.toString(task)));
    }

    private ClusterConfigState config() {
        return replay.snapshot().config();
    }

    private void startedWithConnector(String connector) {
        replay.markStarted();
        apply(new ConnectorConfig(connector, CONFIG));
    }

    @Test
    void replaysTheLogOfAnApacheWorker() {
        // Offsets, keys and values as an Apache 4.3.1 worker wrote them (see ConfigRecordCodecTest).
        String[][] log = {
            {"session-key", "{\"key\":\"Mkrur48ko5ueBtCmhsrU5Kvl793Pp4omvl2bHM+LuPE=\",\"algorithm\":\"HmacSHA256\","
                    + "\"creation-timestamp\":1795282450740}"},
            {"connector-my-conn", "{\"properties\":{\"connector.class\":\"S\",\"tasks.max\":\"1\",\"name\":\"my-conn\"}}"},
            {"task-my-conn-0", "{\"properties\":{\"connector.class\":\"S\",\"task.class\":\"T\",\"name\":\"my-conn\"}}"},
            {"commit-my-conn", "{\"tasks\":1}"},
            {"target-state-my-conn", "{\"state\":\"PAUSED\",\"state.v2\":\"PAUSED\"}"},
            {"target-state-my-conn", "{\"state\":\"STARTED\",\"state.v2\":\"STARTED\"}"},
            {"restart-connector-my-conn", "{\"include-tasks\":true,\"only-failed\":false}"},
            {"restart-connector-my-conn", "{\"include-tasks\":false,\"only-failed\":true}"},
            {"commit-my-conn", "{\"tasks\":0}"},
            {"target-state-my-conn", "{\"state\":\"PAUSED\",\"state.v2\":\"STOPPED\"}"},
            {"logger-cluster-org.apache.kafka.connect.file", "{\"level\":\"DEBUG\"}"},
            {"target-state-c2", "{\"state\":\"PAUSED\",\"state.v2\":\"PAUSED\"}"},
            {"connector-c2", "{\"properties\":{\"connector.class\":\"K\",\"tasks.max\":\"2\",\"name\":\"c2\"}}"},
            {"connector-c2", null},
            {"target-state-c2", null},
        };
        for (int offset = 0; offset < log.length; offset++) {
            byte[] value = log[offset][1] == null ? null : log[offset][1].getBytes(StandardCharsets.UTF_8);
            // Start-up read: nothing is reported, and commands written earlier are not replayed.
            assertEquals(List.of(), replay.apply(offset, log[offset][0], value));
        }
        ConfigLogReplay.Snapshot snapshot = replay.snapshot();
        ClusterConfigState config = snapshot.config();
        assertEquals(15, config.offset());
        assertEquals(Set.of("my-conn"), config.connectors());
        assertEquals(Map.of("connector.class", "S", "tasks.max", "1", "name", "my-conn"),
                config.rawConnectorConfig("my-conn"));
        assertEquals(TargetState.STOPPED, config.targetState("my-conn"));
        assertEquals(0, config.taskCount("my-conn"));
        assertEquals(List.of(), config.tasks("my-conn"));
        assertNull(config.targetState("c2"));
        assertEquals("HmacSHA256", snapshot.sessionKey().secretKey().getAlgorithm());
        assertEquals(1795282450740L, snapshot.sessionKey().creationTimestamp());
        assertEquals(Map.of("my-conn", 1), snapshot.taskConfigGenerations());
        assertEquals(List.of(), replay.drainRestartRequests());
    }

    @Test
    void taskConfigsBecomeVisibleOnlyWithTheirCommit() {
        startedWithConnector("c");
        assertEquals(List.of(), apply(taskConfig("c", 0)));
        assertEquals(List.of(), apply(taskConfig("c", 1)));
        assertEquals(0, config().taskCount("c"));
        assertNull(config().rawTaskConfig(task("c", 0)));

        assertEquals(List.of(new TaskConfigsUpdated(Set.of(task("c", 0), task("c", 1)))),
                apply(new TaskCommit("c", 2)));
        assertEquals(List.of(task("c", 0), task("c", 1)), config().tasks("c"));
        assertEquals(taskConfig("c", 1).properties(), config().rawTaskConfig(task("c", 1)));
        assertEquals(CONFIG, config().appliedConnectorConfig("c"));
        assertEquals(Map.of("c", 0), replay.snapshot().taskConfigGenerations());
        assertEquals(Set.of("c"), replay.snapshot().connectorsPendingFencing());
    }

    @Test
    void appliedConfigIsTheConnectorConfigAtCommitTime() {
        startedWithConnector("c");
        apply(taskConfig("c", 0));
        apply(new TaskCommit("c", 1));
        apply(new ConnectorConfig("c", CONFIG_V2));
        assertEquals(CONFIG_V2, config().rawConnectorConfig("c"));
        assertEquals(CONFIG, config().appliedConnectorConfig("c"));
        apply(taskConfig("c", 0));
        apply(new TaskCommit("c", 1));
        assertEquals(CONFIG_V2, config().appliedConnectorConfig("c"));
        assertEquals(Map.of("c", 1), replay.snapshot().taskConfigGenerations());
    }

    @Test
    void incompleteCommitMakesTheConnectorInconsistentUntilACompleteOne() {
        startedWithConnector("c");
        apply(taskConfig("c", 0));
        apply(new TaskCommit("c", 1));

        apply(taskConfig("c", 1));
        List<ConfigChange> changes = apply(new TaskCommit("c", 2));
        assertEquals(List.of(new TaskConfigsUpdated(Set.of(task("c", 0), task("c", 1)))), changes);
        assertEquals(Set.of("c"), config().inconsistentConnectors());
        assertEquals(List.of(), config().tasks("c"));
        assertEquals(Map.of("c", 0), replay.snapshot().taskConfigGenerations());

        // The deferred set was cleared by the failed commit: both configs must be written again.
        apply(taskConfig("c", 0));
        apply(new TaskCommit("c", 2));
        assertEquals(Set.of("c"), config().inconsistentConnectors());
        apply(taskConfig("c", 0));
        apply(taskConfig("c", 1));
        apply(new TaskCommit("c", 2));
        assertEquals(Set.of(), config().inconsistentConnectors());
        assertEquals(List.of(task("c", 0), task("c", 1)), config().tasks("c"));
        assertEquals(Map.of("c", 1), replay.snapshot().taskConfigGenerations());
    }

    @Test
    void extraDeferredTasksAreAllowedAndFewerTasksDropTheOldOnes() {
        startedWithConnector("c");
        for (int task = 0; task < 3; task++) {
            apply(taskConfig("c", task));
        }
        apply(new TaskCommit("c", 3));
        // A compacted log may still hold task-c-2 from the larger set; the commit of 1 is complete anyway.
        apply(taskConfig("c", 0));
        apply(taskConfig("c", 2));
        List<ConfigChange> changes = apply(new TaskCommit("c", 1));
        assertEquals(List.of(new TaskConfigsUpdated(Set.of(task("c", 0), task("c", 1), task("c", 2)))), changes);
        assertEquals(List.of(task("c", 0)), config().tasks("c"));
        assertNull(config().rawTaskConfig(task("c", 2)));
        assertEquals(Set.of(), config().inconsistentConnectors());
    }

    @Test
    void emptyCommitRemovesAllTasks() {
        startedWithConnector("c");
        apply(taskConfig("c", 0));
        apply(new TaskCommit("c", 1));
        assertEquals(List.of(new TaskConfigsUpdated(Set.of(task("c", 0)))), apply(new TaskCommit("c", 0)));
        assertEquals(0, config().taskCount("c"));
        assertNull(config().rawTaskConfig(task("c", 0)));
    }

    @Test
    void commitForADeletedConnectorIsIgnored() {
        replay.markStarted();
        apply(taskConfig("gone", 0));
        assertEquals(List.of(), apply(new TaskCommit("gone", 1)));
        assertEquals(0, config().taskCount("gone"));
        assertEquals(Set.of(), replay.snapshot().connectorsPendingFencing());
    }

    @Test
    void connectorTombstoneRemovesConfigAndTasks() {
        startedWithConnector("c");
        apply(taskConfig("c", 0));
        apply(new TaskCommit("c", 1));
        apply(taskConfig("c", 1));
        assertEquals(List.of(new ConnectorConfigRemoved("c")), apply(new ConnectorConfig("c", null)));
        assertFalse(config().contains("c"));
        assertEquals(0, config().taskCount("c"));
        assertNull(config().rawTaskConfig(task("c", 0)));
        assertNull(config().appliedConnectorConfig("c"));
        assertEquals(TargetState.STARTED, config().targetState("c"));
        apply(new TargetStateUpdate("c", null));
        assertNull(config().targetState("c"));

        // Recreated: the deferred task-c-1 of the old connector does not complete a new commit.
        apply(new ConnectorConfig("c", CONFIG));
        apply(taskConfig("c", 0));
        apply(new TaskCommit("c", 2));
        assertEquals(Set.of("c"), config().inconsistentConnectors());
    }

    @Test
    void targetStateWrittenBeforeTheConnectorIsKept() {
        replay.markStarted();
        assertEquals(List.of(), apply(new TargetStateUpdate("c", TargetState.PAUSED)));
        assertEquals(List.of(new ConnectorConfigUpdated("c")), apply(new ConnectorConfig("c", CONFIG)));
        assertEquals(TargetState.PAUSED, config().targetState("c"));
    }

    @Test
    void connectorWithoutTargetStateIsStarted() {
        startedWithConnector("c");
        assertEquals(TargetState.STARTED, config().targetState("c"));
    }

    @Test
    void targetStateChangesAreReportedOnlyForExistingConnectorsAndRealChanges() {
        startedWithConnector("c");
        assertEquals(List.of(), apply(new TargetStateUpdate("c", TargetState.STARTED)));
        assertEquals(List.of(new TargetStateChanged("c")), apply(new TargetStateUpdate("c", TargetState.STOPPED)));
        assertEquals(TargetState.STOPPED, config().targetState("c"));
        // A target-state tombstone alone leaves an existing connector running.
        assertEquals(List.of(new TargetStateChanged("c")), apply(new TargetStateUpdate("c", null)));
        assertEquals(TargetState.STARTED, config().targetState("c"));
    }

    @Test
    void legacyTargetStateRecordIsApplied() {
        startedWithConnector("c");
        List<ConfigChange> changes = replay.apply(nextOffset++, "target-state-c", "{\"state\":\"PAUSED\"}".getBytes());
        assertEquals(List.of(new TargetStateChanged("c")), changes);
        assertEquals(TargetState.PAUSED, config().targetState("c"));
    }

    @Test
    void sessionKeyRotation() {
        SessionKeyUpdate first = new SessionKeyUpdate(new SecretKeySpec(new byte[] {1, 2}, "HmacSHA256"), 100);
        SessionKeyUpdate second = new SessionKeyUpdate(new SecretKeySpec(new byte[] {3, 4}, "HmacSHA512"), 200);
        assertEquals(List.of(), apply(first));
        assertEquals(first, replay.snapshot().sessionKey());
        replay.markStarted();
        assertEquals(List.of(new SessionKeyChanged(second)), apply(second));
        assertEquals(second, replay.snapshot().sessionKey());
    }

    @Test
    void restartRequestsCoalesceToTheHighestImpactPerConnector() {
        apply(new RestartRequestRecord(new RestartRequest("a", false, true)));
        replay.markStarted();
        RestartRequest failedOnly = new RestartRequest("a", true, false);
        RestartRequest everything = new RestartRequest("a", false, true);
        RestartRequest other = new RestartRequest("b", true, true);
        assertEquals(List.of(new RestartRequested(failedOnly)), apply(new RestartRequestRecord(failedOnly)));
        apply(new RestartRequestRecord(other));
        apply(new RestartRequestRecord(everything));
        apply(new RestartRequestRecord(new RestartRequest("a", true, true)));
        assertEquals(List.of(everything, other), replay.drainRestartRequests());
        assertEquals(List.of(), replay.drainRestartRequests());
    }

    @Test
    void loggerLevelsAreReportedOnlyAfterStart() {
        assertEquals(List.of(), apply(new LoggerLevel("org.example", "DEBUG")));
        replay.markStarted();
        assertEquals(List.of(new LoggingLevelSet("org.example", "TRACE")),
                apply(new LoggerLevel("org.example", "TRACE")));
    }

    @Test
    void taskCountRecordClearsPendingFencing() {
        startedWithConnector("c");
        apply(taskConfig("c", 0));
        apply(new TaskCommit("c", 1));
        assertEquals(List.of(), apply(new TaskCountRecord("c", 1)));
        assertEquals(Set.of(), replay.snapshot().connectorsPendingFencing());
        assertEquals(Map.of("c", 1), replay.snapshot().taskCountRecords());
    }

    @Test
    void offsetIsOnePastTheLastAppliedRecordIncludingUnreadableOnes() {
        assertEquals(ClusterConfigState.NO_OFFSET, replay.offset());
        assertEquals(ClusterConfigState.NO_OFFSET, config().offset());
        replay.apply(4, new ConnectorConfig("c", CONFIG));
        assertEquals(5, config().offset());
        replay.apply(9, new Unreadable("junk", "unknown record key"));
        assertEquals(10, replay.offset());
        replay.apply(10, "task-c-0", null);
        assertEquals(11, config().offset());
        assertThrows(IllegalArgumentException.class, () -> replay.apply(3, new ConnectorConfig("c", CONFIG)));
        assertEquals(11, replay.offset());
    }

    @Test
    void snapshotsAreNotAffectedByLaterRecords() {
        startedWithConnector("c");
        ClusterConfigState before = config();
        apply(new ConnectorConfig("c", CONFIG_V2));
        assertEquals(CONFIG, before.rawConnectorConfig("c"));
        assertEquals(1, before.offset());
    }

    @Test
    void changesNotifyTheMatchingListenerMethod() {
        List<String> calls = new ArrayList<>();
        ConfigChange.Listener listener = new ConfigChange.Listener() {
            @Override
            public void onSessionKeyUpdate(SessionKeyUpdate sessionKey) {
                calls.add("key " + sessionKey.creationTimestamp());
            }

            @Override
            public void onRestartRequest(RestartRequest request) {
                calls.add("restart " + request.connectorName());
            }

            @Override
            public void onLoggingLevelUpdate(String namespace, String level) {
                calls.add("logger " + namespace + "=" + level);
            }

            @Override
            public void onConnectorConfigRemove(String connector) {
                calls.add("remove " + connector);
            }

            @Override
            public void onConnectorConfigUpdate(String connector) {
                calls.add("update " + connector);
            }

            @Override
            public void onTaskConfigUpdate(Collection<ConnectorTaskId> tasks) {
                calls.add("tasks " + tasks);
            }

            @Override
            public void onConnectorTargetStateChange(String connector) {
                calls.add("state " + connector);
            }
        };
        replay.markStarted();
        List<ConfigChange> changes = new ArrayList<>();
        changes.addAll(apply(new ConnectorConfig("c", CONFIG)));
        changes.addAll(apply(new TargetStateUpdate("c", TargetState.PAUSED)));
        changes.addAll(apply(taskConfig("c", 0)));
        changes.addAll(apply(new TaskCommit("c", 1)));
        changes.addAll(apply(new SessionKeyUpdate(new SecretKeySpec(new byte[] {1}, "HmacSHA256"), 5)));
        changes.addAll(apply(new RestartRequestRecord(new RestartRequest("c", false, false))));
        changes.addAll(apply(new LoggerLevel("x", "WARN")));
        changes.addAll(apply(new ConnectorConfig("c", null)));
        changes.forEach(change -> change.notify(listener));
        assertEquals(List.of("update c", "state c", "tasks [c-0]", "key 5", "restart c", "logger x=WARN",
                "remove c"), calls);
        assertTrue(replay.started());
    }
}
