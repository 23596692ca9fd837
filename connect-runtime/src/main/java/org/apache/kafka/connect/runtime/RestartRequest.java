package org.apache.kafka.connect.runtime;

import java.util.Objects;

/**
 * A request to restart a connector and/or its tasks (KIP-745). Requests for one connector coalesce to the one with
 * the highest impact, hence the ordering. Immutable.
 */
public record RestartRequest(String connectorName, boolean onlyFailed, boolean includeTasks)
        implements Comparable<RestartRequest> {

    public RestartRequest {
        Objects.requireNonNull(connectorName, "connectorName");
    }

    /** Whether the connector instance itself restarts, given its current status ({@code null} = unknown). */
    public boolean shouldRestartConnector(ConnectorStatus status) {
        return !onlyFailed || (status != null && status.state() == AbstractStatus.State.FAILED);
    }

    /** Whether a task restarts, given its current status ({@code null} = unknown). */
    public boolean shouldRestartTask(TaskStatus status) {
        return includeTasks && (!onlyFailed || (status != null && status.state() == AbstractStatus.State.FAILED));
    }

    /** The legacy form (both flags false): only the connector instance, synchronously, answered with 204. */
    public boolean isConnectorOnly() {
        return !onlyFailed && !includeTasks;
    }

    /** 0 = failed connector only ... 3 = connector and all tasks. */
    public int impact() {
        return (onlyFailed ? 0 : 2) + (includeTasks ? 1 : 0);
    }

    @Override
    public int compareTo(RestartRequest other) {
        return Integer.compare(impact(), other.impact());
    }
}
