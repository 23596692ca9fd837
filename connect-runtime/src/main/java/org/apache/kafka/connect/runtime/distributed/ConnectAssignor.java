package org.apache.kafka.connect.runtime.distributed;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Decides, on the group leader, which member runs which connectors and tasks. Implementations work only from the
 * {@link Round} they are given (no clock, no stores), so a round can be replayed in tests; the config snapshot must
 * already be in sync with the members' (see {@link LeaderConfigSync}).
 */
public interface ConnectAssignor {

    /** Computes every member's assignment for one rebalance. */
    Result performAssignment(Round round);

    /**
     * The inputs of one rebalance on the leader.
     *
     * @param leaderId                this (the leader's) member id
     * @param protocol                the protocol the group selected; fixes the assignments' version
     * @param generation              the generation being assigned
     * @param lastCompletedGeneration the generation of the leader's last successfully completed rebalance
     * @param members                 every member's decoded metadata, by member id (the leader included)
     * @param configOffset            offset of the leader's config snapshot
     * @param configured              all connectors and tasks in the leader's config snapshot
     * @param nowMs                   the current time, for scheduled rebalances
     */
    record Round(String leaderId, ConnectProtocolCompatibility protocol, int generation, int lastCompletedGeneration,
                 Map<String, WorkerState> members, long configOffset, ConnectorsAndTasks configured, long nowMs) {

        public Round {
            Objects.requireNonNull(leaderId, "leaderId");
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(configured, "configured");
            // Sorted by member id: every walk over the members is deterministic.
            members = Collections.unmodifiableSortedMap(new TreeMap<>(members));
            if (!members.containsKey(leaderId)) {
                throw new IllegalArgumentException("The leader " + leaderId + " is not among the members");
            }
        }

        /** The leader's advertised REST URL, where followers forward config writes. */
        public String leaderUrl() {
            return members.get(leaderId).url();
        }
    }

    /**
     * The outcome of one rebalance.
     *
     * @param assignments what each member is sent, by member id
     * @param owned       the complete work each member runs once it applied its assignment, by member id; the leader
     *                    uses it to find the owner of a connector or task (e.g. to forward a restart)
     */
    record Result(Map<String, ConnectAssignment> assignments, Map<String, ConnectorsAndTasks> owned) {

        public Result {
            assignments = Collections.unmodifiableSortedMap(new TreeMap<>(assignments));
            owned = Collections.unmodifiableSortedMap(new TreeMap<>(owned));
        }
    }
}
