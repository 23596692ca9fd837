package org.apache.kafka.connect.runtime.distributed;

import java.util.Objects;

/**
 * What a worker tells the group when it joins (its JoinGroup protocol metadata): where its REST API is, how far it
 * has read the config topic, and, under the cooperative protocols, the work it currently runs.
 */
public final class WorkerState {

    private final String url;
    private final long configOffset;
    private final ConnectAssignment allocation;

    /**
     * @param url          the worker's advertised REST URL
     * @param configOffset offset of the next config-topic record this worker would read
     * @param allocation   the worker's current assignment, or {@code null} if it has none (always null under eager)
     */
    public WorkerState(String url, long configOffset, ConnectAssignment allocation) {
        this.url = Objects.requireNonNull(url, "url");
        this.configOffset = configOffset;
        this.allocation = allocation;
    }

    public String url() {
        return url;
    }

    public long configOffset() {
        return configOffset;
    }

    /** The worker's current assignment as it last received it, or {@code null}. */
    public ConnectAssignment allocation() {
        return allocation;
    }

    /** The connectors and tasks the worker runs now; empty when it reported no allocation. */
    public ConnectorsAndTasks runningWork() {
        return allocation == null ? ConnectorsAndTasks.EMPTY : allocation.assigned();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof WorkerState)) {
            return false;
        }
        WorkerState that = (WorkerState) o;
        return configOffset == that.configOffset && url.equals(that.url)
                && Objects.equals(allocation, that.allocation);
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, configOffset, allocation);
    }

    @Override
    public String toString() {
        return "WorkerState{url='" + url + "', configOffset=" + configOffset + ", allocation=" + allocation + '}';
    }
}
