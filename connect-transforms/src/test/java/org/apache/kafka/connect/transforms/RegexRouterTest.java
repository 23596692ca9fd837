package org.apache.kafka.connect.transforms;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegexRouterTest {

    private static String route(String regex, String replacement, String topic) {
        RegexRouter<SinkRecord> router = new RegexRouter<>();
        router.configure(Map.of("regex", regex, "replacement", replacement));
        return router.apply(new SinkRecord(topic, 0, null, null, null, null, 0L)).topic();
    }

    @Test
    void rejectsMissingOrInvalidSettings() {
        assertThrows(ConfigException.class, () -> new RegexRouter<SinkRecord>().configure(Map.of("replacement", "x")));
        assertThrows(ConfigException.class, () -> new RegexRouter<SinkRecord>().configure(Map.of("regex", "x")));
        ConfigException e = assertThrows(ConfigException.class,
                () -> new RegexRouter<SinkRecord>().configure(Map.of("regex", "(", "replacement", "x")));
        assertTrue(e.getMessage().contains("Invalid regex"), e.getMessage());
    }

    @Test
    void renamesOnlyTopicsThatMatchInFull() {
        assertEquals("prod-orders", route("test-(.*)", "prod-$1", "test-orders"));
        assertEquals("my-test-orders", route("test-(.*)", "prod-$1", "my-test-orders"));
        assertEquals("42-abc", route("(?<pre>[a-z]+)-(?<num>\\d+)", "${num}-${pre}", "abc-42"));
    }
}
