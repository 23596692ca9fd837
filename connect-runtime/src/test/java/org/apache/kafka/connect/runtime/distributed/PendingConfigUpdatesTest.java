package org.apache.kafka.connect.runtime.distributed;

import org.apache.kafka.connect.runtime.RestartRequest;
import org.apache.kafka.connect.runtime.distributed.PendingConfigUpdates.LoggerLevel;
import org.apache.kafka.connect.runtime.distributed.PendingConfigUpdates.Updates;
import org.apache.kafka.connect.storage.ConfigRecord.SessionKeyUpdate;
import org.apache.kafka.connect.util.ConnectorTaskId;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.spec.SecretKeySpec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which config-topic changes need a rebalance, and what one drain hands the herder. */
class PendingConfigUpdatesTest {

    private final Set<String> known = new HashSet<>(Set.of("known"));
    private final AtomicInteger wakeups = new AtomicInteger();
    private final PendingConfigUpdates pending = new PendingConfigUpdates(known::contains, wakeups::incrementAndGet);

    private static SessionKeyUpdate key(long created) {
        return new SessionKeyUpdate(new SecretKeySpec(new byte[32], "HmacSHA256"), created);
    }

    @Test
    void nothingPendingAtFirst() {
        assertFalse(pending.staleConfig());
        Updates updates = pending.drain();
        assertTrue(updates.isEmpty());
        assertFalse(updates.needsRebalance());
        assertNull(updates.sessionKey());
        assertEquals(0, wakeups.get());
    }

    @Test
    void updateOfAKnownConnectorNeedsNoRebalance() {
        pending.onConnectorConfigUpdate("known");

        assertFalse(pending.staleConfig());
        Updates updates = pending.drain();
        assertEquals(Set.of("known"), updates.connectorConfigUpdates());
        assertFalse(updates.needsRebalance());
        assertFalse(updates.isEmpty());
    }

    @Test
    void newConnectorNeedsARebalance() {
        pending.onConnectorConfigUpdate("new");

        assertTrue(pending.staleConfig());
        Updates updates = pending.drain();
        assertTrue(updates.connectorConfigUpdates().isEmpty(), "its owner starts it with this config: no restart");
        assertTrue(updates.needsRebalance());
        assertFalse(updates.isEmpty(), "a rebalance is something to act on");
    }

    @Test
    void removalNeedsARebalanceEvenForAKnownConnector() {
        pending.onConnectorConfigRemove("known");

        assertTrue(pending.staleConfig());
        Updates updates = pending.drain();
        assertEquals(Set.of("known"), updates.connectorConfigUpdates());
        assertTrue(updates.needsRebalance());
    }

    @Test
    void taskConfigUpdateNeedsARebalance() {
        ConnectorTaskId t0 = new ConnectorTaskId("known", 0);
        ConnectorTaskId t1 = new ConnectorTaskId("known", 1);
        ConnectorTaskId other = new ConnectorTaskId("other", 0);
        pending.onTaskConfigUpdate(List.of(t0, t1));
        pending.onTaskConfigUpdate(List.of(other));

        assertTrue(pending.staleConfig());
        Updates updates = pending.drain();
        assertEquals(Set.of(t0, t1, other), updates.taskConfigUpdates());
        assertEquals(Set.of("known", "other"), updates.connectorsWithNewTasks());
        assertTrue(updates.needsRebalance());
    }

    @Test
    void targetStateSessionKeyRestartAndLoggerChangesNeedNoRebalance() {
        SessionKeyUpdate key = key(1);
        pending.onConnectorTargetStateChange("known");
        pending.onConnectorTargetStateChange("new");
        pending.onSessionKeyUpdate(key);
        pending.onRestartRequest(new RestartRequest("known", false, true));
        pending.onLoggingLevelUpdate("org.example", "DEBUG");

        assertFalse(pending.staleConfig());
        Updates updates = pending.drain();
        assertFalse(updates.needsRebalance());
        assertEquals(Set.of("known", "new"), updates.targetStateChanges());
        assertSame(key, updates.sessionKey());
        assertTrue(updates.restartRequested());
        assertEquals(List.of(new LoggerLevel("org.example", "DEBUG")), updates.loggerLevels());
        assertTrue(updates.connectorConfigUpdates().isEmpty());
        assertTrue(updates.taskConfigUpdates().isEmpty());
    }

