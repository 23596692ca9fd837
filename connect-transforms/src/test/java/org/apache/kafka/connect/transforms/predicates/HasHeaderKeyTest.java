package org.apache.kafka.connect.transforms.predicates;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HasHeaderKeyTest {

    @Test
    void rejectsMissingOrEmptyName() {
        assertThrows(ConfigException.class, () -> new HasHeaderKey<SinkRecord>().configure(Map.of()));
        assertThrows(ConfigException.class, () -> new HasHeaderKey<SinkRecord>().configure(Map.of("name", "")));
    }

    @Test
    void matchesRecordsWithAHeaderOfThatExactKey() {
        HasHeaderKey<SinkRecord> predicate = new HasHeaderKey<>();
        predicate.configure(Map.of("name", "a"));
        ConnectHeaders headers = new ConnectHeaders();
        headers.add("a", null, null);
        assertTrue(predicate.test(new SinkRecord("t", 0, null, null, null, null, 0L, null, null, headers)));

        ConnectHeaders other = new ConnectHeaders();
        other.addString("A", "x");
        assertFalse(predicate.test(new SinkRecord("t", 0, null, null, null, null, 0L, null, null, other)));
        assertFalse(predicate.test(new SinkRecord("t", 0, null, null, null, null, 0L)));
    }
}
