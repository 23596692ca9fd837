package org.apache.kafka.connect.storage;

import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
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

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

/**
 * Converts {@link ConfigRecord}s to and from the key and value bytes of the config topic (internal-topics.md §1).
 * <p>
 * Values are written by the internal converter, {@link JsonConverter} with schemas disabled, from maps whose
 * insertion order is the field order Apache's worker writes, so both produce identical bytes and either can read
 * the other's records. Keys are plain UTF-8 strings. Decoding never throws for bad input: an unknown key or a
 * value that cannot be understood decodes to {@link Unreadable}, which readers log and skip. Thread-safe.
 */
public final class ConfigRecordCodec {

    static final String CONNECTOR_PREFIX = "connector-";
    static final String TARGET_STATE_PREFIX = "target-state-";
    static final String TASK_PREFIX = "task-";
    static final String COMMIT_PREFIX = "commit-";
    static final String TASK_COUNT_PREFIX = "tasks-fencing-";
    static final String SESSION_KEY_KEY = "session-key";
    static final String RESTART_PREFIX = "restart-connector-";
    static final String LOGGER_CLUSTER_PREFIX = "logger-cluster-";

    private static final String PROPERTIES_FIELD = "properties";
    private static final String STATE_FIELD = "state";
    private static final String STATE_V2_FIELD = "state.v2";
    private static final String TASKS_FIELD = "tasks";
    private static final String TASK_COUNT_FIELD = "task-count";
    private static final String KEY_FIELD = "key";
    private static final String ALGORITHM_FIELD = "algorithm";
    private static final String CREATION_TIMESTAMP_FIELD = "creation-timestamp";
    private static final String INCLUDE_TASKS_FIELD = "include-tasks";
    private static final String ONLY_FAILED_FIELD = "only-failed";
    private static final String LEVEL_FIELD = "level";

    private final JsonConverter converter;

