package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.connector.ConnectorContext;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkConnectorContext;
import org.apache.kafka.connect.source.SourceConnectorContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@link ConnectorContext} a connector instance is initialized with. Reconfiguration requests go to the herder's
 * context; a raised error first fails the {@link WorkerConnector}, then is passed to the herder's context too. Once
 * the connector has been shut down both are refused, so a connector thread that outlives its instance cannot act
 * on the connector's behalf. Thread-safe: connectors may call it from threads of their own.
 */
class WorkerConnectorContext implements ConnectorContext, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkerConnectorContext.class);

    private final String connName;
    private final ConnectorContext herderContext;
    private final Consumer<Throwable> onError;
    private final Metrics metrics;
    private PluginMetricsImpl pluginMetrics;
    private boolean closed;

    /**
     * @param herderContext the context the herder passed to {@code Worker.startConnector}
     * @param onError       moves the connector to FAILED
     * @param metrics       the worker's metrics, in which the connector's plugin metrics are registered
     */
    static WorkerConnectorContext create(String connName, boolean isSink, ConnectorContext herderContext,
                                         Consumer<Throwable> onError, Metrics metrics,
                                         OffsetStorageReader offsetReader) {
        if (isSink) {
            return new Sink(connName, herderContext, onError, metrics);
        }
        return new Source(connName, herderContext, onError, metrics, offsetReader);
    }

    private WorkerConnectorContext(String connName, ConnectorContext herderContext, Consumer<Throwable> onError,
                                   Metrics metrics) {
        this.connName = connName;
        this.herderContext = herderContext;
        this.onError = onError;
        this.metrics = metrics;
    }

    @Override
    public void requestTaskReconfiguration() {
        ensureOpen("request task reconfiguration");
        herderContext.requestTaskReconfiguration();
    }

    @Override
    public void raiseError(Exception e) {
        ensureOpen("raise an error");
        onError.accept(e);
        herderContext.raiseError(e);
    }

    @Override
    public synchronized PluginMetrics pluginMetrics() {
        if (pluginMetrics == null) {
            pluginMetrics = new PluginMetricsImpl(metrics, Map.of("connector", connName));
        }
        return pluginMetrics;
    }

    /** Refuses further requests and removes the connector's plugin metrics. Idempotent. */
    @Override
    public void close() {
        PluginMetricsImpl toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = pluginMetrics;
            pluginMetrics = null;
        }
        closeQuietly(toClose);
        if (herderContext instanceof AutoCloseable) {
            closeQuietly((AutoCloseable) herderContext);
        }
    }

    private synchronized void ensureOpen(String action) {
        if (closed) {
            throw new ConnectException("Connector " + connName + " tried to " + action
                    + " after it was shut down; the request is ignored");
        }
    }

    private void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("Failed to close {} of connector {}", closeable.getClass().getSimpleName(), connName, e);
        }
    }

    private static final class Sink extends WorkerConnectorContext implements SinkConnectorContext {
        Sink(String connName, ConnectorContext herderContext, Consumer<Throwable> onError, Metrics metrics) {
            super(connName, herderContext, onError, metrics);
        }
    }

    private static final class Source extends WorkerConnectorContext implements SourceConnectorContext {
        private final OffsetStorageReader offsetReader;

        Source(String connName, ConnectorContext herderContext, Consumer<Throwable> onError, Metrics metrics,
               OffsetStorageReader offsetReader) {
            super(connName, herderContext, onError, metrics);
            this.offsetReader = offsetReader;
        }

        @Override
        public OffsetStorageReader offsetStorageReader() {
            return offsetReader;
        }
    }
}
