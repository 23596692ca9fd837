package org.apache.kafka.connect.runtime;

import org.apache.kafka.connect.runtime.distributed.ClusterConfigState;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a connector's generated task configs must replace the stored ones. */
class TaskConfigGeneratorTest {

    private static final List<Map<String, String>> STORED = List.of(
            Map.of("task.class", "org.example.SomeTask", "index", "0"),
            Map.of("task.class", "org.example.SomeTask", "index", "1"));

    private final StubWorker worker = new StubWorker();
    private final TaskConfigGenerator generator = new TaskConfigGenerator(worker);

    @AfterEach
    void stopWorker() {
        worker.stop();
    }

    private static Map<String, String> connector(String... keysAndValues) {
        Map<String, String> config = new HashMap<>();
        config.put("name", "c");
        config.put("connector.class", "org.example.SomeConnector");
        config.put("tasks.max", "2");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return config;
    }

    private static ClusterConfigState snapshot(Map<String, String> config, TargetState state,
                                               List<Map<String, String>> tasks, Map<String, String> applied) {
        return new ClusterConfigState.Builder().connector("c", config, state, tasks, applied).build();
    }

    @Test
    void nothingToStoreWhenTheConnectorDoesNotRunHere() {
        worker.taskConfigs = (name, config) -> List.of(Map.of("changed", "yes"));

        assertEquals(Optional.empty(),
                generator.changedTaskConfigs("c", snapshot(connector(), TargetState.STARTED, STORED, connector())));
        assertTrue(worker.taskConfigRequests.isEmpty(), "the connector is not asked");
    }

    @Test
    void nothingToStoreWhenTheConnectorIsNotStarted() {
        worker.running.add("c");
        worker.taskConfigs = (name, config) -> List.of(Map.of("changed", "yes"));

        for (TargetState state : List.of(TargetState.PAUSED, TargetState.STOPPED)) {
            assertEquals(Optional.empty(),
                    generator.changedTaskConfigs("c", snapshot(connector(), state, STORED, connector())), state.name());
        }
        assertTrue(worker.taskConfigRequests.isEmpty());
    }

    @Test
    void nothingToStoreWhenTasksAndConnectorConfigAreUnchanged() {
        worker.running.add("c");
        worker.taskConfigs = (name, config) -> STORED;

        assertEquals(Optional.empty(),
                generator.changedTaskConfigs("c", snapshot(connector(), TargetState.STARTED, STORED, connector())));
        assertEquals(1, worker.taskConfigRequests.size());
        assertEquals(2, worker.taskConfigRequests.get(0).tasksMax(), "the connector config is passed parsed");
    }

    @Test
    void changedTaskConfigsAreReturned() {
        worker.running.add("c");
        List<Map<String, String>> generated = List.of(Map.of("task.class", "org.example.SomeTask", "index", "9"));
        worker.taskConfigs = (name, config) -> generated;

        assertEquals(Optional.of(generated),
                generator.changedTaskConfigs("c", snapshot(connector(), TargetState.STARTED, STORED, connector())));
    }

    @Test
    void taskOrderMatters() {
        worker.running.add("c");
        worker.taskConfigs = (name, config) -> List.of(STORED.get(1), STORED.get(0));

        assertTrue(generator.changedTaskConfigs("c",
                snapshot(connector(), TargetState.STARTED, STORED, connector())).isPresent());
    }

    @Test
    void changedConnectorConfigReplacesEvenIdenticalTaskConfigs() {
        worker.running.add("c");
        worker.taskConfigs = (name, config) -> STORED;
        Map<String, String> applied = connector("topics", "old");

        assertEquals(Optional.of(STORED), generator.changedTaskConfigs("c",
                snapshot(connector("topics", "new"), TargetState.STARTED, STORED, applied)));
    }

    @Test
    void firstTaskConfigsOfANewConnectorAreStored() {
        worker.running.add("c");
        worker.taskConfigs = (name, config) -> List.of();

        // No tasks and no applied config yet: even an empty task set must be written once.
        assertEquals(Optional.of(List.of()),
                generator.changedTaskConfigs("c", snapshot(connector(), TargetState.STARTED, List.of(), null)));
    }

    @Test
    void variablesArePutBackIntoGeneratedConfigs() {
        worker.running.add("c");
        Map<String, String> raw = connector("password", "${vault:db:password}");
        WorkerConfigTransformer transformer = new WorkerConfigTransformer(
                Map.of("vault", new TaskLauncherTest.VaultProvider()), (conn, path, ttl) -> { });
        ClusterConfigState snapshot = snapshot(raw, TargetState.STARTED, STORED, raw)
                .withConfigTransformer(transformer);
        // The connector sees the resolved secret and copies it into its task configs.
        worker.taskConfigs = (name, config) -> List.of(Map.of("task.class", "org.example.SomeTask",
                "password", config.originalsStrings().get("password")));

        Optional<List<Map<String, String>>> changed = generator.changedTaskConfigs("c", snapshot);

        assertEquals("s3cr3t", worker.taskConfigRequests.get(0).originalsStrings().get("password"));
        assertEquals(Optional.of(List.of(Map.of("task.class", "org.example.SomeTask",
                "password", "${vault:db:password}"))), changed, "the secret is not stored resolved");
    }

    @Test
    void generationFailuresPropagate() {
        worker.running.add("c");
        TooManyTasksException tooMany = new TooManyTasksException("c", 3, 2);
        worker.taskConfigs = (name, config) -> {
            throw tooMany;
        };

        assertSame(tooMany, assertThrows(TooManyTasksException.class, () -> generator.changedTaskConfigs("c",
                snapshot(connector(), TargetState.STARTED, STORED, connector()))));
    }
}
