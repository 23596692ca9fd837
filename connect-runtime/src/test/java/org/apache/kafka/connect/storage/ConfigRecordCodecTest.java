package org.apache.kafka.connect.storage;

import org.apache.kafka.connect.runtime.RestartRequest;
import org.apache.kafka.connect.runtime.TargetState;
import org.apache.kafka.connect.storage.ConfigRecord.ConnectorConfig;
import org.apache.kafka.connect.storage.ConfigRecord.LoggerLevel;
import org.apache.kafka.connect.storage.ConfigRecord.RestartRequestRecord;
import org.apache.kafka.connect.storage.ConfigRecord.SessionKeyUpdate;
import org.apache.kafka.connect.storage.ConfigRecord.TargetStateUpdate;
import org.apache.kafka.connect.storage.ConfigRecord.TaskCommit;
import org.apache.kafka.connect.storage.ConfigRecord.TaskConfig;
import org.apache.kafka.connect.storage.ConfigRecord.TaskCountRecord;
import org.apache.kafka.connect.storage.ConfigRecord.Unreadable;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The golden values below were read from the config topic of an Apache Connect 4.3.1 worker (REST calls: create,
 * pause, resume, restart twice, stop, cluster logger level, create PAUSED, delete).
 */
class ConfigRecordCodecTest {

    private final ConfigRecordCodec codec = new ConfigRecordCodec();

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static final Map<String, String> CONNECTOR_CONFIG = orderedMap(
            "connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector",
            "tasks.max", "1", "file", "/tmp/h16/in.txt", "topic", "h16-out", "x.num", "42",
            "x.uni", "é☃ \"q\" <>&", "name", "my-conn");

    private void assertEncodes(String expectedKey, String expectedValue, ConfigRecord record) {
        assertEquals(expectedKey, record.key());
        assertArrayEquals(expectedKey.getBytes(StandardCharsets.UTF_8), codec.encodeKey(record));
        byte[] value = codec.encodeValue(record);
        if (expectedValue == null) {
            assertNull(value);
        } else {
            assertEquals(expectedValue, new String(value, StandardCharsets.UTF_8));
            // Byte-for-byte: non-ASCII characters are written as raw UTF-8, not \\u escapes.
            assertArrayEquals(expectedValue.getBytes(StandardCharsets.UTF_8), value);
        }
        assertEquals(record, codec.decode(expectedKey, value));
    }

    @Test
    void connectorConfig() {
        assertEncodes("connector-my-conn",
                "{\"properties\":{\"connector.class\":\"org.apache.kafka.connect.file.FileStreamSourceConnector\","
                        + "\"tasks.max\":\"1\",\"file\":\"/tmp/h16/in.txt\",\"topic\":\"h16-out\",\"x.num\":\"42\","
                        + "\"x.uni\":\"é☃ \\\"q\\\" <>&\",\"name\":\"my-conn\"}}",
                new ConnectorConfig("my-conn", CONNECTOR_CONFIG));
    }

    @Test
    void connectorTombstone() {
        assertEncodes("connector-c2", null, new ConnectorConfig("c2", null));
    }

    @Test
    void connectorConfigMayHoldNullValues() {
        Map<String, String> config = new HashMap<>();
        config.put("name", "n");
        config.put("removed", null);
        assertEncodes("connector-n", "{\"properties\":{\"removed\":null,\"name\":\"n\"}}", new ConnectorConfig("n",
                orderedMap("removed", null, "name", "n")));
        assertEquals(new ConnectorConfig("n", config),
                codec.decode("connector-n", "{\"properties\":{\"removed\":null,\"name\":\"n\"}}".getBytes()));
    }

    @Test
    void taskConfig() {
        Map<String, String> config = orderedMap("connector.class", "C", "task.class", "T", "name", "my-conn");
        assertEncodes("task-my-conn-0",
                "{\"properties\":{\"connector.class\":\"C\",\"task.class\":\"T\",\"name\":\"my-conn\"}}",
                new TaskConfig(new ConnectorTaskId("my-conn", 0), config));
    }

    @Test
    void taskKeyTakesTheNumberAfterTheLastDash() {
        ConfigRecord decoded = codec.decode("task-a-b-12", "{\"properties\":{}}".getBytes());
        assertEquals(new TaskConfig(new ConnectorTaskId("a-b", 12), Map.of()), decoded);
    }

    @Test
    void commit() {
        assertEncodes("commit-my-conn", "{\"tasks\":1}", new TaskCommit("my-conn", 1));
        assertEncodes("commit-my-conn", "{\"tasks\":0}", new TaskCommit("my-conn", 0));
    }

    @Test
    void targetStates() {
        assertEncodes("target-state-my-conn", "{\"state\":\"PAUSED\",\"state.v2\":\"PAUSED\"}",
                new TargetStateUpdate("my-conn", TargetState.PAUSED));
        assertEncodes("target-state-my-conn", "{\"state\":\"STARTED\",\"state.v2\":\"STARTED\"}",
                new TargetStateUpdate("my-conn", TargetState.STARTED));
        // Pre-3.5 workers read only "state", and see a stopped connector as paused.
        assertEncodes("target-state-my-conn", "{\"state\":\"PAUSED\",\"state.v2\":\"STOPPED\"}",
                new TargetStateUpdate("my-conn", TargetState.STOPPED));
        assertEncodes("target-state-c2", null, new TargetStateUpdate("c2", null));
    }

