package org.apache.kafka.connect.runtime.distributed;

import org.apache.kafka.connect.util.ConnectorTaskId;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The leader's side of config synchronisation: it only assigns from a config snapshot at least as recent as every
 * member's, refreshing its snapshot once if it is behind and otherwise answering every member with a
 * {@link ConnectAssignment#CONFIG_MISMATCH} so that all of them catch up and rejoin.
 */
public final class LeaderConfigSync {

    private LeaderConfigSync() {
    }

    /** The highest config offset any member has read. */
    public static long maxConfigOffset(Collection<WorkerState> members) {
        return members.stream().mapToLong(WorkerState::configOffset).max().orElse(ClusterConfigState.NO_OFFSET);
    }

    /**
     * Runs one rebalance on the leader.
     *
     * @param assignor      the assignor of the selected protocol
     * @param round         the round, with {@code configOffset} and {@code configured} ignored (taken from snapshots)
     * @param snapshot      the leader's current config snapshot
     * @param freshSnapshot takes a new snapshot of the leader's config store, used once if the current one is behind
     */
    public static ConnectAssignor.Result assign(ConnectAssignor assignor, ConnectAssignor.Round round,
                                                ClusterConfigState snapshot,
                                                Supplier<ClusterConfigState> freshSnapshot) {
        long maxOffset = maxConfigOffset(round.members().values());
        if (snapshot.offset() < maxOffset) {
            snapshot = freshSnapshot.get();
        }
        if (snapshot.offset() < maxOffset) {
            return configMismatch(round, snapshot.offset());
        }
        ConnectAssignor.Round synced = new ConnectAssignor.Round(round.leaderId(), round.protocol(),
                round.generation(), round.lastCompletedGeneration(), round.members(), snapshot.offset(),
                configuredWork(snapshot), round.nowMs());
        return assignor.performAssignment(synced);
    }

    /** Every connector in the snapshot and every task it has consistent configs for. */
    public static ConnectorsAndTasks configuredWork(ClusterConfigState snapshot) {
        List<ConnectorTaskId> tasks = new ArrayList<>();
        snapshot.connectors().forEach(connector -> tasks.addAll(snapshot.tasks(connector)));
        return new ConnectorsAndTasks(snapshot.connectors(), tasks);
    }

    private static ConnectAssignor.Result configMismatch(ConnectAssignor.Round round, long leaderOffset) {
        Map<String, ConnectAssignment> assignments = new HashMap<>();
        Map<String, ConnectorsAndTasks> owned = new HashMap<>();
        for (String member : round.members().keySet()) {
            assignments.put(member, ConnectAssignment.configMismatch(round.protocol().version(), round.leaderId(),
                    round.leaderUrl(), leaderOffset));
            owned.put(member, ConnectorsAndTasks.EMPTY);
        }
        return new ConnectAssignor.Result(assignments, owned);
    }
}
