package org.apache.kafka.connect.storage;

import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.runtime.AbstractStatus;
import org.apache.kafka.connect.runtime.TopicStatus;
import org.apache.kafka.connect.util.ConnectorTaskId;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keys and values of the status topic (internal-topics.md §2), written by the internal converter (JSON without
 * schemas) so that Apache's workers and ours read each other's records:
 * <ul>
 *   <li>{@code status-connector-<c>} and {@code status-task-<c>-<n>}:
 *       {@code {"state":…,"trace":…,"worker_id":…,"generation":…,"version":…}}, in that field order, nulls
 *       written;</li>
 *   <li>{@code status-topic-<t>:connector-<c>}:
 *       {@code {"topic":{"name":…,"connector":…,"task":…,"discoverTimestamp":…}}}.</li>
 * </ul>
 * Thread-safe.
 */
final class StatusCodec {

    static final String CONNECTOR_PREFIX = "status-connector-";
    static final String TASK_PREFIX = "status-task-";
    static final String TOPIC_PREFIX = "status-topic-";
    static final String TOPIC_CONNECTOR_SEPARATOR = ":connector-";

    /** What a status key names. */
    sealed interface ParsedKey permits ConnectorKey, TaskKey, TopicKey {
    }

    record ConnectorKey(String connector) implements ParsedKey {
    }

    record TaskKey(ConnectorTaskId id) implements ParsedKey {
    }

    record TopicKey(String topic, String connector) implements ParsedKey {
    }

    /** The fields of a connector or task status value; {@code version} is null when absent (pre-4.1 writers). */
    record Status(AbstractStatus.State state, String trace, String workerId, int generation, String version) {
    }

    private final JsonConverter converter;

    StatusCodec() {
        converter = new JsonConverter();
        converter.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, false), false);
    }

    static String connectorKey(String connector) {
        return CONNECTOR_PREFIX + connector;
    }

    static String taskKey(ConnectorTaskId id) {
        return TASK_PREFIX + id.connector() + "-" + id.task();
    }

    static String topicKey(String topic, String connector) {
        return TOPIC_PREFIX + topic + TOPIC_CONNECTOR_SEPARATOR + connector;
    }

    /** @return what the key names, or {@code null} if it is not a status key */
    static ParsedKey parseKey(String key) {
        if (key.startsWith(CONNECTOR_PREFIX)) {
            return new ConnectorKey(key.substring(CONNECTOR_PREFIX.length()));
        }
        if (key.startsWith(TASK_PREFIX)) {
            // Connector names may contain '-': the task number is after the last one.
            String[] parts = key.split("-");
            if (parts.length < 4) {
                return null;
            }
            String connector = String.join("-", java.util.Arrays.copyOfRange(parts, 2, parts.length - 1));
            try {
                return new TaskKey(new ConnectorTaskId(connector, Integer.parseInt(parts[parts.length - 1])));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (key.startsWith(TOPIC_PREFIX)) {
            int separator = key.indexOf(':');
            int connectorStart = key.indexOf(TOPIC_CONNECTOR_SEPARATOR);
            if (separator < 0 || connectorStart < 0) {
                return null;
            }
            return new TopicKey(key.substring(TOPIC_PREFIX.length(), separator),
                    key.substring(connectorStart + TOPIC_CONNECTOR_SEPARATOR.length()));
        }
        return null;
    }

    byte[] encodeStatus(AbstractStatus<?> status) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("state", status.state().name());
        value.put("trace", status.trace());
        value.put("worker_id", status.workerId());
        value.put("generation", status.generation());
        value.put("version", status.version());
        return converter.fromConnectData(null, null, value);
    }

    /** @throws DataException if the value is not a status object with a known state */
    Status decodeStatus(byte[] bytes) {
        Map<?, ?> value = decodeObject(bytes);
        Object state = value.get("state");
        if (!(state instanceof String)) {
            throw new DataException("Status value without a state");
        }
        Object generation = value.get("generation");
        return new Status(AbstractStatus.State.valueOf((String) state), (String) value.get("trace"),
                (String) value.get("worker_id"), generation instanceof Number ? ((Number) generation).intValue() : 0,
                (String) value.get("version"));
    }

    byte[] encodeTopic(TopicStatus status) {
        Map<String, Object> topic = new LinkedHashMap<>();
        topic.put("name", status.topic());
        topic.put("connector", status.connector());
        topic.put("task", status.task());
        topic.put("discoverTimestamp", status.discoverTimestamp());
        return converter.fromConnectData(null, null, Map.of("topic", topic));
    }

    /** @throws DataException if the value is not a topic status object */
    TopicStatus decodeTopic(byte[] bytes) {
        Object topic = decodeObject(bytes).get("topic");
        if (!(topic instanceof Map<?, ?> fields)) {
            throw new DataException("Topic status value without a 'topic' object");
        }
        Object task = fields.get("task");
        Object timestamp = fields.get("discoverTimestamp");
        return new TopicStatus((String) fields.get("name"), (String) fields.get("connector"),
                task instanceof Number ? ((Number) task).intValue() : 0,
                timestamp instanceof Number ? ((Number) timestamp).longValue() : 0L);
    }

    private Map<?, ?> decodeObject(byte[] bytes) {
        Object value = converter.toConnectData(null, bytes).value();
        if (!(value instanceof Map<?, ?> map)) {
            throw new DataException("Expected a JSON object but found " + value);
        }
        return map;
    }
}
