package org.apache.kafka.connect.sink;

import org.apache.kafka.common.annotation.InterfaceAudience;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.Header;

import java.util.Objects;

/**
 * A record consumed from Kafka and delivered to a {@link SinkTask}. Besides the Kafka offset and timestamp type it
 * remembers the topic, partition and offset it was originally consumed from, which transformations cannot change.
 */
@InterfaceAudience.Public
public class SinkRecord extends ConnectRecord<SinkRecord> {

    private final long kafkaOffset;
    private final TimestampType timestampType;
    private final String originalTopic;
    private final Integer originalKafkaPartition;
    private final long originalKafkaOffset;

    public SinkRecord(String topic, int partition, Schema keySchema, Object key, Schema valueSchema, Object value,
                      long kafkaOffset) {
        this(topic, partition, keySchema, key, valueSchema, value, kafkaOffset, null, TimestampType.NO_TIMESTAMP_TYPE);
    }

    public SinkRecord(String topic, int partition, Schema keySchema, Object key, Schema valueSchema, Object value,
                      long kafkaOffset, Long timestamp, TimestampType timestampType) {
        this(topic, partition, keySchema, key, valueSchema, value, kafkaOffset, timestamp, timestampType, null);
    }

    public SinkRecord(String topic, int partition, Schema keySchema, Object key, Schema valueSchema, Object value,
                      long kafkaOffset, Long timestamp, TimestampType timestampType, Iterable<Header> headers) {
        this(topic, partition, keySchema, key, valueSchema, value, kafkaOffset, timestamp, timestampType, headers,
                topic, partition, kafkaOffset);
    }

    /**
     * Creates a record that keeps the given original topic, partition and offset (used by the runtime and by
     * {@link #newRecord}).
     */
    public SinkRecord(String topic, int partition, Schema keySchema, Object key, Schema valueSchema, Object value,
                      long kafkaOffset, Long timestamp, TimestampType timestampType, Iterable<Header> headers,
                      String originalTopic, Integer originalKafkaPartition, long originalKafkaOffset) {
        super(topic, partition, keySchema, key, valueSchema, value, timestamp, headers);
        this.kafkaOffset = kafkaOffset;
        this.timestampType = timestampType;
        this.originalTopic = originalTopic;
        this.originalKafkaPartition = originalKafkaPartition;
        this.originalKafkaOffset = originalKafkaOffset;
    }

    public long kafkaOffset() {
        return kafkaOffset;
    }

    public TimestampType timestampType() {
        return timestampType;
    }

    /**
     * @return the topic the record was consumed from, whatever transformations did to {@link #topic()}
     */
    public String originalTopic() {
        return originalTopic;
    }

    /**
     * @return the partition the record was consumed from
     */
    public Integer originalKafkaPartition() {
        return originalKafkaPartition;
    }

    /**
     * @return the offset the record was consumed at; this is what sink tasks should report for commits
     */
    public long originalKafkaOffset() {
        return originalKafkaOffset;
    }

    @Override
    public SinkRecord newRecord(String topic, Integer kafkaPartition, Schema keySchema, Object key,
                                Schema valueSchema, Object value, Long timestamp) {
        return newRecord(topic, kafkaPartition, keySchema, key, valueSchema, value, timestamp, headers().duplicate());
    }

    @Override
    public SinkRecord newRecord(String topic, Integer kafkaPartition, Schema keySchema, Object key,
                                Schema valueSchema, Object value, Long timestamp, Iterable<Header> headers) {
        return new SinkRecord(topic, kafkaPartition, keySchema, key, valueSchema, value, kafkaOffset, timestamp,
                timestampType, headers, originalTopic, originalKafkaPartition, originalKafkaOffset);
    }

    @Override
    public boolean equals(Object o) {
        if (!super.equals(o)) {
            return false;
        }
        SinkRecord that = (SinkRecord) o;
        return kafkaOffset == that.kafkaOffset
                && timestampType == that.timestampType
                && Objects.equals(originalTopic, that.originalTopic)
                && Objects.equals(originalKafkaPartition, that.originalKafkaPartition)
                && originalKafkaOffset == that.originalKafkaOffset;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), kafkaOffset, timestampType, originalTopic, originalKafkaPartition,
                originalKafkaOffset);
    }

    @Override
    public String toString() {
        return "SinkRecord{" +
                "kafkaOffset=" + kafkaOffset +
                ", timestampType=" + timestampType +
                ", originalTopic=" + originalTopic +
                ", originalKafkaPartition=" + originalKafkaPartition +
                ", originalKafkaOffset=" + originalKafkaOffset +
                "} " + super.toString();
    }
}
