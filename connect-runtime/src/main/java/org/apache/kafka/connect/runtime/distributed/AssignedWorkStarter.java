package org.apache.kafka.connect.runtime.distributed;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts the connectors and tasks a rebalance gave this worker in parallel, on a pool of
 * {@value #THREADS} threads ({@code StartAndStopExecutor-<clientId>-<n>}): creating a task builds its clients,
 * and a worker taking over a hundred tasks should not do that one at a time (runtime-behaviour §5.1). The herder
 * thread waits until all have been started.
 */
final class AssignedWorkStarter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AssignedWorkStarter.class);
    static final int THREADS = 8;

    private final ExecutorService executor;

    AssignedWorkStarter(String clientId) {
        AtomicInteger counter = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "StartAndStopExecutor-" + clientId + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs every start and returns when all have run; a failing start is logged and does not stop the others. */
    void startAll(List<Runnable> starts) {
        if (starts.size() == 1) {
            run(starts.get(0));
            return;
        }
        List<Future<?>> running = new ArrayList<>(starts.size());
        for (Runnable start : starts) {
            running.add(executor.submit(() -> run(start)));
        }
        for (Future<?> future : running) {
            try {
                future.get();
            } catch (ExecutionException e) {
                log.error("Failed to start assigned work", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void run(Runnable start) {
        try {
            start.run();
        } catch (RuntimeException e) {
            log.error("Failed to start assigned work", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
