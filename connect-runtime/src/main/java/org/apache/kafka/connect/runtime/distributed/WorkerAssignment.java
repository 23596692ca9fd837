package org.apache.kafka.connect.runtime.distributed;

import org.apache.kafka.connect.runtime.TargetState;
import org.apache.kafka.connect.runtime.Worker;
import org.apache.kafka.connect.storage.StatusBackingStore;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * This worker's share of the cluster's connectors and tasks, kept in line with the group's assignments and with the
 * config topic (runtime-behaviour §5.2, §5.6): it stops revoked work, starts assigned work once the config topic has
 * been read far enough, and applies config changes (new connector configs, target states, replaced task sets) to what
 * runs here. The group member calls it back ({@link WorkerRebalanceListener}) and the herder calls it, both on the
 * herder thread.
 */
final class WorkerAssignment implements WorkerRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(WorkerAssignment.class);

    private final Worker worker;
    private final DistributedHerder herder;
    private final ConfigLogSync configSync;
    private final StatusBackingStore statusStore;
    private final PendingConfigUpdates pendingUpdates;
    private final AssignedWorkStarter workStarter;
    private WorkerGroupMember member;

    private volatile int generation = -1;
    private ConnectAssignment assignment;
    private boolean rebalanceResolved = true;
    private volatile boolean joinedOnce;

    WorkerAssignment(Worker worker, DistributedHerder herder, ConfigLogSync configSync, StatusBackingStore statusStore,
                     PendingConfigUpdates pendingUpdates, AssignedWorkStarter workStarter) {
        this.worker = worker;
        this.herder = herder;
        this.configSync = configSync;
        this.statusStore = statusStore;
        this.pendingUpdates = pendingUpdates;
        this.workStarter = workStarter;
    }

    /** The member whose assignments this follows; set once, right after the member was built with this listener. */
    void attach(WorkerGroupMember groupMember) {
        this.member = groupMember;
    }

    /** The generation of the last assignment, -1 before the first; written into statuses (any thread). */
    int generation() {
        return generation;
    }

    /** Whether the first assignment has been acted on: the worker then serves requests. */
    boolean joinedOnce() {
        return joinedOnce;
    }

    /** The complete work assigned to this worker. */
    ConnectorsAndTasks ownWork() {
        return member.currentWork();
    }

    @Override
    public void onAssigned(ConnectAssignment newAssignment, int newGeneration) {
        log.info("Assigned in generation {}: {}", newGeneration, newAssignment);
        assignment = newAssignment;
        generation = newGeneration;
        rebalanceResolved = false;
        pendingUpdates.rebalanceCompleted();
        if (!newAssignment.revoked().isEmpty()) {
            // Cooperative: the revoked work must have stopped before the member rejoins.
            stop(newAssignment.revokedConnectors(), newAssignment.revokedTasks());
        }
        // The herder thread must leave its poll to start the new work.
        member.wakeup();
    }

    @Override
    public void onRevoked(String leader, Collection<String> connectors, Collection<ConnectorTaskId> tasks) {
        log.info("Rebalance started; stopping connectors {} and tasks {}", connectors, tasks);
        stop(connectors, tasks);
    }

    /**
     * Finishes what the last rebalance started: catches up with the config topic as far as the assignment needs, starts
     * the assigned work, and on the leader removes the statuses of deleted work.
     *
     * @param readConfigToEnd catches up with the config topic, giving up this worker's work if it cannot
     * @return false if the work cannot start yet (the member rejoins or the herder backs off)
     */
    boolean completeRebalance(BooleanSupplier readConfigToEnd) {
        if (rebalanceResolved) {
            return true;
        }
        if (assignment == null || assignment.failed()) {
            // The leader was behind on the config topic; catch up before the member rejoins.
            readConfigToEnd.getAsBoolean();
            return false;
        }
        if (configSync.snapshot().offset() < assignment.configOffset()) {
            if (!readConfigToEnd.getAsBoolean()) {
                return false;
            }
            if (configSync.snapshot().offset() < assignment.configOffset()) {
                log.warn("The config topic offset {} is still behind the assignment's {}; rejoining",
                        configSync.snapshot().offset(), assignment.configOffset());
                member.requestRejoin("config topic behind the assignment");
                return false;
            }
        }
        startAssignedWork();
        rebalanceResolved = true;
        joinedOnce = true;
        if (member.isLeader()) {
            removeStatusesOfDeletedWork();
        }
        return true;
    }

    /** Starts what is assigned here and does not run yet; stops what runs here but is no longer assigned. */
    private void startAssignedWork() {
        ConnectorsAndTasks work = ownWork();
        List<String> strayConnectors = worker.connectorNames().stream()
                .filter(name -> !work.connectors().contains(name)).toList();
        List<ConnectorTaskId> strayTasks = worker.taskIds().stream()
                .filter(id -> !work.tasks().contains(id)).toList();
        if (!strayConnectors.isEmpty() || !strayTasks.isEmpty()) {
            log.warn("Stopping connectors {} and tasks {} that are no longer assigned to this worker",
                    strayConnectors, strayTasks);
            stop(strayConnectors, strayTasks);
            // E.g. the group fell back from a cooperative protocol to eager, which revokes nothing in advance: their
            // new owners may have started them in this same generation, so our UNASSIGNED writes could hide their
            // RUNNING. Another round, eager now, revokes before it assigns and statuses get a newer generation.
            member.requestRejoin("stopped work that other members may already run");
        }
        ClusterConfigState resolved = herder.resolvedConfig();
        List<Runnable> starts = new ArrayList<>();
        for (String connName : work.connectors()) {
            if (!worker.connectorNames().contains(connName) && resolved.contains(connName)) {
                starts.add(() -> herder.startConnector(connName, null));
            }
        }
        for (ConnectorTaskId id : work.tasks()) {
            if (!worker.taskIds().contains(id) && resolved.rawTaskConfig(id) != null) {
                starts.add(() -> herder.startTask(resolved, id));
            }
        }
        if (!starts.isEmpty()) {
            log.info("Starting {} connector(s) and task(s) assigned in generation {}", starts.size(), generation);
            workStarter.startAll(starts);
        }
    }

    /** Stops everything that runs here, e.g. when the config topic cannot be read. */
    void revokeAll() {
        stop(new ArrayList<>(worker.connectorNames()), new ArrayList<>(worker.taskIds()));
    }

    private void stop(Collection<String> connectors, Collection<ConnectorTaskId> tasks) {
        List<ConnectorTaskId> runningTasks = tasks.stream().filter(worker.taskIds()::contains).toList();
        List<String> runningConnectors = connectors.stream().filter(worker.connectorNames()::contains).toList();
        if (!runningTasks.isEmpty()) {
            worker.stopAndAwaitTasks(runningTasks);
        }
        if (!runningConnectors.isEmpty()) {
            worker.stopAndAwaitConnectors(runningConnectors);
        }
        // Work of deleted connectors: its statuses go now, after its UNASSIGNED writes, so none outlives the
        // connector; the leader's clean-up after the rebalance may run before these stops finished.
        ClusterConfigState current = herder.latestStoredConfig();
        for (ConnectorTaskId id : runningTasks) {
            if (!current.contains(id.connector())) {
                herder.onDeletion(id);
            }
        }
        for (String connName : connectors) {
            if (!current.contains(connName)) {
                statusStore.getAllTopics(connName).forEach(topic -> statusStore.deleteTopic(connName, topic.topic()));
                if (runningConnectors.contains(connName)) {
                    herder.onDeletion(connName);
                }
            }
        }
        statusStore.flush();
    }

    /** Leader, after each rebalance: statuses of connectors and tasks that no longer exist become DESTROYED. */
    private void removeStatusesOfDeletedWork() {
        ClusterConfigState snapshot = configSync.snapshot();
        for (String connName : statusStore.connectors()) {
            if (!snapshot.contains(connName)) {
                log.info("Removing the statuses of deleted connector {}", connName);
                herder.onDeletion(connName);
                continue;
            }
            int taskCount = snapshot.taskCount(connName);
            statusStore.getAll(connName).stream()
                    .filter(status -> status.id().task() >= taskCount)
                    .forEach(status -> herder.onDeletion(status.id()));
        }
    }

    /**
     * Applies config changes to the work running here (runtime-behaviour §5.2): a changed connector config restarts
     * the connector (unless it already runs with it), a target state goes to the connector and its tasks, and tasks
     * whose configs were replaced stop (to be started again with the new configs after the rebalance that follows,
     * if still assigned here).
     */
    void applyConfigChanges(PendingConfigUpdates.Updates updates) {
        ClusterConfigState resolved = herder.resolvedConfig();
        for (String connName : updates.connectorConfigUpdates()) {
            // A connector started after its config was written (e.g. assigned by the rebalance it caused) has it.
            if (worker.connectorNames().contains(connName) && resolved.contains(connName)
                    && !herder.startedWith(connName, resolved.rawConnectorConfig(connName))) {
                log.info("Restarting connector {} with its new config", connName);
                worker.stopAndAwaitConnector(connName);
                herder.startConnector(connName, null);
            }
        }
        for (String connName : updates.targetStateChanges()) {
            if (resolved.contains(connName) && runsAnyOf(connName)) {
                applyTargetState(connName, resolved.targetState(connName));
            }
        }
        // A task started after its new config was written (by the rebalance it caused) already runs with it.
        List<ConnectorTaskId> replaced = worker.taskIds().stream()
                .filter(id -> updates.connectorsWithNewTasks().contains(id.connector()))
                .filter(id -> !herder.taskStartedWith(resolved, id))
                .toList();
        if (!replaced.isEmpty()) {
            log.info("Stopping tasks {} whose configs were replaced", replaced);
            worker.stopAndAwaitTasks(replaced);
        }
    }

    private boolean runsAnyOf(String connName) {
        return worker.connectorNames().contains(connName)
                || worker.taskIds().stream().anyMatch(id -> id.connector().equals(connName));
    }

    private void applyTargetState(String connName, TargetState state) {
        worker.setTargetState(connName, state, (error, newState) -> {
            if (error != null) {
                log.error("Failed to transition connector {} to target state {}", connName, state, error);
            } else if (newState == TargetState.STARTED) {
                herder.requestTaskReconfiguration(connName);
            }
        });
    }
}
