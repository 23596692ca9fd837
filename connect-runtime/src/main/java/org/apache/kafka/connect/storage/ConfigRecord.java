package org.apache.kafka.connect.storage;

import org.apache.kafka.connect.runtime.RestartRequest;
import org.apache.kafka.connect.runtime.TargetState;
import org.apache.kafka.connect.util.ConnectorTaskId;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import javax.crypto.SecretKey;

/**
 * One record of the config topic, decoded. Each kind maps to one key prefix of the topic (internal-topics.md §1);
 * {@link ConfigRecordCodec} converts between these and the topic's key and value bytes. Immutable.
 */
public sealed interface ConfigRecord {

    /** The record key in the config topic. */
    String key();

    /** {@code connector-<name>}: a connector's raw config, or its deletion ({@code properties == null}). */
    record ConnectorConfig(String connector, Map<String, String> properties) implements ConfigRecord {
        public ConnectorConfig {
            Objects.requireNonNull(connector, "connector");
            // Connector configs may hold null values, which Map.copyOf rejects.
            properties = properties == null ? null
                    : Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        }

        public boolean isTombstone() {
            return properties == null;
        }

        @Override
        public String key() {
            return ConfigRecordCodec.CONNECTOR_PREFIX + connector;
        }
    }

    /** {@code target-state-<name>}: a connector's target state, or its removal ({@code state == null}). */
    record TargetStateUpdate(String connector, TargetState state) implements ConfigRecord {
        public TargetStateUpdate {
            Objects.requireNonNull(connector, "connector");
        }

        public boolean isTombstone() {
            return state == null;
        }

        @Override
        public String key() {
            return ConfigRecordCodec.TARGET_STATE_PREFIX + connector;
        }
    }

    /** {@code task-<name>-<n>}: one task config, visible only once a later {@link TaskCommit} covers it. */
    record TaskConfig(ConnectorTaskId id, Map<String, String> properties) implements ConfigRecord {
        public TaskConfig {
            Objects.requireNonNull(id, "id");
            properties = Collections.unmodifiableMap(
                    new LinkedHashMap<>(Objects.requireNonNull(properties, "properties")));
        }

        @Override
        public String key() {
            return ConfigRecordCodec.TASK_PREFIX + id.connector() + "-" + id.task();
        }
    }

    /** {@code commit-<name>}: makes the connector's first {@code taskCount} deferred task configs visible. */
    record TaskCommit(String connector, int taskCount) implements ConfigRecord {
        public TaskCommit {
            Objects.requireNonNull(connector, "connector");
        }

        @Override
        public String key() {
            return ConfigRecordCodec.COMMIT_PREFIX + connector;
        }
    }

    /** {@code tasks-fencing-<name>}: the task count whose producers were fenced out (KIP-618). */
    record TaskCountRecord(String connector, int taskCount) implements ConfigRecord {
        public TaskCountRecord {
            Objects.requireNonNull(connector, "connector");
        }

        @Override
        public String key() {
            return ConfigRecordCodec.TASK_COUNT_PREFIX + connector;
        }
    }

    /** {@code session-key}: the key workers sign internal REST requests with, and when the leader made it. */
    record SessionKeyUpdate(SecretKey secretKey, long creationTimestamp) implements ConfigRecord {
        public SessionKeyUpdate {
            Objects.requireNonNull(secretKey, "secretKey");
        }

        @Override
        public String key() {
            return ConfigRecordCodec.SESSION_KEY_KEY;
        }

        @Override
        public String toString() {
            // Never print the key material.
            return "SessionKeyUpdate[algorithm=" + secretKey.getAlgorithm() + ", creationTimestamp="
                    + creationTimestamp + ']';
        }
    }

    /** {@code restart-connector-<name>}: a restart every worker executes for what it owns (KIP-745). */
    record RestartRequestRecord(RestartRequest request) implements ConfigRecord {
        public RestartRequestRecord {
            Objects.requireNonNull(request, "request");
        }

        @Override
        public String key() {
            return ConfigRecordCodec.RESTART_PREFIX + request.connectorName();
        }
    }

    /** {@code logger-cluster-<namespace>}: a cluster-wide log level (KIP-976). */
    record LoggerLevel(String namespace, String level) implements ConfigRecord {
        public LoggerLevel {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(level, "level");
        }

        @Override
        public String key() {
            return ConfigRecordCodec.LOGGER_CLUSTER_PREFIX + namespace;
        }
    }

    /**
     * A record readers skip: an unknown key, or a value that cannot be understood. Kept as a record so the log
     * position still advances past it and the reason can be logged.
     */
    record Unreadable(String key, String reason) implements ConfigRecord {
        public Unreadable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
