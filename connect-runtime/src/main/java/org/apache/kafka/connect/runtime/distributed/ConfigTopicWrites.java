package org.apache.kafka.connect.runtime.distributed;

import org.apache.kafka.connect.errors.AlreadyExistsException;
import org.apache.kafka.connect.errors.NotFoundException;
import org.apache.kafka.connect.runtime.AbstractHerder;
import org.apache.kafka.connect.runtime.RestartRequest;
import org.apache.kafka.connect.runtime.TargetState;
import org.apache.kafka.connect.runtime.rest.errors.BadRequestException;
import org.apache.kafka.connect.storage.KafkaConfigBackingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The config-topic writes REST requests make on a distributed worker, with their checks (runtime-behaviour §5.4,
 * rest-api.md §5): only the leader writes connector configs, task configs, STOPPED and restart requests, and a
 * follower answers with {@link NotLeaderException} so the request is forwarded; pause, resume and cluster logger
 * levels are written by any worker. Leader-only writes run on the herder thread, the others on the caller's.
 */
final class ConfigTopicWrites {

    private static final Logger log = LoggerFactory.getLogger(ConfigTopicWrites.class);

    private final KafkaConfigBackingStore configStore;
    private final WorkerGroupMember member;

    ConfigTopicWrites(KafkaConfigBackingStore configStore, WorkerGroupMember member) {
        this.configStore = configStore;
        this.member = member;
    }

    /** @return whether the connector was created (else its config was replaced) */
    boolean putConnectorConfig(String connName, Map<String, String> config, TargetState targetState,
                               boolean allowReplace) {
        requireLeader("Only the leader can set connector configs.");
        boolean exists = configStore.contains(connName);
        if (exists && !allowReplace) {
            throw new AlreadyExistsException("Connector " + connName + " already exists");
        }
        log.info("{} connector {}", exists ? "Updating" : "Creating", connName);
        configStore.putConnectorConfig(connName, config, targetState);
        return !exists;
    }

    /** The stored config with the patch applied ({@code null} values remove keys, KIP-477); nothing is written. */
    Map<String, String> patchedConfig(String connName, Map<String, String> patch) {
        requireLeader("Only the leader can set connector configs.");
        Map<String, String> current = configStore.snapshot().rawConnectorConfig(connName);
        if (current == null) {
            throw AbstractHerder.connectorNotFound(connName);
        }
        Map<String, String> patched = new LinkedHashMap<>(current);
        patch.forEach((key, value) -> {
            if (value == null) {
                patched.remove(key);
            } else {
                patched.put(key, value);
            }
        });
        return patched;
    }

    void deleteConnector(String connName) {
        requireLeader("Only the leader can delete connector configs.");
        requireConnector(connName);
        log.info("Deleting connector {}", connName);
        configStore.removeConnectorConfig(connName);
    }

    /** An empty task set, then STOPPED (internal-topics.md §1); 404 is checked before the leader check. */
    void stopConnector(String connName) {
        if (!configStore.contains(connName)) {
            throw new NotFoundException("Unknown connector " + connName);
        }
        requireLeader("Only the leader can transition connectors to the STOPPED state.");
        log.info("Stopping connector {}", connName);
        configStore.putTaskConfigs(connName, List.of());
        configStore.putTargetState(connName, TargetState.STOPPED);
    }

    /** PAUSED or STARTED, written by whichever worker got the request. */
    void putTargetState(String connName, TargetState state) {
        if (!configStore.contains(connName)) {
            throw new NotFoundException("Unknown connector " + connName);
        }
        configStore.putTargetState(connName, state);
    }

    /** The internal endpoint: task configs a worker generated, written by the leader. */
    void putTaskConfigs(String connName, List<Map<String, String>> configs) {
        requireLeader("Only the leader may write task configurations.");
        requireConnector(connName);
        if (configStore.snapshot().targetState(connName) == TargetState.STOPPED && !configs.isEmpty()) {
            throw new BadRequestException("Cannot submit non-empty set of task configs for stopped connector "
                    + connName);
        }
        configStore.putTaskConfigs(connName, configs);
    }

    /** Checks that the leader can record a restart request; the caller plans it before {@link #putRestart}. */
    void checkRestart(String connName) {
        requireLeader("Only the leader can process restart requests.");
        if (!configStore.contains(connName)) {
            throw new NotFoundException("Unknown connector: " + connName);
        }
    }

    void putRestart(RestartRequest request) {
        configStore.putRestartRequest(request);
    }

    void putLoggerLevel(String namespace, String level) {
        configStore.putLoggerLevel(namespace, level);
    }

    void requireLeader(String message) {
        if (!member.isLeader()) {
            throw new NotLeaderException(message, member.leaderUrl());
        }
    }

    void requireConnector(String connName) {
        if (!configStore.contains(connName)) {
            throw AbstractHerder.connectorNotFound(connName);
        }
    }
}
