package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.connect.runtime.StubWorker.TaskStart;
import org.apache.kafka.connect.runtime.distributed.ClusterConfigState;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorType;
import org.apache.kafka.connect.util.ConnectorTaskId;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Starting one task from a snapshot: sink or source, target state, resolved configs and the tasks.max check. */
class TaskLauncherTest {

    private static final ConnectorTaskId TASK_0 = new ConnectorTaskId("c", 0);

    private final StubWorker worker = new StubWorker();
    private final RecordingStatusListener listener = new RecordingStatusListener();
    private final TaskLauncher launcher = new TaskLauncher(worker, listener,
            config -> "sink".equals(config.get("kind")) ? ConnectorType.SINK : ConnectorType.SOURCE);

    @AfterEach
    void stopWorker() {
        worker.stop();
    }

    private static Map<String, String> connector(String kind, String... keysAndValues) {
        Map<String, String> config = new HashMap<>();
        config.put("name", "c");
        config.put("connector.class", "org.example.SomeConnector");
        config.put("kind", kind);
        config.put("tasks.max", "2");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return config;
    }

    private static List<Map<String, String>> tasks(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> Map.of("task.class", "org.example.SomeTask", "index", Integer.toString(i)))
                .toList();
    }

    private static ClusterConfigState snapshot(Map<String, String> connConfig, TargetState state, int taskCount) {
        return new ClusterConfigState.Builder().connector("c", connConfig, state, tasks(taskCount), connConfig).build();
    }

    @Test
    void sinkConnectorsTasksStartAsSinkTasksInTheTargetState() {
        Map<String, String> connConfig = connector("sink");

        assertTrue(launcher.start(snapshot(connConfig, TargetState.PAUSED, 2), new ConnectorTaskId("c", 1)));

        assertEquals(1, worker.taskStarts.size());
        TaskStart start = worker.taskStarts.get(0);
        assertEquals("sink", start.kind());
        assertEquals(new ConnectorTaskId("c", 1), start.id());
        assertEquals(connConfig, start.connProps());
        assertEquals(tasks(2).get(1), start.taskProps());
        assertSame(listener, start.listener());
        assertEquals(TargetState.PAUSED, start.initialState());
    }

    @Test
    void otherConnectorsTasksStartAsSourceTasks() {
        assertTrue(launcher.start(snapshot(connector("source"), TargetState.STARTED, 1), TASK_0));

        TaskStart start = worker.taskStarts.get(0);
        assertEquals("source", start.kind());
        assertEquals(TargetState.STARTED, start.initialState());
    }

    @Test
    void theWorkersAnswerIsReturned() {
        worker.startSucceeds = false;
        assertFalse(launcher.start(snapshot(connector("sink"), TargetState.STARTED, 1), TASK_0));
        assertEquals(1, worker.taskStarts.size());
    }

    @Test
    void configsArePassedResolved() {
        Map<String, String> connConfig = connector("sink", "password", "${vault:db:password}");
        Map<String, String> taskConfig = Map.of("task.class", "org.example.SomeTask",
                "password", "${vault:db:password}");
        WorkerConfigTransformer transformer = new WorkerConfigTransformer(Map.of("vault", new VaultProvider()),
                (conn, path, ttl) -> { });
        ClusterConfigState snapshot = new ClusterConfigState.Builder()
                .connector("c", connConfig, TargetState.STARTED, List.of(taskConfig), connConfig)
                .build()
                .withConfigTransformer(transformer);

        assertTrue(launcher.start(snapshot, TASK_0));

        TaskStart start = worker.taskStarts.get(0);
        assertEquals("s3cr3t", start.connProps().get("password"));
        assertEquals("s3cr3t", start.taskProps().get("password"));
    }

    @Test
    void moreTasksThanTasksMaxFailTheTaskWhenEnforced() {
        Map<String, String> connConfig = connector("sink", "tasks.max", "2");

        assertFalse(launcher.start(snapshot(connConfig, TargetState.STARTED, 3), TASK_0));

        assertTrue(worker.taskStarts.isEmpty(), "the task is not created");
        assertEquals(List.of("failure:c-0"), listener.events);
        TooManyTasksException failure = assertInstanceOf(TooManyTasksException.class, listener.failures.get(0));
        assertTrue(failure.getMessage().contains("c"), failure.getMessage());
    }

    @Test
    void moreTasksThanTasksMaxStartWhenNotEnforced() {
        Map<String, String> connConfig = connector("sink", "tasks.max", "1", "tasks.max.enforce", "false");

        assertTrue(launcher.start(snapshot(connConfig, TargetState.STARTED, 3), new ConnectorTaskId("c", 2)));

        assertEquals(1, worker.taskStarts.size());
        assertTrue(listener.events.isEmpty());
    }

    @Test
    void exactlyTasksMaxTasksStart() {
        assertTrue(launcher.start(snapshot(connector("source"), TargetState.STARTED, 2), TASK_0));
        assertEquals(1, worker.taskStarts.size());
        assertTrue(listener.events.isEmpty());
    }

    @Test
    void unparsableConnectorConfigIsLeftToTheWorkerToFail() {
        Map<String, String> connConfig = connector("sink", "tasks.max", "not-a-number");

        launcher.start(snapshot(connConfig, TargetState.STARTED, 1), TASK_0);

        assertEquals(1, worker.taskStarts.size(), "the worker reports the parse error as the task's failure");
        assertTrue(listener.events.isEmpty());
    }

    /** Resolves {@code ${vault:db:password}}. */
    static final class VaultProvider implements ConfigProvider {
        @Override
        public void configure(Map<String, ?> configs) {
        }

        @Override
        public ConfigData get(String path) {
            return new ConfigData(Map.of("password", "s3cr3t"));
        }

        @Override
        public ConfigData get(String path, Set<String> keys) {
            return get(path);
        }

        @Override
        public void close() {
        }
    }
}
