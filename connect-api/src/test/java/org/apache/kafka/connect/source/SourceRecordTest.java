package org.apache.kafka.connect.source;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.header.Headers;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class SourceRecordTest {

    private static final Map<String, ?> PARTITION = Map.of("file", "a.txt");
    private static final Map<String, ?> OFFSET = Map.of("position", 10L);

    private final Headers headers = new ConnectHeaders().addString("h", "v");
    private final SourceRecord record = new SourceRecord(PARTITION, OFFSET, "topic", 2, Schema.STRING_SCHEMA, "key",
            Schema.INT32_SCHEMA, 42, 99L, headers);

    @Test
    void shortConstructorsLeaveTheRestNull() {
        SourceRecord valueOnly = new SourceRecord(PARTITION, OFFSET, "t", Schema.STRING_SCHEMA, "v");
        assertNull(valueOnly.kafkaPartition());
        assertNull(valueOnly.key());
        assertNull(valueOnly.keySchema());
        assertNull(valueOnly.timestamp());
        assertEquals("v", valueOnly.value());

        SourceRecord withPartition = new SourceRecord(PARTITION, OFFSET, "t", 3, Schema.STRING_SCHEMA, "v");
        assertEquals(3, withPartition.kafkaPartition());
        assertNull(withPartition.key());

        SourceRecord withKey = new SourceRecord(PARTITION, OFFSET, "t", Schema.STRING_SCHEMA, "k",
                Schema.STRING_SCHEMA, "v");
        assertNull(withKey.kafkaPartition());
        assertEquals("k", withKey.key());
        assertEquals(Schema.STRING_SCHEMA, withKey.keySchema());
    }

    @Test
    void sharesConnectHeadersButCopiesOtherIterables() {
        assertSame(headers, record.headers());

        Header header = headers.lastWithName("h");
        SourceRecord fromList = new SourceRecord(null, null, "t", null, null, null, null, "v", null, List.of(header));
        assertEquals(headers, fromList.headers());
    }

    @Test
    void newRecordKeepsSourcePartitionAndOffset() {
        SourceRecord rerouted = record.newRecord("other", null, null, null, Schema.STRING_SCHEMA, "v", 5L);

        assertSame(PARTITION, rerouted.sourcePartition());
        assertSame(OFFSET, rerouted.sourceOffset());
        assertEquals("other", rerouted.topic());
        assertNull(rerouted.kafkaPartition());
        assertEquals(5L, rerouted.timestamp());
        assertNotSame(headers, rerouted.headers());
        assertEquals(headers, rerouted.headers());

        SourceRecord withHeaders = record.newRecord("other", 1, null, null, null, null, null, headers);
        assertSame(headers, withHeaders.headers());
    }

    @Test
    void equalityIncludesSourcePartitionAndOffset() {
        SourceRecord same = new SourceRecord(Map.of("file", "a.txt"), Map.of("position", 10L), "topic", 2,
                Schema.STRING_SCHEMA, "key", Schema.INT32_SCHEMA, 42, 99L, new ConnectHeaders().addString("h", "v"));

        assertEquals(record, same);
        assertEquals(record.hashCode(), same.hashCode());
        assertNotEquals(record, new SourceRecord(PARTITION, Map.of("position", 11L), "topic", 2,
                Schema.STRING_SCHEMA, "key", Schema.INT32_SCHEMA, 42, 99L, headers));
        assertNotEquals(record, new SourceRecord(PARTITION, OFFSET, "topic", 2,
                Schema.STRING_SCHEMA, "key", Schema.INT32_SCHEMA, 42, 100L, headers));
    }

    @Test
    void toStringShowsSourceAndRecordFields() {
        SourceRecord simple = new SourceRecord(null, null, "t", null, "v");

        assertEquals("SourceRecord{sourcePartition=null, sourceOffset=null} ConnectRecord{topic='t', "
                        + "kafkaPartition=null, key=null, keySchema=null, value=v, valueSchema=null, timestamp=null, "
                        + "headers=ConnectHeaders(headers=)}",
                simple.toString());
    }
}