    public ConfigRecordCodec() {
        converter = new JsonConverter();
        converter.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, false), false);
    }

    /** The record's key as written to the topic. */
    public byte[] encodeKey(ConfigRecord record) {
        return record.key().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The record's value as written to the topic, or {@code null} for a tombstone.
     *
     * @throws IllegalArgumentException for an {@link Unreadable} record, which is never written
     */
    public byte[] encodeValue(ConfigRecord record) {
        Map<String, Object> value = new LinkedHashMap<>();
        if (record instanceof ConnectorConfig connector) {
            if (connector.isTombstone()) {
                return null;
            }
            value.put(PROPERTIES_FIELD, connector.properties());
        } else if (record instanceof TargetStateUpdate update) {
            if (update.isTombstone()) {
                return null;
            }
            // Workers older than 3.5 only read "state" and know no STOPPED: they see a stopped connector as paused.
            value.put(STATE_FIELD, update.state() == TargetState.STOPPED ? TargetState.PAUSED.name()
                    : update.state().name());
            value.put(STATE_V2_FIELD, update.state().name());
        } else if (record instanceof TaskConfig task) {
            value.put(PROPERTIES_FIELD, task.properties());
        } else if (record instanceof TaskCommit commit) {
            value.put(TASKS_FIELD, commit.taskCount());
        } else if (record instanceof TaskCountRecord taskCount) {
            value.put(TASK_COUNT_FIELD, taskCount.taskCount());
        } else if (record instanceof SessionKeyUpdate session) {
            value.put(KEY_FIELD, Base64.getEncoder().encodeToString(session.secretKey().getEncoded()));
            value.put(ALGORITHM_FIELD, session.secretKey().getAlgorithm());
            value.put(CREATION_TIMESTAMP_FIELD, session.creationTimestamp());
        } else if (record instanceof RestartRequestRecord restart) {
            value.put(INCLUDE_TASKS_FIELD, restart.request().includeTasks());
            value.put(ONLY_FAILED_FIELD, restart.request().onlyFailed());
        } else if (record instanceof LoggerLevel logger) {
            value.put(LEVEL_FIELD, logger.level());
        } else {
            throw new IllegalArgumentException("Cannot write an unreadable config record: " + record);
        }
        return converter.fromConnectData(null, null, value);
    }

    /**
     * Decodes one record of the config topic.
     *
     * @param key   the record key (never {@code null} in a config topic; {@code null} decodes as unreadable)
     * @param value the value bytes, {@code null} for a tombstone
     */
    public ConfigRecord decode(String key, byte[] value) {
        if (key == null) {
            return new Unreadable(null, "record without a key");
        }
        try {
            return decodeKnown(key, value);
        } catch (DataException | IllegalArgumentException e) {
            return new Unreadable(key, e.getMessage());
        }
    }

    private ConfigRecord decodeKnown(String key, byte[] value) {
        if (key.startsWith(CONNECTOR_PREFIX)) {
            String connector = key.substring(CONNECTOR_PREFIX.length());
            return new ConnectorConfig(connector, value == null ? null : properties(fields(value), true));
        }
        if (key.startsWith(TARGET_STATE_PREFIX)) {
            String connector = key.substring(TARGET_STATE_PREFIX.length());
            return new TargetStateUpdate(connector, value == null ? null : targetState(fields(value)));
        }
        if (key.startsWith(TASK_PREFIX)) {
            ConnectorTaskId id = taskId(key);
            return new TaskConfig(id, properties(fields(requireValue(value)), false));
        }
        if (key.startsWith(COMMIT_PREFIX)) {
            String connector = key.substring(COMMIT_PREFIX.length());
            return new TaskCommit(connector, intField(fields(requireValue(value)), TASKS_FIELD));
        }
        if (key.startsWith(TASK_COUNT_PREFIX)) {
            String connector = key.substring(TASK_COUNT_PREFIX.length());
            return new TaskCountRecord(connector, intField(fields(requireValue(value)), TASK_COUNT_FIELD));
        }
        if (key.equals(SESSION_KEY_KEY)) {
            return sessionKey(fields(requireValue(value)));
        }
        if (key.startsWith(RESTART_PREFIX)) {
            String connector = key.substring(RESTART_PREFIX.length());
            Map<?, ?> fields = fields(requireValue(value));
            return new RestartRequestRecord(new RestartRequest(connector,
                    flag(fields, ONLY_FAILED_FIELD), flag(fields, INCLUDE_TASKS_FIELD)));
        }
        if (key.startsWith(LOGGER_CLUSTER_PREFIX)) {
            String namespace = key.substring(LOGGER_CLUSTER_PREFIX.length());
            Object level = fields(requireValue(value)).get(LEVEL_FIELD);
            if (!(level instanceof String)) {
                throw new DataException("'" + LEVEL_FIELD + "' must be a string but was " + describe(level));
            }
            return new LoggerLevel(namespace, (String) level);
        }
        return new Unreadable(key, "unknown record key");
    }

    // The task number is the segment after the last '-', since connector names may contain '-'.
    private static ConnectorTaskId taskId(String key) {
        String rest = key.substring(TASK_PREFIX.length());
        int separator = rest.lastIndexOf('-');
        if (separator < 0) {
            throw new DataException("task key without a task number");
        }
        try {
            int task = Integer.parseInt(rest.substring(separator + 1));
            return new ConnectorTaskId(rest.substring(0, separator), task);
        } catch (NumberFormatException e) {
            throw new DataException("task key with an invalid task number '" + rest.substring(separator + 1) + "'");
        }
    }

    private static byte[] requireValue(byte[] value) {
        if (value == null) {
            throw new DataException("unexpected tombstone");
        }
        return value;
    }

    private Map<?, ?> fields(byte[] value) {
        Object decoded = converter.toConnectData(null, value).value();
        if (!(decoded instanceof Map)) {
            throw new DataException("value must be a JSON object but was " + describe(decoded));
        }
        return (Map<?, ?>) decoded;
    }

    private static Map<String, String> properties(Map<?, ?> fields, boolean allowNullValues) {
        Object properties = fields.get(PROPERTIES_FIELD);
        if (!(properties instanceof Map)) {
            throw new DataException("'" + PROPERTIES_FIELD + "' must be an object but was " + describe(properties));
        }
        Map<String, String> result = new HashMap<>();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) properties).entrySet()) {
            Object property = entry.getValue();
            if (property == null ? !allowNullValues : !(property instanceof String)) {
                throw new DataException("property '" + entry.getKey() + "' must be a string but was "
                        + describe(property));
            }
            result.put((String) entry.getKey(), (String) property);
        }
        return result;
    }

    // Prefer "state.v2" (knows STOPPED); fall back to "state" for records of workers older than 3.5.
    private static TargetState targetState(Map<?, ?> fields) {
        Object state = fields.get(STATE_V2_FIELD);
        if (!(state instanceof String)) {
            state = fields.get(STATE_FIELD);
        }
        if (!(state instanceof String)) {
            throw new DataException("no target state in '" + STATE_V2_FIELD + "' or '" + STATE_FIELD + "'");
        }
        try {
            return TargetState.valueOf((String) state);
        } catch (IllegalArgumentException e) {
            throw new DataException("unknown target state '" + state + "'");
        }
    }

    private static SessionKeyUpdate sessionKey(Map<?, ?> fields) {
        Object key = fields.get(KEY_FIELD);
        Object algorithm = fields.get(ALGORITHM_FIELD);
        Object created = fields.get(CREATION_TIMESTAMP_FIELD);
        if (!(key instanceof String) || !(algorithm instanceof String) || !(created instanceof Number)) {
            throw new DataException("session key needs string '" + KEY_FIELD + "', string '" + ALGORITHM_FIELD
                    + "' and numeric '" + CREATION_TIMESTAMP_FIELD + "'");
        }
        byte[] keyBytes = Base64.getDecoder().decode((String) key);
        if (keyBytes.length == 0) {
            throw new DataException("empty session key");
        }
        return new SessionKeyUpdate(new SecretKeySpec(keyBytes, (String) algorithm), ((Number) created).longValue());
    }

    private static int intField(Map<?, ?> fields, String name) {
        Object number = fields.get(name);
        // Schemaless JSON reads integers back as Long; accept any integral number that fits an int.
        if (!(number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte)
                || ((Number) number).longValue() != ((Number) number).intValue()) {
            throw new DataException("'" + name + "' must be an integer but was " + describe(number));
        }
        if (((Number) number).intValue() < 0) {
            throw new DataException("'" + name + "' must not be negative but was " + number);
        }
        return ((Number) number).intValue();
    }

    // Restart flags are optional: anything but a boolean counts as false.
    private static boolean flag(Map<?, ?> fields, String name) {
        return Boolean.TRUE.equals(fields.get(name));
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
    }
}
