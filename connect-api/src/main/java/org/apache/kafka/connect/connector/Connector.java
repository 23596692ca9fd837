package org.apache.kafka.connect.connector;

import org.apache.kafka.common.annotation.InterfaceAudience;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.ConnectPlugin;
import org.apache.kafka.connect.errors.ConnectException;

import java.util.List;
import java.util.Map;

/**
 * Base class of all connectors: a connector manages the copying of data between Kafka and another system by
 * splitting the work into task configurations. Implementations extend {@code SourceConnector} or
 * {@code SinkConnector}.
 */
@InterfaceAudience.Public
public abstract class Connector implements ConnectPlugin {

    protected ConnectorContext context;

    /**
     * Hands the runtime context to a newly created connector.
     */
    public void initialize(ConnectorContext ctx) {
        context = ctx;
    }

    /**
     * Hands the runtime context to a connector whose tasks already run with {@code taskConfigs}. Connectors that
     * can reuse the existing task configurations may override this; by default they are ignored.
     */
    public void initialize(ConnectorContext ctx, List<Map<String, String>> taskConfigs) {
        context = ctx;
    }

    protected ConnectorContext context() {
        return context;
    }

    public abstract void start(Map<String, String> props);

    /**
     * Applies a new configuration; by default the connector is simply stopped and started again.
     */
    public void reconfigure(Map<String, String> props) {
        stop();
        start(props);
    }

    public abstract Class<? extends Task> taskClass();

    /**
     * @param maxTasks the upper bound on the number of configurations to return
     * @return one configuration per task to run
     */
    public abstract List<Map<String, String>> taskConfigs(int maxTasks);

    public abstract void stop();

    /**
     * Validates a connector configuration against {@link #config()}. Overrides may add checks that span several
     * properties.
     */
    public Config validate(Map<String, String> connectorConfigs) {
        ConfigDef configDef = config();
        if (configDef == null) {
            throw new ConnectException(getClass().getName() + ".config() must return a ConfigDef that is not null.");
        }
        return new Config(configDef.validate(connectorConfigs));
    }

    @Override
    public abstract ConfigDef config();
}
