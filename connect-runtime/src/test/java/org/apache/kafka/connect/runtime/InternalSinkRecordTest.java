package org.apache.kafka.connect.runtime;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

class InternalSinkRecordTest {

    private final ConsumerRecord<byte[], byte[]> consumed = new ConsumerRecord<>("orders", 3, 42L, new byte[]{1},
            new byte[]{2});

    @Test
    void copiesTheConvertedRecord() {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString("h", "v");
        SinkRecord converted = new SinkRecord("orders", 3, Schema.STRING_SCHEMA, "k", Schema.INT32_SCHEMA, 7, 42L,
                1000L, TimestampType.LOG_APPEND_TIME, headers);

        InternalSinkRecord record = new InternalSinkRecord(consumed, converted);

        assertSame(consumed, record.originalRecord());
        assertEquals("orders", record.topic());
        assertEquals(3, record.kafkaPartition());
        assertEquals(Schema.STRING_SCHEMA, record.keySchema());
        assertEquals("k", record.key());
        assertEquals(Schema.INT32_SCHEMA, record.valueSchema());
        assertEquals(7, record.value());
        assertEquals(42L, record.kafkaOffset());
        assertEquals(1000L, record.timestamp());
        assertEquals(TimestampType.LOG_APPEND_TIME, record.timestampType());
        assertEquals("v", record.headers().lastWithName("h").value());
    }

    @Test
    void derivedRecordsKeepTheRawRecordAndTheOriginalCoordinates() {
        InternalSinkRecord record = new InternalSinkRecord(consumed,
                new SinkRecord("orders", 3, null, "k", null, "v", 42L, 1000L, TimestampType.CREATE_TIME));

        SinkRecord renamed = record.newRecord("orders-v2", 0, null, "k", null, "v", 2000L);
        SinkRecord withHeaders = renamed.newRecord("orders-v3", 1, null, "k", null, "v", 3000L, new ConnectHeaders());

        for (SinkRecord derived : new SinkRecord[]{renamed, withHeaders}) {
            InternalSinkRecord internal = assertInstanceOf(InternalSinkRecord.class, derived);
            assertSame(consumed, internal.originalRecord());
            assertEquals("orders", internal.originalTopic());
            assertEquals(3, internal.originalKafkaPartition());
            assertEquals(42L, internal.originalKafkaOffset());
            assertEquals(42L, internal.kafkaOffset());
            assertEquals(TimestampType.CREATE_TIME, internal.timestampType());
        }
        assertEquals("orders-v3", withHeaders.topic());
        assertEquals(3000L, withHeaders.timestamp());
    }
}
