package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.runtime.errors.RetryWithToleranceOperator;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.apache.kafka.connect.util.LoggingContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The life of one task on its own thread ({@code task-thread-<connector>-<n>}): wait while the initial target state
 * is PAUSED, start the task, run the kind-specific loop, then close everything and report the final status.
 * Subclasses ({@code WorkerSourceTask}, {@code WorkerSinkTask}) supply the loop.
 *
 * <p>Threads: {@link #run()} and every {@code protected} hook run on the task thread. {@link #stop()},
 * {@link #cancel()}, {@link #transitionTo} and {@link #awaitStop} are called by the worker/herder threads; they only
 * flip volatile flags and wake the task thread. Status writes for pause/resume/start/failure are made by the task
 * thread; none are made once the task is cancelled.
 *
 * @param <T> the type of the original records ({@code SourceRecord} or {@code ConsumerRecord<byte[], byte[]>})
 * @param <R> the type of the records passed through the transformation chain
 */
public abstract class WorkerTask<T, R extends ConnectRecord<R>> implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(WorkerTask.class);

    protected final ConnectorTaskId id;
    protected final Time time;
    protected final RetryWithToleranceOperator<T> retryWithToleranceOperator;
    protected final TransformationChain<T, R> transformationChain;
    private final TaskStatus.Listener statusListener;
    private final TaskMetrics taskMetrics;
    private final ClassLoader loader;
    private final CountDownLatch shutdownLatch = new CountDownLatch(1);

    private volatile TargetState targetState;
    private volatile boolean stopping;
    private volatile boolean cancelled;
    private volatile boolean failed;

    protected WorkerTask(ConnectorTaskId id, TaskStatus.Listener statusListener, TargetState initialState,
                         ClassLoader loader, Time time, RetryWithToleranceOperator<T> retryWithToleranceOperator,
                         TransformationChain<T, R> transformationChain) {
        this(id, statusListener, initialState, loader, time, retryWithToleranceOperator, transformationChain,
                new ConnectMetrics(new Metrics(time)));
    }

    /**
     * @param metrics where the task's metrics are registered; they stay until {@link #removeMetrics()}
     */
    protected WorkerTask(ConnectorTaskId id, TaskStatus.Listener statusListener, TargetState initialState,
                         ClassLoader loader, Time time, RetryWithToleranceOperator<T> retryWithToleranceOperator,
                         TransformationChain<T, R> transformationChain, ConnectMetrics metrics) {
        this.id = id;
        this.taskMetrics = new TaskMetrics(metrics, id, time);
        this.statusListener = taskMetrics.tracking(statusListener);
        this.targetState = initialState;
        this.loader = loader;
        this.time = time;
        this.retryWithToleranceOperator = retryWithToleranceOperator;
        this.transformationChain = transformationChain;
    }

    public ConnectorTaskId id() {
        return id;
    }

    /** The class loader of the task's plugin; the worker installs it as the context loader of the task thread. */
    public ClassLoader loader() {
        return loader;
    }

    /** The task's {@code connector-task-metrics}; kind-specific groups are created in the same registry. */
    TaskMetrics taskMetrics() {
        return taskMetrics;
    }

    /**
     * Unregisters the task's metrics. The worker calls it once the task has stopped or was cancelled; subclasses
     * that register more metrics override it, calling super.
     */
    public void removeMetrics() {
        taskMetrics.close();
    }

    /** Start the task: {@code task.initialize(context)} and {@code task.start(config)}. */
    protected abstract void initializeAndStart();

    /** The kind-specific loop; returns when {@link #isStopping()} or throws on failure. */
    protected abstract void execute();

    /** Release the task's resources (the task's {@code stop()}, clients, converters). Never throws. */
    protected abstract void close();

    /** Ask the task to stop soon. Subclasses that block elsewhere (a consumer poll) override to wake it, calling super. */
    public void stop() {
        synchronized (this) {
            stopping = true;
            notifyAll();
        }
        retryWithToleranceOperator.triggerStop();
    }

    /** Give up waiting for a graceful stop: suppress further status writes. Called after {@link #stop()}. */
    public void cancel() {
        cancelled = true;
        retryWithToleranceOperator.triggerStop();
    }

    /** Wait until {@link #run()} has finished closing the task. */
    public boolean awaitStop(long timeoutMs) {
        try {
            return shutdownLatch.await(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** PAUSED or STARTED; STOPPED is never sent to a task (tasks are removed), and would stop it. */
    public void transitionTo(TargetState state) {
        synchronized (this) {
            if (stopping) {
                return;
            }
            if (state == TargetState.STOPPED) {
                stop();
                return;
            }
            targetState = state;
            notifyAll();
        }
    }

    protected boolean isStopping() {
        return stopping;
    }

    protected boolean isCancelled() {
        return cancelled;
    }

    protected boolean isFailed() {
        return failed;
    }

    protected boolean isPaused() {
        return targetState == TargetState.PAUSED;
    }

    /**
     * Block the task thread while paused; returns {@code true} when resumed, {@code false} when stopping. The
     * caller reports the pause/resume through {@link #onPause()} / {@link #onResume()}.
     */
    protected boolean awaitUnpause() throws InterruptedException {
        synchronized (this) {
            while (targetState == TargetState.PAUSED) {
                if (stopping) {
                    return false;
                }
                wait();
            }
            return !stopping;
        }
    }

    protected void onPause() {
        if (!cancelled) {
            statusListener.onPause(id);
        }
    }

    protected void onResume() {
        if (!cancelled) {
            statusListener.onResume(id);
        }
    }

    @Override
    public void run() {
        ClassLoader previousLoader = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        try (LoggingContext ignored = LoggingContext.forTask(id)) {
            try {
                doRun();
                if (!cancelled) {
                    statusListener.onShutdown(id);
                }
            } catch (Throwable t) {
                if (stopping || cancelled) {
                    log.warn("{} Task threw an error while stopping", this, t);
                    if (!cancelled) {
                        statusListener.onShutdown(id);
                    }
                } else {
                    failed = true;
                    log.error("{} Task threw an uncaught and unrecoverable exception. Task is being killed and will"
                            + " not recover until manually restarted", this, t);
                    statusListener.onFailure(id, t);
                }
                if (t instanceof Error && !(t instanceof LinkageError)) {
                    throw (Error) t;
                }
            } finally {
                closeAll();
            }
        } finally {
            Thread.currentThread().setContextClassLoader(previousLoader);
            shutdownLatch.countDown();
        }
    }

    private void doRun() throws InterruptedException {
        synchronized (this) {
            if (stopping) {
                return;
            }
        }
        if (isPaused()) {
            onPause();
            if (!awaitUnpause()) {
                return;
            }
        }
        initializeAndStart();
        if (!cancelled) {
            statusListener.onStartup(id);
        }
        execute();
    }

    private void closeAll() {
        try {
            close();
        } catch (Throwable t) {
            log.warn("{} Failed to close task resources", this, t);
        }
        closeQuietly(transformationChain, "transformation chain");
        closeQuietly(retryWithToleranceOperator, "error handling");
    }

    protected void closeQuietly(AutoCloseable closeable, String what) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Throwable t) {
            log.warn("{} Failed to close {}", this, what, t);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{id=" + id + '}';
    }
}
