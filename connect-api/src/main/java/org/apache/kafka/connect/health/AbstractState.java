package org.apache.kafka.connect.health;

import org.apache.kafka.common.annotation.InterfaceAudience;

import java.util.Objects;

/**
 * The state of a connector or task as reported by the worker running it.
 */
@InterfaceAudience.Public
public abstract class AbstractState {

    private final String state;
    private final String workerId;
    private final String traceMessage;

    /**
     * @param state        the state name, e.g. {@code RUNNING}; must not be blank
     * @param workerId     the worker running the connector or task; must not be blank
     * @param traceMessage the stack trace of the failure, or null
     */
    public AbstractState(String state, String workerId, String traceMessage) {
        if (state == null || state.isBlank()) {
            throw new IllegalArgumentException("State must not be null or empty");
        }
        if (workerId == null || workerId.isBlank()) {
            throw new IllegalArgumentException("Worker ID must not be null or empty");
        }
        this.state = state;
        this.workerId = workerId;
        this.traceMessage = traceMessage;
    }

    public String state() {
        return state;
    }

    public String workerId() {
        return workerId;
    }

    public String traceMessage() {
        return traceMessage;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        AbstractState that = (AbstractState) o;
        return state.equals(that.state)
                && workerId.equals(that.workerId)
                && Objects.equals(traceMessage, that.traceMessage);
    }

    @Override
    public int hashCode() {
        return Objects.hash(state, workerId, traceMessage);
    }
}
