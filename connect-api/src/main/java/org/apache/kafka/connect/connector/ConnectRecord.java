package org.apache.kafka.connect.connector;

import org.apache.kafka.common.annotation.InterfaceAudience;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.header.Headers;

import java.util.Objects;

/**
 * The part of a record common to source and sink records: destination (or origin) topic and partition, key and
 * value with their schemas, timestamp and headers.
 *
 * <p>The headers are mutable. A {@link ConnectHeaders} passed in is used as is, so that transformations creating
 * a new record can share them; any other {@code Iterable<Header>} is copied.
 *
 * @param <R> the concrete record type, returned by {@link #newRecord}
 */
@InterfaceAudience.Public
public abstract class ConnectRecord<R extends ConnectRecord<R>> {

    private final String topic;
    private final Integer kafkaPartition;
    private final Schema keySchema;
    private final Object key;
    private final Schema valueSchema;
    private final Object value;
    private final Long timestamp;
    private final Headers headers;

    public ConnectRecord(String topic, Integer kafkaPartition,
                         Schema keySchema, Object key,
                         Schema valueSchema, Object value,
                         Long timestamp) {
        this(topic, kafkaPartition, keySchema, key, valueSchema, value, timestamp, new ConnectHeaders());
    }

    public ConnectRecord(String topic, Integer kafkaPartition,
                         Schema keySchema, Object key,
                         Schema valueSchema, Object value,
                         Long timestamp, Iterable<Header> headers) {
        this.topic = topic;
        this.kafkaPartition = kafkaPartition;
        this.keySchema = keySchema;
        this.key = key;
        this.valueSchema = valueSchema;
        this.value = value;
        this.timestamp = timestamp;
        this.headers = headers instanceof ConnectHeaders ? (ConnectHeaders) headers : new ConnectHeaders(headers);
    }

    public String topic() {
        return topic;
    }

    public Integer kafkaPartition() {
        return kafkaPartition;
    }

    public Object key() {
        return key;
    }

    public Schema keySchema() {
        return keySchema;
    }

    public Object value() {
        return value;
    }

    public Schema valueSchema() {
        return valueSchema;
    }

    public Long timestamp() {
        return timestamp;
    }

    /**
     * @return the record's headers, never null; changes to them are visible to every record sharing them
     */
    public Headers headers() {
        return headers;
    }

    /**
     * Creates a record of the same type with the given data and a copy of this record's headers; type-specific
     * fields (offsets, source partition, ...) are carried over.
     */
    public abstract R newRecord(String topic, Integer kafkaPartition, Schema keySchema, Object key,
                                Schema valueSchema, Object value, Long timestamp);

    /**
     * Creates a record of the same type with the given data and headers; type-specific fields are carried over.
     */
    public abstract R newRecord(String topic, Integer kafkaPartition, Schema keySchema, Object key,
                                Schema valueSchema, Object value, Long timestamp, Iterable<Header> headers);

    @Override
    public String toString() {
        return "ConnectRecord{" +
                "topic='" + topic + '\'' +
                ", kafkaPartition=" + kafkaPartition +
                ", key=" + key +
                ", keySchema=" + keySchema +
                ", value=" + value +
                ", valueSchema=" + valueSchema +
                ", timestamp=" + timestamp +
                ", headers=" + headers +
                '}';
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        ConnectRecord<?> that = (ConnectRecord<?>) o;
        return Objects.equals(topic, that.topic)
                && Objects.equals(kafkaPartition, that.kafkaPartition)
                && Objects.equals(keySchema, that.keySchema)
                && Objects.equals(key, that.key)
                && Objects.equals(valueSchema, that.valueSchema)
                && Objects.equals(value, that.value)
                && Objects.equals(timestamp, that.timestamp)
                && Objects.equals(headers, that.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, kafkaPartition, keySchema, key, valueSchema, value, timestamp, headers);
    }
}