    @Test
    void staleConfigStaysSetAcrossDrainUntilARebalanceCompletes() {
        pending.onConnectorConfigUpdate("new");
        pending.drain();

        assertTrue(pending.staleConfig(), "draining does not make the assignment current");
        pending.rebalanceCompleted();
        assertFalse(pending.staleConfig());
    }

    @Test
    void changeAfterARebalanceMakesTheConfigStaleAgain() {
        pending.onConnectorConfigRemove("known");
        pending.drain();
        pending.rebalanceCompleted();
        assertFalse(pending.staleConfig());

        pending.onTaskConfigUpdate(List.of(new ConnectorTaskId("known", 0)));
        assertTrue(pending.staleConfig());
    }

    @Test
    void drainEmptiesEverythingAndCarriesTheRebalanceRequirementOnce() {
        pending.onConnectorConfigUpdate("new");
        pending.onConnectorTargetStateChange("known");
        pending.onTaskConfigUpdate(List.of(new ConnectorTaskId("new", 0)));
        pending.onSessionKeyUpdate(key(1));
        pending.onRestartRequest(new RestartRequest("known", true, false));
        pending.onLoggingLevelUpdate("a", "INFO");

        Updates first = pending.drain();
        assertTrue(first.needsRebalance());
        assertFalse(first.isEmpty());

        Updates second = pending.drain();
        assertFalse(second.needsRebalance(), "the requirement is handed over once");
        assertTrue(second.isEmpty());
        assertTrue(second.connectorConfigUpdates().isEmpty());
        assertTrue(second.targetStateChanges().isEmpty());
        assertTrue(second.taskConfigUpdates().isEmpty());
        assertNull(second.sessionKey());
        assertFalse(second.restartRequested());
        assertTrue(second.loggerLevels().isEmpty());
    }

    @Test
    void drainedSetsAreSnapshotsUnaffectedByLaterChanges() {
        pending.onConnectorConfigUpdate("known");
        Updates updates = pending.drain();
        pending.onConnectorConfigUpdate("other");
        assertEquals(Set.of("known"), updates.connectorConfigUpdates());
    }

    @Test
    void laterSessionKeyReplacesAnEarlierOne() {
        SessionKeyUpdate older = key(1);
        SessionKeyUpdate newer = key(2);
        pending.onSessionKeyUpdate(older);
        pending.onSessionKeyUpdate(newer);
        assertSame(newer, pending.drain().sessionKey());
    }

    @Test
    void loggerLevelsKeepTheLatestPerNamespaceInOrderOfLastUpdate() {
        pending.onLoggingLevelUpdate("a", "DEBUG");
        pending.onLoggingLevelUpdate("b", "WARN");
        pending.onLoggingLevelUpdate("a", "ERROR");

        assertEquals(List.of(new LoggerLevel("b", "WARN"), new LoggerLevel("a", "ERROR")),
                pending.drain().loggerLevels());
    }

    @Test
    void everyChangeWakesTheHerderUp() {
        pending.onConnectorConfigUpdate("known");
        pending.onConnectorConfigUpdate("new");
        pending.onConnectorConfigRemove("known");
        pending.onTaskConfigUpdate(List.of(new ConnectorTaskId("known", 0)));
        pending.onConnectorTargetStateChange("known");
        pending.onSessionKeyUpdate(key(1));
        pending.onRestartRequest(new RestartRequest("known", false, false));
        pending.onLoggingLevelUpdate("a", "INFO");
        assertEquals(8, wakeups.get());

        pending.drain();
        pending.rebalanceCompleted();
        assertEquals(8, wakeups.get(), "draining and rebalancing wake nothing");
    }

    @Test
    void predicateIsAskedWhenTheChangeArrives() {
        // The connector becomes known only after its update was recorded: the rebalance is still needed.
        pending.onConnectorConfigUpdate("later");
        known.add("later");
        assertTrue(pending.drain().needsRebalance());
    }

    @Test
    void rebalanceCompletingBeforeAPendingChangeWasDrainedLeavesTheConfigStale() {
        PendingConfigUpdates pending = new PendingConfigUpdates(c -> false, () -> { });
        pending.onConnectorConfigUpdate("new");   // seen by the reader thread during the rebalance
        pending.rebalanceCompleted();             // onAssigned, before the herder drained it
        assertTrue(pending.drain().needsRebalance(), "the herder will still rejoin for it");
        assertTrue(pending.staleConfig(), "a change that still requires a rebalance must keep answering 409");
    }
}
