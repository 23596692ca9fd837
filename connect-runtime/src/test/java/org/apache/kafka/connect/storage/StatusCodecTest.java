package org.apache.kafka.connect.storage;

import org.apache.kafka.connect.runtime.AbstractStatus.State;
import org.apache.kafka.connect.runtime.ConnectorStatus;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class StatusCodecTest {

    private final StatusCodec codec = new StatusCodec();

    @Test
    void encodesTheSpecExampleByteForByte() {
        byte[] bytes = codec.encodeStatus(new ConnectorStatus("n", State.RUNNING, "10.0.0.5:8083", 7, null, "4.4.0"));
        assertEquals("{\"state\":\"RUNNING\",\"trace\":null,\"worker_id\":\"10.0.0.5:8083\",\"generation\":7,"
                + "\"version\":\"4.4.0\"}", new String(bytes, StandardCharsets.UTF_8));
    }

    @Test
    void decodesValuesOfOlderWorkersWithoutVersion() {
        StatusCodec.Status status = codec.decodeStatus(
                "{\"state\":\"PAUSED\",\"trace\":null,\"worker_id\":\"w:1\",\"generation\":3}"
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(new StatusCodec.Status(State.PAUSED, null, "w:1", 3, null), status);
    }

    @Test
    void parsesKeys() {
        assertEquals(new StatusCodec.ConnectorKey("a-b"), StatusCodec.parseKey("status-connector-a-b"));
        assertEquals(new StatusCodec.TaskKey(new ConnectorTaskId("my-conn-x", 12)),
                StatusCodec.parseKey("status-task-my-conn-x-12"));
        assertEquals(new StatusCodec.TopicKey("t.1", "c-1"), StatusCodec.parseKey("status-topic-t.1:connector-c-1"));
        assertNull(StatusCodec.parseKey("status-task-x"));
        assertNull(StatusCodec.parseKey("status-task-c-notanumber"));
        assertNull(StatusCodec.parseKey("something-else"));
        assertEquals("status-task-my-conn-x-12", StatusCodec.taskKey(new ConnectorTaskId("my-conn-x", 12)));
    }
}
