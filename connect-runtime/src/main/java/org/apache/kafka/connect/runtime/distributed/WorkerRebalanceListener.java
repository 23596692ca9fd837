package org.apache.kafka.connect.runtime.distributed;

import org.apache.kafka.connect.util.ConnectorTaskId;

import java.util.Collection;

/**
 * What the herder hears from group membership. Every call happens on the thread that calls
 * {@link WorkerGroupMember#poll}, so the herder can start and stop work right inside the callback.
 */
public interface WorkerRebalanceListener {

    /**
     * A rebalance completed and the leader sent this member an assignment. Under the eager protocol it lists the
     * member's complete work; under the cooperative protocols only the new work plus the work to stop now
     * ({@link ConnectAssignment#revoked()}), which must be stopped before this method returns because the member
     * rejoins right after it to let others take that work. A failed assignment ({@link ConnectAssignment#failed()})
     * carries no work: the member must catch up with the config topic and rejoin.
     *
     * @param assignment the assignment as the leader sent it
     * @param generation the group generation it belongs to
     */
    void onAssigned(ConnectAssignment assignment, int generation);

    /**
     * The member must stop this work now: before every eager rebalance (all of it), or when the coordinator was
     * unreachable for too long and the member can no longer be sure it still owns anything.
     *
     * @param leader     the leader of the last completed rebalance, or {@code null} if none completed
     * @param connectors connectors to stop
     * @param tasks      tasks to stop
     */
    void onRevoked(String leader, Collection<String> connectors, Collection<ConnectorTaskId> tasks);

    /** The poll loop stalled beyond the rebalance timeout and the member left the group; it rejoins on next poll. */
    default void onPollTimeoutExpiry() {
    }
}
