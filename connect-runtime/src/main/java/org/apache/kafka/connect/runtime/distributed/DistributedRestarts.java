package org.apache.kafka.connect.runtime.distributed;

import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.NotFoundException;
import org.apache.kafka.connect.runtime.ConfigReloads;
import org.apache.kafka.connect.runtime.RestartRequest;
import org.apache.kafka.connect.runtime.Worker;
import org.apache.kafka.connect.util.Callback;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Restarts on a distributed worker (runtime-behaviour §5.5, rest-api.md): a single connector or task is restarted by
 * the worker that runs it (others point the request there); restart requests read from the config topic are planned
 * from the current statuses by every worker, which restarts the part it runs, writing RESTARTING first. Herder
 * thread only.
 */
final class DistributedRestarts {

    private static final Logger log = LoggerFactory.getLogger(DistributedRestarts.class);

    private final Worker worker;
    private final DistributedHerder herder;
    private final WorkerGroupMember member;
    /** Scheduled restarts for config-provider TTLs, as delayed herder requests. */
    private final ConfigReloads configReloads;

    DistributedRestarts(Worker worker, DistributedHerder herder, WorkerGroupMember member,
                        HerderRequestQueue requests, Time time) {
        this.worker = worker;
        this.herder = herder;
        this.member = member;
        this.configReloads = new ConfigReloads(
                (delayMs, action) -> requests.add(time.milliseconds() + delayMs, action::run, null)::cancel,
                this::reloadConnector);
    }

    /**
     * Restarts the connector once the TTL has passed, if it still runs here, so that it reads the provider's values
     * again (runtime-behaviour §12); a later TTL for the same connector and path replaces a pending restart. The
     * restart is a delayed herder request; the caller wakes the herder thread so its wait accounts for it.
     */
    void scheduleReload(String connName, String path, long ttlMs) {
        configReloads.schedule(connName, path, ttlMs);
    }

    private void reloadConnector(String connName, String path) {
        if (member.currentWork().connectors().contains(connName) && herder.resolvedConfig().contains(connName)) {
            log.info("Restarting connector {} to reload values of config path {}", connName, path);
            worker.stopAndAwaitConnector(connName);
            herder.startConnector(connName, null);
        }
    }

    /**
     * {@code POST /connectors/{c}/restart}: restarts the connector if it runs here; else the leader names its owner
     * and a follower the leader ({@link RequestTargetException}).
     *
     * @param resolved the herder's config snapshot, variables resolved
     * @param callback completed once the connector reached its target state again
     */
    void restartConnector(String connName, ClusterConfigState resolved, Callback<Void> callback) {
        if (!resolved.contains(connName)) {
            throw new NotFoundException("Unknown connector: " + connName);
        }
        if (!member.currentWork().connectors().contains(connName)) {
            throw elsewhere("Cannot restart connector " + connName + " since it is not assigned to this member",
                    member.ownerUrl(connName));
        }
        log.info("Restarting connector {}", connName);
        worker.stopAndAwaitConnector(connName);
        herder.startConnector(connName, (error, state) -> callback.onCompletion(error, null));
    }

    /** {@code POST /connectors/{c}/tasks/{t}/restart}, served like {@link #restartConnector}. */
    void restartTask(ConnectorTaskId id, ClusterConfigState resolved, Callback<Void> callback) {
        if (!resolved.contains(id.connector())) {
            throw new NotFoundException("Unknown connector: " + id.connector());
        }
        if (resolved.rawTaskConfig(id) == null) {
            throw new NotFoundException("Unknown task: " + id);
        }
        if (!member.currentWork().tasks().contains(id)) {
            throw elsewhere("Cannot restart task " + id + " since it is not assigned to this member",
                    member.ownerUrl(id));
        }
        log.info("Restarting task {}", id);
        worker.stopAndAwaitTask(id);
        if (herder.startTask(resolved, id)) {
            callback.onCompletion(null, null);
        } else {
            callback.onCompletion(new ConnectException("Failed to start task: " + id), null);
        }
    }

    // The leader knows every owner; a follower only knows the leader, which forwards once more.
    private RequestTargetException elsewhere(String message, String ownerUrl) {
        if (member.isLeader()) {
            return new NotAssignedException(message, ownerUrl);
        }
        return new NotLeaderException(message, member.leaderUrl());
    }

    /**
     * @param requests at most one per connector, as the config store coalesced them
     * @param ownWork  what this worker is assigned
     * @param resolved the config snapshot, config-provider variables resolved
     */
    void process(List<RestartRequest> requests, ConnectorsAndTasks ownWork, ClusterConfigState resolved) {
        for (RestartRequest request : requests) {
            String connName = request.connectorName();
            if (!resolved.contains(connName)) {
                log.debug("Ignoring restart request {}: the connector no longer exists", request);
                continue;
            }
            Plan plan;
            try {
                plan = herder.restartPlan(request);
            } catch (NotFoundException e) {
                log.warn("Ignoring restart request {}: {}", request, e.getMessage());
                continue;
            }
            boolean restartConnector = plan.restartConnector() && ownWork.connectors().contains(connName);
            List<ConnectorTaskId> tasks = plan.tasks().stream()
                    .filter(ownWork.tasks()::contains)
                    .toList();
            if (!restartConnector && tasks.isEmpty()) {
                continue;
            }
            log.info("Executing {}: restarting {} and tasks {} on this worker", request,
                    restartConnector ? "the connector" : "not the connector", tasks);
            if (restartConnector) {
                worker.stopAndAwaitConnector(connName);
                herder.onRestart(connName);
            }
            if (!tasks.isEmpty()) {
                worker.stopAndAwaitTasks(tasks);
                tasks.forEach(herder::onRestart);
            }
            if (restartConnector) {
                herder.startConnector(connName, null);
            }
            for (ConnectorTaskId id : tasks) {
                herder.startTask(resolved, id);
            }
        }
    }

    /** What a restart request restarts, cluster-wide. */
    record Plan(boolean restartConnector, List<ConnectorTaskId> tasks) {
    }
}
