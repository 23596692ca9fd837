package org.apache.kafka.connect.runtime.errors;

/**
 * The step of a record's journey through a task at which an operation runs. Operators see these names in error logs
 * and in the {@code __connect.errors.stage} header of dead letter queue records.
 */
public enum Stage {

    /** {@code SourceTask.poll()}. */
    TASK_POLL,

    /** {@code SinkTask.put()}, and records a sink task reports through its errant record reporter. */
    TASK_PUT,

    /** One transformation of the chain. */
    TRANSFORMATION,

    /** The key converter, in either direction. */
    KEY_CONVERTER,

    /** The value converter, in either direction. */
    VALUE_CONVERTER,

    /** The header converter, in either direction. */
    HEADER_CONVERTER,

    /** Sending a source record with the producer. */
    KAFKA_PRODUCE,

    /** Reading a sink record with the consumer. */
    KAFKA_CONSUME
}
