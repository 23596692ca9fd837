package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.utils.Time;

/**
 * The metrics of one connector instance, group {@code connector-metrics} tagged {@code connector}: its type, class and
 * version, and the status it last reported. Thread-safe.
 */
final class ConnectorMetrics implements AutoCloseable {

    static final String GROUP = "connector-metrics";

    private final MetricGroup group;
    private final StateTimes states;

    ConnectorMetrics(ConnectMetrics connectMetrics, String connName, String type, String connectorClass,
                     String version, Time time) {
        this.group = connectMetrics.group(GROUP, "connector", connName);
        this.states = new StateTimes(time);
        group.addImmutableGauge("connector-type", "The type of the connector. One of 'source' or 'sink'.", type);
        group.addImmutableGauge("connector-class", "The name of the connector class.", connectorClass);
        group.addImmutableGauge("connector-version", "The version of the connector class, as reported by the "
                + "connector.", version);
        group.addGauge("status", "The status of the connector. One of 'unassigned', 'running', 'paused', 'stopped', "
                + "'failed', or 'restarting'.", (config, now) -> states.current());
    }

    /** Wraps the connector's status listener so that {@code status} follows what the connector reports. */
    ConnectorStatus.Listener tracking(ConnectorStatus.Listener listener) {
        return new ConnectorStatus.Listener() {
            @Override
            public void onStartup(String connector) {
                states.change(StateTimes.RUNNING);
                listener.onStartup(connector);
            }

            @Override
            public void onPause(String connector) {
                states.change(StateTimes.PAUSED);
                listener.onPause(connector);
            }

            @Override
            public void onResume(String connector) {
                states.change(StateTimes.RUNNING);
                listener.onResume(connector);
            }

            @Override
            public void onStop(String connector) {
                states.change(StateTimes.STOPPED);
                listener.onStop(connector);
            }

            @Override
            public void onFailure(String connector, Throwable cause) {
                states.change(StateTimes.FAILED);
                listener.onFailure(connector, cause);
            }

            @Override
            public void onShutdown(String connector) {
                states.change(StateTimes.UNASSIGNED);
                listener.onShutdown(connector);
            }

            @Override
            public void onDeletion(String connector) {
                states.change(StateTimes.DESTROYED);
                listener.onDeletion(connector);
            }

            @Override
            public void onRestart(String connector) {
                states.change(StateTimes.RESTARTING);
                listener.onRestart(connector);
            }
        };
    }

    String status() {
        return states.current();
    }

    @Override
    public void close() {
        group.close();
    }
}
