package org.apache.kafka.connect.sink;

import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.header.Headers;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SinkRecordTest {

    private final Headers headers = new ConnectHeaders().addString("h", "v");
    private final SinkRecord record = new SinkRecord("topic", 1, Schema.STRING_SCHEMA, "key",
            Schema.INT32_SCHEMA, 42, 10L, 99L, TimestampType.CREATE_TIME, headers);

    @Test
    void exposesAllFields() {
        assertEquals("topic", record.topic());
        assertEquals(1, record.kafkaPartition());
        assertEquals(Schema.STRING_SCHEMA, record.keySchema());
        assertEquals("key", record.key());
        assertEquals(Schema.INT32_SCHEMA, record.valueSchema());
        assertEquals(42, record.value());
        assertEquals(10L, record.kafkaOffset());
        assertEquals(99L, record.timestamp());
        assertEquals(TimestampType.CREATE_TIME, record.timestampType());
    }

    @Test
    void originalsDefaultToTheConsumedCoordinates() {
        assertEquals("topic", record.originalTopic());
        assertEquals(1, record.originalKafkaPartition());
        assertEquals(10L, record.originalKafkaOffset());
    }

    @Test
    void shortConstructorHasNoTimestampAndEmptyHeaders() {
        SinkRecord plain = new SinkRecord("t", 0, null, null, null, "v", 5L);

        assertNull(plain.timestamp());
        assertEquals(TimestampType.NO_TIMESTAMP_TYPE, plain.timestampType());
        assertTrue(plain.headers().isEmpty());
    }

    @Test
    void sharesConnectHeadersButCopiesOtherIterables() {
        assertSame(headers, record.headers());

        List<Header> list = new ArrayList<>();
        headers.forEach(list::add);
        SinkRecord fromList = new SinkRecord("t", 0, null, null, null, null, 0L, null, TimestampType.CREATE_TIME, list);
        list.clear();

        assertInstanceOf(ConnectHeaders.class, fromList.headers());
        assertEquals(headers, fromList.headers());
        assertTrue(new SinkRecord("t", 0, null, null, null, null, 0L, null, null, null).headers().isEmpty());
    }

    @Test
    void newRecordKeepsOffsetTimestampTypeAndOriginals() {
        SinkRecord renamed = record.newRecord("other", 3, null, "k2", null, "v2", 5L);

        assertEquals("other", renamed.topic());
        assertEquals(3, renamed.kafkaPartition());
        assertEquals("k2", renamed.key());
        assertEquals("v2", renamed.value());
        assertEquals(5L, renamed.timestamp());
        assertEquals(10L, renamed.kafkaOffset());
        assertEquals(TimestampType.CREATE_TIME, renamed.timestampType());
        assertEquals("topic", renamed.originalTopic());
        assertEquals(1, renamed.originalKafkaPartition());
        assertEquals(10L, renamed.originalKafkaOffset());

        SinkRecord twice = renamed.newRecord("third", 4, null, null, null, null, null);
        assertEquals("topic", twice.originalTopic());
        assertEquals(1, twice.originalKafkaPartition());
    }

    @Test
    void newRecordWithoutHeadersCopiesThem() {
        SinkRecord copy = record.newRecord("t", 1, null, null, null, null, null);

        assertNotSame(record.headers(), copy.headers());
        assertEquals(record.headers(), copy.headers());
        copy.headers().addInt("extra", 1);
        assertEquals(1, record.headers().size());
    }

    @Test
    void newRecordWithHeadersSharesConnectHeaders() {
        Headers replacement = new ConnectHeaders().addInt("x", 1);

        SinkRecord withHeaders = record.newRecord("t", 1, null, null, null, null, null, replacement);

        assertSame(replacement, withHeaders.headers());
    }

    @Test
    void newRecordNeedsAPartitionBecauseSinkPartitionsArePrimitive() {
        assertThrows(NullPointerException.class, () -> record.newRecord("t", null, null, null, null, null, null));
    }

    @Test
    void explicitOriginalsAreKept() {
        SinkRecord withOriginals = new SinkRecord("t", 1, null, null, null, null, 10L, null,
                TimestampType.CREATE_TIME, null, "source-topic", null, 3L);

        assertEquals("source-topic", withOriginals.originalTopic());
        assertNull(withOriginals.originalKafkaPartition());
        assertEquals(3L, withOriginals.originalKafkaOffset());
    }

    @Test
    void equalityCoversConnectRecordAndSinkFields() {
        SinkRecord same = new SinkRecord("topic", 1, Schema.STRING_SCHEMA, "key", Schema.INT32_SCHEMA, 42, 10L, 99L,
                TimestampType.CREATE_TIME, new ConnectHeaders().addString("h", "v"));

        assertEquals(record, same);
        assertEquals(record.hashCode(), same.hashCode());
        assertNotEquals(record, record.newRecord("topic", 1, Schema.STRING_SCHEMA, "key", Schema.INT32_SCHEMA, 43, 99L));
        assertNotEquals(record, new SinkRecord("topic", 1, Schema.STRING_SCHEMA, "key", Schema.INT32_SCHEMA, 42, 11L,
                99L, TimestampType.CREATE_TIME, headers));
        assertNotEquals(record, new SinkRecord("topic", 1, Schema.STRING_SCHEMA, "key", Schema.INT32_SCHEMA, 42, 10L,
                99L, TimestampType.LOG_APPEND_TIME, headers));
        assertNotEquals(record, new SinkRecord("topic", 1, Schema.STRING_SCHEMA, "key", Schema.INT32_SCHEMA, 42, 10L,
                99L, TimestampType.CREATE_TIME, headers, "elsewhere", 1, 10L));
        assertNotEquals(record, new SinkRecord("topic", 1, Schema.STRING_SCHEMA, "key", Schema.INT32_SCHEMA, 42, 10L,
                99L, TimestampType.CREATE_TIME, new ConnectHeaders()));
    }

    @Test
    void toStringShowsSinkAndRecordFields() {
        SinkRecord simple = new SinkRecord("t", 2, null, "k", null, "v", 7L, 5L, TimestampType.CREATE_TIME);

        assertEquals("SinkRecord{kafkaOffset=7, timestampType=CreateTime, originalTopic=t, "
                        + "originalKafkaPartition=2, originalKafkaOffset=7} ConnectRecord{topic='t', kafkaPartition=2, "
                        + "key=k, keySchema=null, value=v, valueSchema=null, timestamp=5, headers=ConnectHeaders(headers=)}",
                simple.toString());
    }
}
