package org.apache.kafka.connect.runtime;

/** Observed state of one connector instance. */
public final class ConnectorStatus extends AbstractStatus<String> {

    public ConnectorStatus(String connector, State state, String workerId, int generation, String trace, String version) {
        super(connector, state, workerId, generation, trace, version);
    }

    public ConnectorStatus(String connector, State state, String workerId, int generation) {
        this(connector, state, workerId, generation, null, null);
    }

    /**
     * Told by the worker about a connector's lifecycle; the herder turns the calls into status-store writes. Called
     * on the connector's own thread (or the herder thread for restart/deletion), never while holding worker locks.
     */
    public interface Listener {

        /** The connector started (or was created paused/stopped and reached that state). */
        void onStartup(String connector);

        void onPause(String connector);

        void onResume(String connector);

        /** The connector reached the STOPPED target state (KIP-875). */
        void onStop(String connector);

        /** The connector failed; {@code cause} becomes the status trace. */
        void onFailure(String connector, Throwable cause);

        /** The connector was shut down on this worker (it may run elsewhere next): status becomes UNASSIGNED. */
        void onShutdown(String connector);

        /** The connector was deleted. */
        void onDeletion(String connector);

        /** The connector is about to be restarted. */
        void onRestart(String connector);
    }
}
