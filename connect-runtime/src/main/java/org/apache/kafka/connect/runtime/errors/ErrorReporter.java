package org.apache.kafka.connect.runtime.errors;

import java.util.concurrent.CompletableFuture;

/**
 * Tells someone about a record that failed: the log, the dead letter queue. {@link RetryWithToleranceOperator} calls
 * every reporter of a task after each failure.
 * <p>
 * A reporter must not throw from {@link #report}: problems with reporting (a failed send) show in the returned future
 * and in the task's error metrics, never as a task failure.
 *
 * @param <T> the type of the original record in the {@link ProcessingContext}
 */
public interface ErrorReporter<T> extends AutoCloseable {

    /**
     * Reports a failed record. Called on the thread that processed the record.
     *
     * @return completes when the report is done (immediately for a log, when the broker acknowledged for a DLQ);
     *         completes exceptionally if reporting failed
     */
    CompletableFuture<Void> report(ProcessingContext<T> context);

    /** Releases what the reporter holds. Called once, by the task thread, when the task ends. */
    @Override
    default void close() {
    }
}
