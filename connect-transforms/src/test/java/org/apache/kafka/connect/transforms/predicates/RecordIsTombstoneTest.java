package org.apache.kafka.connect.transforms.predicates;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordIsTombstoneTest {

    @Test
    void matchesRecordsWithANullValueWhateverTheirSchema() {
        RecordIsTombstone<SinkRecord> predicate = new RecordIsTombstone<>();
        predicate.configure(Map.of("ignored", "x"));
        assertTrue(predicate.test(new SinkRecord("t", 0, null, "k", null, null, 0L)));
        assertTrue(predicate.test(new SinkRecord("t", 0, null, "k", Schema.OPTIONAL_STRING_SCHEMA, null, 0L)));
        assertFalse(predicate.test(new SinkRecord("t", 0, null, null, null, "v", 0L)));
    }
}
