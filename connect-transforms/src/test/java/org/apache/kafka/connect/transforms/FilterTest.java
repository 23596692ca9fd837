package org.apache.kafka.connect.transforms;

import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FilterTest {

    @Test
    void dropsEveryRecordAndAcceptsAnyConfig() {
        Filter<SinkRecord> filter = new Filter<>();
        filter.configure(Map.of("anything", "goes"));
        assertNull(filter.apply(new SinkRecord("t", 0, null, "k", null, "v", 0L)));
        assertTrue(filter.config().names().isEmpty());
    }
}
