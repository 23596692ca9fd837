package org.apache.kafka.connect.runtime.standalone;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.util.Callback;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;

/**
 * Health checks of the standalone herder. A check completes once start-up is over (the command-line connectors
 * exist), on a dedicated thread that takes the herder lock, so a wedged herder shows up as a timed-out check.
 */
final class StandaloneHealthCheck {

    private final Object herderLock;
    private final BooleanSupplier herderRunning;
    private final ExecutorService executor;
    private volatile boolean ready;

    /**
     * @param herderLock    the herder's monitor; whoever clears {@code herderRunning} must notify it
     * @param executor      the single thread checks run on; shut down by {@link #stop()}
     */
    StandaloneHealthCheck(Object herderLock, BooleanSupplier herderRunning, ExecutorService executor) {
        this.herderLock = herderLock;
        this.herderRunning = herderRunning;
        this.executor = executor;
    }

    boolean isReady() {
        return ready;
    }

    void markReady() {
        synchronized (herderLock) {
            ready = true;
            herderLock.notifyAll();
        }
    }

    void check(Callback<Void> callback) {
        try {
            executor.execute(() -> {
                try {
                    synchronized (herderLock) {
                        while (!ready && herderRunning.getAsBoolean()) {
                            herderLock.wait();
                        }
                    }
                } catch (InterruptedException e) {
                    callback.onCompletion(new ConnectException("Health check interrupted"), null);
                    return;
                }
                if (herderRunning.getAsBoolean()) {
                    callback.onCompletion(null, null);
                } else {
                    callback.onCompletion(new ConnectException("Worker is shutting down"), null);
                }
            });
        } catch (RejectedExecutionException e) {
            callback.onCompletion(new ConnectException("Worker is shutting down"), null);
        }
    }

    void stop() {
        executor.shutdownNow();
    }
}
