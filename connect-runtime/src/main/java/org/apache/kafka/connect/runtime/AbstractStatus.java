package org.apache.kafka.connect.runtime;

import java.util.Objects;

/**
 * Observed state of a connector or task as written to the status store: state, the worker that reported it, the
 * failure trace, the generation of the group in which it was written, and the plugin version. Immutable.
 *
 * @param <T> the id type: the connector name or a {@link org.apache.kafka.connect.util.ConnectorTaskId}
 */
public abstract class AbstractStatus<T> {

    /** Status values as REST and the status topic show them. */
    public enum State {
        UNASSIGNED, RUNNING, PAUSED, FAILED, DESTROYED, RESTARTING, STOPPED
    }

    private final T id;
    private final State state;
    private final String trace;
    private final String workerId;
    private final int generation;
    private final String version;

    protected AbstractStatus(T id, State state, String workerId, int generation, String trace, String version) {
        this.id = Objects.requireNonNull(id, "id");
        this.state = Objects.requireNonNull(state, "state");
        this.workerId = workerId;
        this.generation = generation;
        this.trace = trace;
        this.version = version;
    }

    public T id() {
        return id;
    }

    public State state() {
        return state;
    }

    /** Full stack trace text of the failure, or {@code null}. */
    public String trace() {
        return trace;
    }

    /** {@code host:port} of the worker that reported this status. */
    public String workerId() {
        return workerId;
    }

    public int generation() {
        return generation;
    }

    /** Version of the connector/task class the reporting worker ran, or {@code null} when unknown. */
    public String version() {
        return version;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        AbstractStatus<?> other = (AbstractStatus<?>) o;
        return generation == other.generation && id.equals(other.id) && state == other.state
                && Objects.equals(trace, other.trace) && Objects.equals(workerId, other.workerId)
                && Objects.equals(version, other.version);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, state, trace, workerId, generation, version);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{id=" + id + ", state=" + state + ", workerId='" + workerId
                + "', generation=" + generation + ", version=" + version + '}';
    }
}
