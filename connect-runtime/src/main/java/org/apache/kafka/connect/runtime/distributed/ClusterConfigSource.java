package org.apache.kafka.connect.runtime.distributed;

/**
 * What group membership needs from the config store: the snapshot the worker currently works from (its offset
 * goes into the member metadata; the leader assigns from it) and a way to catch up when the leader finds that
 * another member has read further.
 */
public interface ClusterConfigSource {

    /** The worker's current config snapshot. */
    ClusterConfigState snapshot();

    /**
     * Reads the config topic as far as possible (bounded by {@code worker.sync.timeout.ms}) and returns the
     * resulting snapshot; returns the current one if catching up failed.
     */
    ClusterConfigState refreshedSnapshot();
}
