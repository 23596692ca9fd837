package org.apache.kafka.connect.runtime;

import org.apache.kafka.connect.util.ConnectorTaskId;

/** Observed state of one task. */
public final class TaskStatus extends AbstractStatus<ConnectorTaskId> {

    public TaskStatus(ConnectorTaskId id, State state, String workerId, int generation, String trace, String version) {
        super(id, state, workerId, generation, trace, version);
    }

    public TaskStatus(ConnectorTaskId id, State state, String workerId, int generation) {
        this(id, state, workerId, generation, null, null);
    }

    /** Told by the worker about a task's lifecycle; called on the task's own thread. */
    public interface Listener {

        void onStartup(ConnectorTaskId id);

        void onPause(ConnectorTaskId id);

        void onResume(ConnectorTaskId id);

        void onFailure(ConnectorTaskId id, Throwable cause);

        void onShutdown(ConnectorTaskId id);

        void onDeletion(ConnectorTaskId id);

        void onRestart(ConnectorTaskId id);
    }
}
