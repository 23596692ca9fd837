package org.apache.kafka.connect.runtime.distributed;

import org.apache.kafka.connect.util.ConnectorTaskId;

import java.util.Objects;
import java.util.SortedSet;

/**
 * The assignment the group leader hands one member in SyncGroup. Under the eager protocol (version 0) it lists the
 * member's complete work and never revokes or delays; under the cooperative protocols (versions 1 and 2) it lists
 * only newly assigned work, the work to stop now, and a delay after which the member must rejoin.
 */
public final class ConnectAssignment {

    /** The assignment is valid. */
    public static final short NO_ERROR = 0;
    /** The leader's config snapshot was behind a member's; members must catch up on the config topic and rejoin. */
    public static final short CONFIG_MISMATCH = 1;

    private final short version;
    private final short error;
    private final String leader;
    private final String leaderUrl;
    private final long configOffset;
    private final ConnectorsAndTasks assigned;
    private final ConnectorsAndTasks revoked;
    private final int delay;

    /**
     * @param version      the protocol version the assignment is encoded with (0, 1 or 2)
     * @param error        {@link #NO_ERROR} or {@link #CONFIG_MISMATCH}
     * @param leader       the leader's member id
     * @param leaderUrl    the leader's advertised REST URL
     * @param configOffset the config offset the assignment was computed from
     * @param assigned     work to run (all of it under eager, the new part under the cooperative protocols)
     * @param revoked      work to stop now (always empty under eager)
     * @param delay        ms until the member must rejoin for a scheduled rebalance; 0 for none
     */
    public ConnectAssignment(short version, short error, String leader, String leaderUrl, long configOffset,
                             ConnectorsAndTasks assigned, ConnectorsAndTasks revoked, int delay) {
        if (version < 0) {
            throw new IllegalArgumentException("Negative assignment version: " + version);
        }
        this.version = version;
        this.error = error;
        this.leader = leader;
        this.leaderUrl = leaderUrl;
        this.configOffset = configOffset;
        this.assigned = Objects.requireNonNull(assigned, "assigned");
        this.revoked = Objects.requireNonNull(revoked, "revoked");
        this.delay = delay;
    }

    /** An assignment telling a member the leader could not assign from an up-to-date config (no work at all). */
    public static ConnectAssignment configMismatch(short version, String leader, String leaderUrl, long configOffset) {
        return new ConnectAssignment(version, CONFIG_MISMATCH, leader, leaderUrl, configOffset,
                ConnectorsAndTasks.EMPTY, ConnectorsAndTasks.EMPTY, 0);
    }

    public short version() {
        return version;
    }

    public short error() {
        return error;
    }

    public boolean failed() {
        return error != NO_ERROR;
    }

    public String leader() {
        return leader;
    }

    public String leaderUrl() {
        return leaderUrl;
    }

    public long configOffset() {
        return configOffset;
    }

    public ConnectorsAndTasks assigned() {
        return assigned;
    }

    public ConnectorsAndTasks revoked() {
        return revoked;
    }

    public SortedSet<String> connectors() {
        return assigned.connectors();
    }

    public SortedSet<ConnectorTaskId> tasks() {
        return assigned.tasks();
    }

    public SortedSet<String> revokedConnectors() {
        return revoked.connectors();
    }

    public SortedSet<ConnectorTaskId> revokedTasks() {
        return revoked.tasks();
    }

    /** Milliseconds until the member must rejoin for a scheduled rebalance; 0 when none is scheduled. */
    public int delay() {
        return delay;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ConnectAssignment)) {
            return false;
        }
        ConnectAssignment that = (ConnectAssignment) o;
        return version == that.version && error == that.error && configOffset == that.configOffset
                && delay == that.delay && Objects.equals(leader, that.leader)
                && Objects.equals(leaderUrl, that.leaderUrl) && assigned.equals(that.assigned)
                && revoked.equals(that.revoked);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, error, leader, leaderUrl, configOffset, assigned, revoked, delay);
    }

    @Override
    public String toString() {
        return "ConnectAssignment{version=" + version + ", error=" + error + ", leader='" + leader
                + "', leaderUrl='" + leaderUrl + "', configOffset=" + configOffset + ", assigned=" + assigned
                + ", revoked=" + revoked + ", delay=" + delay + '}';
    }
}
