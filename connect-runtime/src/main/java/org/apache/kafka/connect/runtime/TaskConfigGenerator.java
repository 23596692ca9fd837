package org.apache.kafka.connect.runtime;

import org.apache.kafka.connect.runtime.distributed.ClusterConfigState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Asks a running connector for its task configs and decides whether they must replace the stored ones
 * (runtime-behaviour §5.3 steps 1-5). Generated configs get the connector's config-provider variables put back,
 * so secrets are never stored resolved (connector-config.md §7). Stateless; runs on the caller's thread.
 */
public final class TaskConfigGenerator {

    private static final Logger log = LoggerFactory.getLogger(TaskConfigGenerator.class);

    private final Worker worker;

    public TaskConfigGenerator(Worker worker) {
        this.worker = worker;
    }

    /**
     * @param snapshot a snapshot that resolves config-provider variables
     * @return the raw task configs to store, or empty if there is nothing to store: the connector does not run here,
     *         is not STARTED, or its task configs are unchanged
     * @throws TooManyTasksException if it generated more than {@code tasks.max} with enforcement on (the worker
     *                               has failed the connector)
     * @throws RuntimeException      whatever generating the configs failed with
     */
    public Optional<List<Map<String, String>>> changedTaskConfigs(String connName, ClusterConfigState snapshot) {
        if (!worker.isRunning(connName)) {
            log.info("Skipping reconfiguration of connector {} since it is not running", connName);
            return Optional.empty();
        }
        if (snapshot.targetState(connName) != TargetState.STARTED) {
            log.debug("Skipping reconfiguration of connector {} since its target state is {}", connName,
                    snapshot.targetState(connName));
            return Optional.empty();
        }
        ConnectorConfig connConfig = new ConnectorConfig(worker.getPlugins(), snapshot.connectorConfig(connName));
        List<Map<String, String>> generated = WorkerConfigTransformer.reverseTransform(
                snapshot.rawConnectorConfig(connName), worker.connectorTaskConfigs(connName, connConfig));
        List<Map<String, String>> current = snapshot.tasks(connName).stream()
                .map(snapshot::rawTaskConfig)
                .toList();
        // A changed connector config replaces the tasks even when they would be configured the same way.
        boolean changed = !generated.equals(current)
                || !Objects.equals(snapshot.rawConnectorConfig(connName), snapshot.appliedConnectorConfig(connName));
        if (!changed) {
            log.debug("Task configs of connector {} are unchanged", connName);
            return Optional.empty();
        }
        return Optional.of(generated);
    }
}
