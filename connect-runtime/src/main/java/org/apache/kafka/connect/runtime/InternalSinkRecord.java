package org.apache.kafka.connect.runtime;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

import java.util.Objects;

/**
 * A {@link SinkRecord} built by the worker from a consumed record, still carrying that raw consumer record so that an
 * errant record reported by the task can be sent to the dead letter queue exactly as it was consumed.
 * <p>
 * Transformations and tasks derive records with {@code newRecord}, which keeps the raw record and the original
 * topic, partition and offset. Immutable, like every {@code SinkRecord}.
 */
public class InternalSinkRecord extends SinkRecord {

    private final ConsumerRecord<byte[], byte[]> originalRecord;

    /**
     * @param originalRecord the record as consumed
     * @param converted      the record the converters made of it, before any transformation
     */
    public InternalSinkRecord(ConsumerRecord<byte[], byte[]> originalRecord, SinkRecord converted) {
        this(originalRecord, converted.topic(), converted.kafkaPartition(), converted.keySchema(), converted.key(),
                converted.valueSchema(), converted.value(), converted.kafkaOffset(), converted.timestamp(),
                converted.headers(), converted);
    }

    private InternalSinkRecord(ConsumerRecord<byte[], byte[]> originalRecord, String topic, Integer partition,
                               Schema keySchema, Object key, Schema valueSchema, Object value, long kafkaOffset,
                               Long timestamp, Iterable<Header> headers, SinkRecord originals) {
        super(topic, partition, keySchema, key, valueSchema, value, kafkaOffset, timestamp, originals.timestampType(),
                headers, originals.originalTopic(), originals.originalKafkaPartition(),
                originals.originalKafkaOffset());
        this.originalRecord = Objects.requireNonNull(originalRecord, "originalRecord");
    }

    /** The record exactly as the consumer returned it. */
    public ConsumerRecord<byte[], byte[]> originalRecord() {
        return originalRecord;
    }

    @Override
    public SinkRecord newRecord(String topic, Integer kafkaPartition, Schema keySchema, Object key,
                                Schema valueSchema, Object value, Long timestamp) {
        return newRecord(topic, kafkaPartition, keySchema, key, valueSchema, value, timestamp, headers().duplicate());
    }

    @Override
    public SinkRecord newRecord(String topic, Integer kafkaPartition, Schema keySchema, Object key,
                                Schema valueSchema, Object value, Long timestamp, Iterable<Header> headers) {
        return new InternalSinkRecord(originalRecord, topic, kafkaPartition, keySchema, key, valueSchema, value,
                kafkaOffset(), timestamp, headers, this);
    }
}
