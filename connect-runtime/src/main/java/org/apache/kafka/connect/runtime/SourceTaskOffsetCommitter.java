package org.apache.kafka.connect.runtime;

import org.apache.kafka.connect.util.ConnectorTaskId;
import org.apache.kafka.connect.util.LoggingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Commits the offsets of every regular source task of a worker, each every {@code offset.flush.interval.ms} (first
 * after one interval), on one shared thread. The final commit of a stopping task is made by the task itself.
 * <p>
 * Thread-safe: the worker schedules and removes tasks from its own threads.
 */
class SourceTaskOffsetCommitter {

    private static final Logger log = LoggerFactory.getLogger(SourceTaskOffsetCommitter.class);

    private final long intervalMs;
    private final ScheduledExecutorService executor;
    private final Map<ConnectorTaskId, ScheduledCommit> commits = new ConcurrentHashMap<>();

    public SourceTaskOffsetCommitter(WorkerConfig config) {
        this(config.getLong(WorkerConfig.OFFSET_COMMIT_INTERVAL_MS_CONFIG),
                Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "SourceTaskOffsetCommitter-1");
                    thread.setDaemon(true);
                    return thread;
                }));
    }

    SourceTaskOffsetCommitter(long intervalMs, ScheduledExecutorService executor) {
        this.intervalMs = intervalMs;
        this.executor = executor;
    }

    /** Starts committing the task's offsets periodically; replaces an earlier schedule of the same id. */
    public void schedule(ConnectorTaskId id, WorkerSourceTask task) {
        ScheduledCommit commit = new ScheduledCommit(id, task);
        // Holding the lock until the future is set, so that a concurrent remove() finds it.
        synchronized (commit) {
            ScheduledCommit previous = commits.put(id, commit);
            if (previous != null) {
                previous.cancel();
            }
            commit.future = executor.scheduleWithFixedDelay(commit::run, intervalMs, intervalMs,
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Stops committing the task's offsets. If a commit of the task is running, waits for it to end, so that none
     * runs once this returns.
     */
    public void remove(ConnectorTaskId id) {
        ScheduledCommit commit = commits.remove(id);
        if (commit != null) {
            commit.cancel();
        }
    }

    /** Stops all periodic commits, waiting up to {@code timeoutMs} for a running one to end. */
    public void close(long timeoutMs) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS)) {
                log.error("Offset commits of source tasks did not finish within {} ms; abandoning them", timeoutMs);
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }

    /** The periodic commit of one task. */
    private static final class ScheduledCommit {

        private final ConnectorTaskId id;
        private final WorkerSourceTask task;
        /** Guarded by this, like {@link #cancelled}. */
        private ScheduledFuture<?> future;
        /** Once set, no commit starts; setting it waits for a running commit (both hold the lock). */
        private boolean cancelled;

        ScheduledCommit(ConnectorTaskId id, WorkerSourceTask task) {
            this.id = id;
            this.task = task;
        }

        synchronized void run() {
            if (cancelled) {
                return;
            }
            try (LoggingContext ignored = LoggingContext.forOffsets(id)) {
                log.trace("{} Committing offsets", task);
                if (!task.commitOffsets()) {
                    log.warn("{} Offset commit failed; will retry at the next interval", task);
                }
            } catch (Throwable t) {
                // An exception would end the schedule for good; the next interval gets another chance.
                log.error("{} Unexpected failure while committing offsets", task, t);
            }
        }

        synchronized void cancel() {
            cancelled = true;
            if (future != null) {
                future.cancel(false);
            }
        }
    }
}
