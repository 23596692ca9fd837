package org.apache.kafka.connect.runtime.errors;

/**
 * One step of record processing that {@link RetryWithToleranceOperator} runs, retries and guards: a conversion,
 * a transformation, a call into a task.
 *
 * @param <V> what the step produces
 */
@FunctionalInterface
public interface Operation<V> {

    V call() throws Exception;
}
