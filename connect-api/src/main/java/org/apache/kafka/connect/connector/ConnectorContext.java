package org.apache.kafka.connect.connector;

import org.apache.kafka.common.annotation.InterfaceAudience;
import org.apache.kafka.common.metrics.PluginMetrics;

/**
 * The runtime's side of a connector: lets the connector ask for new task configurations or report a fatal error.
 */
@InterfaceAudience.Public
public interface ConnectorContext {

    /**
     * Asks the runtime to call {@link Connector#taskConfigs(int)} again, e.g. because the set of inputs changed.
     */
    void requestTaskReconfiguration();

    /**
     * Reports an unrecoverable error; the runtime fails the connector.
     */
    void raiseError(Exception e);

    /**
     * @return the metrics registry through which the connector can publish its own metrics
     */
    PluginMetrics pluginMetrics();
}
