package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.connector.ConnectorContext;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.isolation.PluginDesc;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.storage.OffsetStorageReaderImpl;
import org.apache.kafka.connect.util.Callback;
import org.apache.kafka.connect.util.LoggingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One connector instance on its own thread ({@code connector-thread-<name>}): initializes the connector, then applies
 * requested target states one at a time until it is shut down.
 * <p>
 * Target-state requests ({@link #transitionTo}) are queued in a slot holding only the latest one: a request that
 * has not begun when a newer one arrives is completed with an error saying it was pre-empted. A connector that
 * failed (in {@code start}, in {@code stop} while pausing, or through {@link #fail}) stays FAILED and only accepts
 * STOPPED. Calls into the connector happen on the connector thread with its class loader current; status writes
 * never happen while holding this object's lock, and none happen once the connector has been {@linkplain #cancel()
 * cancelled}.
 */
class WorkerConnector implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(WorkerConnector.class);

    private enum State {
        INIT, STARTED, PAUSED, STOPPED, FAILED
    }

    /** A target-state request waiting for the connector thread. */
    private record Transition(TargetState target, Callback<TargetState> callback) {
    }

    private final String connName;
    private final Connector connector;
    private final Map<String, String> connProps;
    private final ConnectorStatus.Listener statusListener;
    private final OffsetStorageReaderImpl offsetReader;
    private final ClassLoader loader;
    private final String version;
    private final WorkerConnectorContext context;
    private final ConnectorMetrics metrics;
    private final CountDownLatch shutdownLatch = new CountDownLatch(1);

    // Guarded by this.
    private State state = State.INIT;
    private Transition pending;
    private boolean stopping;
    private volatile boolean cancelled;

    /**
     * @param herderContext the herder's context for this connector; wrapped, not given to the connector directly
     * @param offsetReader  the reader over the connector's offsets (source connectors), else null; closed here
     * @param version       the connector's version, for status records
     * @param metrics       where the connector's metrics and plugin metrics are registered
     */
    WorkerConnector(String connName, Connector connector, Map<String, String> connProps,
                    ConnectorContext herderContext,
                    ConnectorStatus.Listener statusListener, OffsetStorageReaderImpl offsetReader, ClassLoader loader,
                    ConnectMetrics metrics, String version, Time time) {
        this.connName = connName;
        this.connector = connector;
        this.connProps = connProps;
        this.metrics = new ConnectorMetrics(metrics, connName, isSinkConnector() ? "sink" : "source",
                connector.getClass().getName(), version == null ? PluginDesc.UNDEFINED_VERSION : version, time);
        this.statusListener = this.metrics.tracking(statusListener);
        this.offsetReader = offsetReader;
        this.loader = loader;
        this.version = version;
        this.context = WorkerConnectorContext.create(connName, isSinkConnector(), herderContext, this::fail,
                metrics.metrics(), offsetReader);
    }

    String name() {
        return connName;
    }

    Connector connector() {
        return connector;
    }

    ClassLoader loader() {
        return loader;
    }

    String version() {
        return version;
    }

    boolean isSinkConnector() {
        return connector instanceof SinkConnector;
    }

    /** The status the connector last reported, as its {@code status} metric shows it. */
    String status() {
        return metrics.status();
    }

    /** Unregisters the connector's {@code connector-metrics}; the worker calls it once the connector is gone. */
    void removeMetrics() {
        metrics.close();
    }

    synchronized boolean isRunning() {
        return state == State.STARTED;
    }

    /**
     * Requests a target state. The callback is completed on the connector thread once the transition is done or
     * has failed, or earlier if a newer request pre-empts this one or the connector is shut down first.
     */
    void transitionTo(TargetState target, Callback<TargetState> callback) {
        Transition superseded;
        boolean rejected;
        synchronized (this) {
            rejected = stopping;
            superseded = rejected ? null : pending;
            if (!rejected) {
                pending = new Transition(target, callback);
                notifyAll();
            }
        }
        if (rejected) {
            complete(callback, scheduledForShutdown(target), null);
            return;
        }
        if (superseded == null) {
            return;
        }
        complete(superseded.callback(), new ConnectException("Could not begin changing connector state to "
                + superseded.target() + " before another request to change state was made; the new request "
                + "(which is to change the state to " + target + ") has pre-empted this one"), null);
    }

    /**
     * An error from outside the connector's own calls (its context's {@code raiseError}, too many task configs):
     * the connector becomes FAILED without being stopped, and its status FAILED with the error's trace.
     */
    void fail(Throwable cause) {
        synchronized (this) {
            state = State.FAILED;
        }
        log.error("{} Connector raised an error", this, cause);
        if (!cancelled) {
            statusListener.onFailure(connName, cause);
        }
    }

    /** Asks the connector thread to stop the connector and exit; returns at once. */
    void shutdown() {
        Transition abandoned;
        synchronized (this) {
            stopping = true;
            abandoned = pending;
            pending = null;
            notifyAll();
        }
        if (abandoned != null) {
            complete(abandoned.callback(), scheduledForShutdown(abandoned.target()), null);
        }
    }

    /** @return whether the connector thread finished shutting down within the timeout */
    boolean awaitShutdown(long timeoutMs) {
        try {
            return shutdownLatch.await(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Gives up on a connector that did not shut down in time: reports it UNASSIGNED once, releases what the worker
     * gave it, and suppresses every later status write of this instance.
     */
    void cancel() {
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
        }
        statusListener.onShutdown(connName);
        context.close();
        if (offsetReader != null) {
            offsetReader.close();
        }
    }

    @Override
    public void run() {
        ClassLoader previousLoader = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        try (LoggingContext ignored = LoggingContext.forConnector(connName)) {
            initialize();
            Transition next;
            while ((next = awaitTransition()) != null) {
                doTransition(next);
            }
            doShutdown();
        } finally {
            Thread.currentThread().setContextClassLoader(previousLoader);
            shutdownLatch.countDown();
        }
    }

    private void initialize() {
        try {
            if (!(connector instanceof SourceConnector) && !(connector instanceof SinkConnector)) {
                throw new ConnectException("Connector implementations must be a subclass of either SourceConnector "
                        + "or SinkConnector");
            }
            if (isSinkConnector()) {
                SinkConnectorConfig.validate(connProps);
            }
            log.debug("{} Initializing connector", this);
            connector.initialize(context);
        } catch (Throwable t) {
            log.error("{} Error initializing connector", this, t);
            failInternally(t);
        }
    }

    /** @return the next request, or null once shut down */
    private synchronized Transition awaitTransition() {
        while (!stopping && pending == null) {
            try {
                wait();
            } catch (InterruptedException e) {
                // Nothing but shutdown() ends the connector thread; keep waiting.
                log.debug("{} Ignoring interruption while waiting for a state change", this);
            }
        }
        if (stopping) {
            return null;
        }
        Transition next = pending;
        pending = null;
        return next;
    }

    private void doTransition(Transition transition) {
        TargetState target = transition.target();
        State current;
        synchronized (this) {
            current = state;
        }
        if (current == State.FAILED && target != TargetState.STOPPED) {
            complete(transition.callback(), new ConnectException(this + " Cannot transition connector to "
                    + target + " since it has failed"), null);
            return;
        }
        try {
            switch (target) {
                case STARTED -> doStart(current);
                case PAUSED -> doPause(current);
                case STOPPED -> doStop(current);
                default -> throw new IllegalArgumentException("Unknown target state " + target);
            }
        } catch (Throwable t) {
            log.error("{} Error while transitioning connector to {}", this, target, t);
            failInternally(t);
            complete(transition.callback(), new ConnectException("Failed to transition connector " + connName
                    + " to state " + target, t), null);
            return;
        }
        complete(transition.callback(), null, target);
    }

    private void doStart(State current) {
        if (current == State.STARTED) {
            return;
        }
        log.info("{} Starting connector", this);
        connector.start(connProps);
        setState(State.STARTED);
        if (current == State.INIT) {
            report(() -> statusListener.onStartup(connName));
        } else {
            report(() -> statusListener.onResume(connName));
        }
    }

    private void doPause(State current) {
        if (current == State.PAUSED) {
            return;
        }
        if (current == State.STARTED) {
            log.info("{} Pausing connector", this);
            connector.stop();
        }
        setState(State.PAUSED);
        report(() -> statusListener.onPause(connName));
    }

    private void doStop(State current) {
        if (current == State.STOPPED) {
            return;
        }
        if (current == State.STARTED) {
            log.info("{} Stopping connector", this);
            try {
                connector.stop();
            } catch (Throwable t) {
                // The connector is meant to be stopped anyway; reporting FAILED would hide that.
                log.error("{} Error while stopping connector; considering it stopped", this, t);
            }
        }
        setState(State.STOPPED);
        report(() -> statusListener.onStop(connName));
    }

    private void doShutdown() {
        boolean failedNow = false;
        State current;
        synchronized (this) {
            current = state;
        }
        try {
            if (current == State.STARTED) {
                log.info("{} Stopping connector for shutdown", this);
                connector.stop();
            }
        } catch (Throwable t) {
            log.error("{} Error while shutting down connector", this, t);
            failInternally(t);
            failedNow = true;
        }
        if (!failedNow) {
            report(() -> statusListener.onShutdown(connName));
        }
        context.close();
        if (offsetReader != null) {
            offsetReader.close();
        }
        log.info("{} Connector shut down", this);
    }

    /** A failure in one of the connector's own calls, made on the connector thread. */
    private void failInternally(Throwable t) {
        setState(State.FAILED);
        report(() -> statusListener.onFailure(connName, t));
    }

    private synchronized void setState(State newState) {
        state = newState;
    }

    private void report(Runnable statusWrite) {
        if (cancelled) {
            return;
        }
        try {
            statusWrite.run();
        } catch (RuntimeException e) {
            log.error("{} Failed to report the connector's status", this, e);
        }
    }

    private ConnectException scheduledForShutdown(TargetState target) {
        return new ConnectException("Could not begin changing connector state to " + target
                + " as the connector has been scheduled for shutdown");
    }

    private void complete(Callback<TargetState> callback, Throwable error, TargetState result) {
        if (callback == null) {
            return;
        }
        try {
            callback.onCompletion(error, result);
        } catch (RuntimeException e) {
            log.error("{} State change callback failed", this, e);
        }
    }

    @Override
    public String toString() {
        return "WorkerConnector{id=" + connName + '}';
    }
}
