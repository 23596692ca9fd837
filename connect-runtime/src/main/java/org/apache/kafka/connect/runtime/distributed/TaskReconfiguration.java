package org.apache.kafka.connect.runtime.distributed;

import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.runtime.TaskConfigGenerator;
import org.apache.kafka.connect.runtime.TooManyTasksException;
import org.apache.kafka.connect.storage.ConfigRecord.SessionKeyUpdate;
import org.apache.kafka.connect.storage.KafkaConfigBackingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Regenerates a running connector's task configs and gets changed ones stored (runtime-behaviour §5.3): the leader
 * writes them to the config topic; a follower sends them to the leader, signed. Failures are retried after 250 ms,
 * doubling up to 60 s while they go on. Herder thread only; the publisher's answer comes back as a herder request.
 */
final class TaskReconfiguration {

    private static final Logger log = LoggerFactory.getLogger(TaskReconfiguration.class);

    private static final long BACKOFF_INITIAL_MS = 250L;
    private static final long BACKOFF_MAX_MS = 60_000L;

    private final TaskConfigGenerator generator;
    private final TaskConfigPublisher publisher;
    private final KafkaConfigBackingStore configStore;
    private final Supplier<ClusterConfigState> resolvedConfig;
    private final Supplier<SessionKeyUpdate> signingKey;
    private final HerderRequestQueue requests;
    private final Consumer<HerderRequestQueue.Action> submit;
    private final Time time;
    private WorkerGroupMember member;
    /** Next retry delay per connector, while its reconfiguration keeps failing. */
    private final Map<String, Long> backoffMs = new HashMap<>();

    /**
     * @param resolvedConfig the herder's config snapshot, variables resolved
     * @param signingKey     the session key to sign with, or null when the group does not sign internal requests
     * @param submit         queues work for the herder thread now (and wakes it)
     */
    TaskReconfiguration(TaskConfigGenerator generator, TaskConfigPublisher publisher,
                        KafkaConfigBackingStore configStore, Supplier<ClusterConfigState> resolvedConfig,
                        Supplier<SessionKeyUpdate> signingKey, HerderRequestQueue requests,
                        Consumer<HerderRequestQueue.Action> submit, Time time) {
        this.generator = generator;
        this.publisher = publisher;
        this.configStore = configStore;
        this.resolvedConfig = resolvedConfig;
        this.signingKey = signingKey;
        this.requests = requests;
        this.submit = submit;
        this.time = time;
    }

    /** The member that says who leads; set once, after it was built. */
    void attach(WorkerGroupMember groupMember) {
        this.member = groupMember;
    }

    void reconfigure(String connName) {
        ClusterConfigState resolved = resolvedConfig.get();
        if (!resolved.contains(connName)) {
            return;
        }
        Optional<List<Map<String, String>>> changed;
        try {
            changed = generator.changedTaskConfigs(connName, resolved);
        } catch (TooManyTasksException e) {
            // The worker has failed the connector; nothing to retry.
            log.error("Connector {} generated too many task configs: {}", connName, e.getMessage());
            return;
        } catch (Throwable t) {
            log.error("Failed to generate task configs for connector {}", connName, t);
            retryLater(connName);
            return;
        }
        if (changed.isEmpty()) {
            backoffMs.remove(connName);
            return;
        }
        List<Map<String, String>> taskConfigs = changed.get();
        if (member.isLeader()) {
            try {
                log.info("Writing {} task config(s) of connector {}", taskConfigs.size(), connName);
                configStore.putTaskConfigs(connName, taskConfigs);
                backoffMs.remove(connName);
            } catch (RuntimeException e) {
                log.error("Failed to write the task configs of connector {}", connName, e);
                retryLater(connName);
            }
            return;
        }
        String leaderUrl = member.leaderUrl();
        if (leaderUrl == null) {
            log.warn("No known leader to send the task configs of connector {} to; retrying", connName);
            retryLater(connName);
            return;
        }
        log.info("Sending {} task config(s) of connector {} to the leader at {}", taskConfigs.size(), connName,
                leaderUrl);
        publisher.publish(leaderUrl, connName, taskConfigs, signingKey.get(), (error, ignored) -> {
            if (error == null) {
                submit.accept(() -> backoffMs.remove(connName));
            } else {
                // A 403 usually means the leader rotated the session key: the retry signs with the new one.
                log.error("Failed to send the task configs of connector {} to the leader: {}", connName,
                        error.getMessage());
                submit.accept(() -> retryLater(connName));
            }
        });
    }

    private void retryLater(String connName) {
        long delayMs = backoffMs.getOrDefault(connName, BACKOFF_INITIAL_MS);
        backoffMs.put(connName, Math.min(delayMs * 2, BACKOFF_MAX_MS));
        requests.add(time.milliseconds() + delayMs, () -> reconfigure(connName), null);
    }
}
