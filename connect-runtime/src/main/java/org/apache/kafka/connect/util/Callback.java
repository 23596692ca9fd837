package org.apache.kafka.connect.util;

/**
 * Receives the outcome of an asynchronous operation exactly once: either an error or a result.
 *
 * @param <V> the type of the result
 */
@FunctionalInterface
public interface Callback<V> {

    /**
     * @param error  the failure, or {@code null} if the operation succeeded
     * @param result the result if the operation succeeded (may itself be {@code null}, e.g. for {@code Void}),
     *               otherwise {@code null}
     */
    void onCompletion(Throwable error, V result);
}
