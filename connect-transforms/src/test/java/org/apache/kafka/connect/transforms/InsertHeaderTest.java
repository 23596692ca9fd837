package org.apache.kafka.connect.transforms;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InsertHeaderTest {

    @Test
    void rejectsMissingHeaderOrLiteral() {
        InsertHeader<SinkRecord> transform = new InsertHeader<>();
        assertThrows(ConfigException.class, () -> transform.configure(Map.of("value.literal", "x")));
        assertThrows(ConfigException.class, () -> transform.configure(Map.of("header", "h")));
    }

    @Test
    void appendsATypedHeaderAndLeavesTheInputRecordUntouched() {
        InsertHeader<SinkRecord> transform = new InsertHeader<>();
        transform.configure(Map.of("header", "h", "value.literal", "42"));
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString("h", "old");
        SinkRecord input = new SinkRecord("t", 0, null, null, null, null, 0L, null, null, headers);

        SinkRecord result = transform.apply(input);

        Header last = result.headers().lastWithName("h");
        assertEquals(Schema.INT8_SCHEMA, last.schema());
        assertEquals((byte) 42, last.value());
        assertEquals(2, result.headers().size());
        assertEquals(1, input.headers().size());
    }

    @Test
    void parsesStructuredLiterals() {
        InsertHeader<SinkRecord> transform = new InsertHeader<>();
        transform.configure(Map.of("header", "h", "value.literal", "[1,2]"));
        Header header = transform.apply(new SinkRecord("t", 0, null, null, null, null, 0L)).headers().lastWithName("h");
        assertEquals(Schema.Type.ARRAY, header.schema().type());
        assertEquals(List.of((byte) 1, (byte) 2), header.value());
    }
}
