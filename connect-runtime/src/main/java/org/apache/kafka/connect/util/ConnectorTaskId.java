package org.apache.kafka.connect.util;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * Identifies one task of one connector: {@code <connector>-<task number>}, the form used in logs, status keys
 * ({@code status-task-<connector>-<n>}) and metric tags. Immutable.
 */
public final class ConnectorTaskId implements Comparable<ConnectorTaskId> {

    private final String connector;
    private final int task;

    @JsonCreator
    public ConnectorTaskId(@JsonProperty("connector") String connector, @JsonProperty("task") int task) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.task = task;
    }

    @JsonProperty("connector")
    public String connector() {
        return connector;
    }

    @JsonProperty("task")
    public int task() {
        return task;
    }

    @Override
    public int compareTo(ConnectorTaskId other) {
        int byConnector = connector.compareTo(other.connector);
        return byConnector != 0 ? byConnector : Integer.compare(task, other.task);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ConnectorTaskId)) {
            return false;
        }
        ConnectorTaskId other = (ConnectorTaskId) o;
        return task == other.task && connector.equals(other.connector);
    }

    @Override
    public int hashCode() {
        return 31 * connector.hashCode() + task;
    }

    @Override
    public String toString() {
        return connector + "-" + task;
    }
}
