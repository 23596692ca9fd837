package org.apache.kafka.connect.transforms.predicates;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopicNameMatchesTest {

    @Test
    void rejectsMissingEmptyOrInvalidPattern() {
        TopicNameMatches<SinkRecord> predicate = new TopicNameMatches<>();
        assertThrows(ConfigException.class, () -> predicate.configure(Map.of()));
        assertThrows(ConfigException.class, () -> predicate.configure(Map.of("pattern", "")));
        assertThrows(ConfigException.class, () -> predicate.configure(Map.of("pattern", "[a-")));
    }

    @Test
    void requiresTheWholeTopicToMatch() {
        TopicNameMatches<SinkRecord> predicate = new TopicNameMatches<>();
        predicate.configure(Map.of("pattern", "test-.*"));
        assertTrue(predicate.test(new SinkRecord("test-orders", 0, null, null, null, null, 0L)));
        assertFalse(predicate.test(new SinkRecord("my-test-orders", 0, null, null, null, null, 0L)));
    }
}
