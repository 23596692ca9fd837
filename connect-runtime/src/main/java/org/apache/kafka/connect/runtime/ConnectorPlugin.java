package org.apache.kafka.connect.runtime;

import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.isolation.LoaderSwap;
import org.apache.kafka.connect.runtime.isolation.PluginVersionRequirement;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.maven.artifact.versioning.InvalidVersionSpecificationException;
import org.apache.maven.artifact.versioning.VersionRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The connector class a connector config selects ({@code connector.class} within {@code connector.plugin.version}),
 * with the class loader its connector and tasks run with. Immutable.
 */
record ConnectorPlugin(Class<? extends Connector> connectorClass, VersionRange versionRange, ClassLoader loader) {

    private static final Logger log = LoggerFactory.getLogger(ConnectorPlugin.class);

    /**
     * @throws ConnectException if the config names no connector class, an unknown one, or an invalid version
     *                          requirement, or no installed copy is in the required range
     */
    static ConnectorPlugin resolve(Plugins plugins, Map<String, String> connProps) {
        String className = connProps.get(ConnectorConfig.CONNECTOR_CLASS_CONFIG);
        if (className == null || className.isBlank()) {
            throw new ConnectException("Connector config has no '" + ConnectorConfig.CONNECTOR_CLASS_CONFIG + "'");
        }
        String versionSpec = connProps.get(ConnectorConfig.CONNECTOR_VERSION);
        VersionRange range;
        try {
            range = PluginVersionRequirement.parse(versionSpec);
        } catch (InvalidVersionSpecificationException e) {
            throw new ConnectException("Invalid version specification '" + versionSpec + "' in '"
                    + ConnectorConfig.CONNECTOR_VERSION + "'", e);
        }
        Class<? extends Connector> connectorClass;
        ClassLoader loader;
        try {
            connectorClass = plugins.connectorClass(className, range);
        } catch (ConnectException e) {
            throw new ConnectException("Failed to instantiate class for connector " + className, e);
        }
        try {
            loader = plugins.connectorLoader(className, range);
        } catch (ConnectException e) {
            throw new ConnectException("Failed to get class loader for connector " + className, e);
        }
        return new ConnectorPlugin(connectorClass, range, loader);
    }

    boolean isSink() {
        return SinkConnector.class.isAssignableFrom(connectorClass);
    }

    /** A new connector instance, created with its own loader current. */
    Connector newConnector(Plugins plugins) {
        return plugins.newConnector(connectorClass.getName(), versionRange);
    }

    /** The version a connector or task reports, asked with this plugin's loader current; null if it fails. */
    String versionOf(Connector connector) {
        return versionOf(connector, connector::version);
    }

    String versionOf(Task task) {
        return versionOf(task, task::version);
    }

    private String versionOf(Object plugin, Supplier<String> version) {
        try (LoaderSwap swap = LoaderSwap.swap(loader)) {
            return version.get();
        } catch (RuntimeException | LinkageError e) {
            log.warn("Failed to get the version of {}", plugin.getClass().getName(), e);
            return null;
        }
    }
}
