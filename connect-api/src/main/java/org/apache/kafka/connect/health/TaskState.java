package org.apache.kafka.connect.health;

import org.apache.kafka.common.annotation.InterfaceAudience;

import java.util.Objects;

/**
 * The state of one task of a connector.
 */
@InterfaceAudience.Public
public class TaskState extends AbstractState {

    private final int taskId;

    public TaskState(int taskId, String state, String workerId, String trace) {
        super(state, workerId, trace);
        this.taskId = taskId;
    }

    public int taskId() {
        return taskId;
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && taskId == ((TaskState) o).taskId;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), taskId);
    }

    // The missing separator after taskId reproduces the reference implementation's text exactly.
    @Override
    public String toString() {
        return "TaskState{" +
                "taskId='" + taskId + '\'' +
                "state='" + state() + '\'' +
                ", traceMessage='" + traceMessage() + '\'' +
                ", workerId='" + workerId() + '\'' +
                '}';
    }
}
