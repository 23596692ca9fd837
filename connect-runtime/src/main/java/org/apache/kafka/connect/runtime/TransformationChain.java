package org.apache.kafka.connect.runtime;

import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.runtime.errors.ProcessingContext;
import org.apache.kafka.connect.runtime.errors.RetryWithToleranceOperator;
import org.apache.kafka.connect.runtime.errors.Stage;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A task's transformations, applied to each record in the order of the connector's {@code transforms} list. Each
 * stage runs under the task's {@link RetryWithToleranceOperator} as stage {@link Stage#TRANSFORMATION}, so a
 * failing transformation is retried, reported and then tolerated or fatal as the connector's error settings say.
 *
 * @param <T> the type of the task's original records (see {@link ProcessingContext})
 * @param <R> the record type transformed
 */
public class TransformationChain<T, R extends ConnectRecord<R>> implements AutoCloseable {

    private final List<TransformationStage<R>> stages;
    private final RetryWithToleranceOperator<T> retryWithToleranceOperator;

    public TransformationChain(List<TransformationStage<R>> stages,
                               RetryWithToleranceOperator<T> retryWithToleranceOperator) {
        this.stages = List.copyOf(stages);
        this.retryWithToleranceOperator = Objects.requireNonNull(retryWithToleranceOperator,
                "retryWithToleranceOperator");
    }

    /**
     * @return the transformed record; null if a stage dropped the record, or a stage failed and the failure was
     *         tolerated (the context then holds the error)
     * @throws org.apache.kafka.connect.errors.ConnectException if a stage failed and the failure is not tolerated
     */
    public R apply(ProcessingContext<T> context, R record) {
        R current = record;
        for (TransformationStage<R> stage : stages) {
            R input = current;
            current = retryWithToleranceOperator.execute(context, () -> stage.apply(input), Stage.TRANSFORMATION,
                    stage.transformClass());
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    /** The stages, in order. */
    public List<TransformationStage<R>> stages() {
        return stages;
    }

    /** Closes every stage; a stage that fails to close does not keep the others open. */
    @Override
    public void close() {
        for (TransformationStage<R> stage : stages) {
            stage.close();
        }
    }

    @Override
    public String toString() {
        return stages.stream().map(TransformationStage::toString).collect(Collectors.joining(", ", "[", "]"));
    }
}
