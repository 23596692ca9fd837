package org.apache.kafka.connect.runtime.errors;

import java.util.Objects;

/**
 * What the error handling layer knows about one record while it is processed: the record as it entered the task,
 * the stage and class currently working on it, the attempt number and, once it failed, the error.
 * <p>
 * A task creates one context per record and passes it to every guarded step of that record, so a failure in one
 * stage makes the later stages skip the record. A context belongs to the thread processing its record (the task
 * thread, or a connector thread reporting an errant record) and is not thread-safe.
 *
 * @param <T> the original record: a {@code ConsumerRecord<byte[], byte[]>} in sink tasks, a {@code SourceRecord} in
 *            source tasks
 */
public final class ProcessingContext<T> {

    private final T original;
    private Stage stage;
    private Class<?> executingClass;
    private int attempt;
    private Throwable error;

    public ProcessingContext(T original) {
        this.original = Objects.requireNonNull(original, "original");
    }

    /** The record as the task received it: raw bytes for a sink, the polled record for a source. */
    public T original() {
        return original;
    }

    /** The stage of the most recent guarded operation, or null if none ran yet. */
    public Stage stage() {
        return stage;
    }

    /** The class (converter, transformation, task) of the most recent guarded operation, or null. */
    public Class<?> executingClass() {
        return executingClass;
    }

    /** The attempt number of the most recent operation, starting at 1; 0 before any attempt. */
    public int attempt() {
        return attempt;
    }

    /** The error that made this record fail, or null while it has not failed. */
    public Throwable error() {
        return error;
    }

    public boolean failed() {
        return error != null;
    }

    void position(Stage stage, Class<?> executingClass) {
        this.stage = stage;
        this.executingClass = executingClass;
        this.attempt = 0;
    }

    void attempt(int attempt) {
        this.attempt = attempt;
    }

    void error(Throwable error) {
        this.error = error;
    }

    // Never includes the record itself: its contents may be confidential and this string can end up in logs.
    @Override
    public String toString() {
        return "ProcessingContext{stage=" + stage
                + ", executingClass=" + (executingClass == null ? null : executingClass.getName())
                + ", attempt=" + attempt
                + ", failed=" + failed()
                + '}';
    }
}
