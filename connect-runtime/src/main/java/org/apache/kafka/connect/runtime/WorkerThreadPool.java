package org.apache.kafka.connect.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker's threads: a cached pool on which connectors, tasks and offsets requests run. Pool threads are reused,
 * so each submission names its thread for as long as it runs (thread dumps and logs then say which connector or task
 * a thread works for). Thread-safe.
 */
final class WorkerThreadPool {

    private static final Logger log = LoggerFactory.getLogger(WorkerThreadPool.class);

    private final ExecutorService executor = Executors.newCachedThreadPool(new PoolThreadFactory());

    /** Runs {@code work} on a pool thread named {@code threadName} while it runs. */
    void execute(String threadName, Runnable work) {
        executor.execute(() -> {
            Thread thread = Thread.currentThread();
            String previousName = thread.getName();
            thread.setName(threadName);
            try {
                work.run();
            } finally {
                thread.setName(previousName);
            }
        });
    }

    /** Refuses new work and waits up to {@code timeoutMs} for running work to end; then interrupts what is left. */
    void shutdown(long timeoutMs) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS)) {
                log.warn("Connector or task threads are still running after the worker stopped");
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static final class PoolThreadFactory implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable runnable) {
            return new Thread(runnable, "worker-pool-thread-" + count.incrementAndGet());
        }
    }
}
