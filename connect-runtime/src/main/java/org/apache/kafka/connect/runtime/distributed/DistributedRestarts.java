package org.apache.kafka.connect.runtime.distributed;

import org.apache.kafka.connect.errors.NotFoundException;
import org.apache.kafka.connect.runtime.RestartRequest;
import org.apache.kafka.connect.runtime.TaskLauncher;
import org.apache.kafka.connect.runtime.Worker;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Carries out restart requests read from the config topic (runtime-behaviour §5.5): every worker builds the plan from
 * the current statuses and restarts the part of it that it runs, writing RESTARTING first. Herder thread only.
 */
final class DistributedRestarts {

    private static final Logger log = LoggerFactory.getLogger(DistributedRestarts.class);

    private final Worker worker;
    private final DistributedHerder herder;
    private final TaskLauncher taskLauncher;

    DistributedRestarts(Worker worker, DistributedHerder herder, TaskLauncher taskLauncher) {
        this.worker = worker;
        this.herder = herder;
        this.taskLauncher = taskLauncher;
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
                taskLauncher.start(resolved, id);
            }
        }
    }

    /** What a restart request restarts, cluster-wide. */
    record Plan(boolean restartConnector, List<ConnectorTaskId> tasks) {
    }
}