    @Test
    void legacyTargetStateHasOnlyState() {
        assertEquals(new TargetStateUpdate("c", TargetState.PAUSED),
                codec.decode("target-state-c", "{\"state\":\"PAUSED\"}".getBytes()));
        // A non-string state.v2 falls back to state.
        assertEquals(new TargetStateUpdate("c", TargetState.STARTED),
                codec.decode("target-state-c", "{\"state\":\"STARTED\",\"state.v2\":5}".getBytes()));
    }

    @Test
    void unknownTargetStateIsUnreadable() {
        assertInstanceOf(Unreadable.class,
                codec.decode("target-state-c", "{\"state\":\"PAUSED\",\"state.v2\":\"SLEEPING\"}".getBytes()));
        assertInstanceOf(Unreadable.class, codec.decode("target-state-c", "{\"state\":\"RUNNING\"}".getBytes()));
        assertInstanceOf(Unreadable.class, codec.decode("target-state-c", "{}".getBytes()));
    }

    @Test
    void sessionKey() {
        String encodedKey = "Mkrur48ko5ueBtCmhsrU5Kvl793Pp4omvl2bHM+LuPE=";
        SessionKeyUpdate record = new SessionKeyUpdate(
                new SecretKeySpec(Base64.getDecoder().decode(encodedKey), "HmacSHA256"), 1795282450740L);
        assertEncodes("session-key", "{\"key\":\"" + encodedKey
                + "\",\"algorithm\":\"HmacSHA256\",\"creation-timestamp\":1795282450740}", record);
    }

    @Test
    void sessionKeyWithMissingFieldsIsUnreadable() {
        assertInstanceOf(Unreadable.class,
                codec.decode("session-key", "{\"key\":\"AAAA\",\"algorithm\":\"HmacSHA256\"}".getBytes()));
        assertInstanceOf(Unreadable.class, codec.decode("session-key",
                "{\"key\":\"not base64!\",\"algorithm\":\"HmacSHA256\",\"creation-timestamp\":1}".getBytes()));
    }

    @Test
    void restartRequests() {
        assertEncodes("restart-connector-my-conn", "{\"include-tasks\":true,\"only-failed\":false}",
                new RestartRequestRecord(new RestartRequest("my-conn", false, true)));
        assertEncodes("restart-connector-my-conn", "{\"include-tasks\":false,\"only-failed\":true}",
                new RestartRequestRecord(new RestartRequest("my-conn", true, false)));
    }

    @Test
    void restartFlagsDefaultToFalse() {
        assertEquals(new RestartRequestRecord(new RestartRequest("c", false, false)),
                codec.decode("restart-connector-c", "{}".getBytes()));
        assertEquals(new RestartRequestRecord(new RestartRequest("c", false, true)),
                codec.decode("restart-connector-c", "{\"include-tasks\":true,\"only-failed\":\"yes\"}".getBytes()));
    }

    @Test
    void loggerLevel() {
        assertEncodes("logger-cluster-org.apache.kafka.connect.file", "{\"level\":\"DEBUG\"}",
                new LoggerLevel("org.apache.kafka.connect.file", "DEBUG"));
    }

    @Test
    void taskCountRecord() {
        assertEncodes("tasks-fencing-my-conn", "{\"task-count\":3}", new TaskCountRecord("my-conn", 3));
    }

    @Test
    void integersMayBeWrittenAsAnyIntegralJsonNumber() {
        assertEquals(new TaskCommit("c", 2), codec.decode("commit-c", "{\"tasks\":2}".getBytes()));
        assertInstanceOf(Unreadable.class, codec.decode("commit-c", "{\"tasks\":2.5}".getBytes()));
        assertInstanceOf(Unreadable.class, codec.decode("commit-c", "{\"tasks\":\"2\"}".getBytes()));
        assertInstanceOf(Unreadable.class, codec.decode("commit-c", "{\"tasks\":-1}".getBytes()));
        assertInstanceOf(Unreadable.class, codec.decode("commit-c", "{\"tasks\":4294967296}".getBytes()));
    }

    @Test
    void badValuesAndKeysDecodeAsUnreadable() {
        List<ConfigRecord> decoded = List.of(
                codec.decode("task-c-0", null),
                codec.decode("task-c-x", "{\"properties\":{}}".getBytes()),
                codec.decode("task-c", "{\"properties\":{}}".getBytes()),
                codec.decode("task-c-0", "{\"properties\":{\"a\":null}}".getBytes()),
                codec.decode("task-c-0", "{\"properties\":{\"a\":1}}".getBytes()),
                codec.decode("connector-c", "not json".getBytes()),
                codec.decode("connector-c", "[1]".getBytes()),
                codec.decode("commit-c", null),
                codec.decode("logger-cluster-x", "{\"level\":3}".getBytes()),
                codec.decode("something-else", "{}".getBytes()),
                codec.decode(null, "{}".getBytes()));
        for (ConfigRecord record : decoded) {
            assertInstanceOf(Unreadable.class, record, record::toString);
        }
        assertEquals("something-else", decoded.get(9).key());
    }

    @Test
    void unreadableRecordsAreNeverWritten() {
        assertThrows(IllegalArgumentException.class, () -> codec.encodeValue(new Unreadable("x", "bad")));
    }

    @Test
    void sessionKeyToStringHidesTheKey() {
        SessionKeyUpdate record = new SessionKeyUpdate(new SecretKeySpec(new byte[] {1, 2, 3}, "HmacSHA256"), 7);
        assertEquals("SessionKeyUpdate[algorithm=HmacSHA256, creationTimestamp=7]", record.toString());
    }
}
