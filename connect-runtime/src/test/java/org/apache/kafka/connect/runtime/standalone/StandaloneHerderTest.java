package org.apache.kafka.connect.runtime.standalone;

import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.connector.policy.AllConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.errors.AlreadyExistsException;
import org.apache.kafka.connect.errors.NotFoundException;
import org.apache.kafka.connect.integration.EmbeddedKafkaBroker;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.RestartRequest;
import org.apache.kafka.connect.runtime.TargetState;
import org.apache.kafka.connect.runtime.TooManyTasksException;
import org.apache.kafka.connect.runtime.Worker;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorType;
import org.apache.kafka.connect.runtime.rest.entities.LoggerLevel;
import org.apache.kafka.connect.runtime.rest.entities.Message;
import org.apache.kafka.connect.runtime.rest.entities.TaskInfo;
import org.apache.kafka.connect.runtime.rest.errors.BadRequestException;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;
import org.apache.kafka.connect.storage.MemoryStatusBackingStore;
import org.apache.kafka.connect.util.Callback;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The standalone herder driving a real {@link Worker} against the shared test broker. */
class StandaloneHerderTest {

    /** Task starts per connector name, so a test can tell whether tasks were restarted. */
    static final Map<String, AtomicInteger> TASK_STARTS = new ConcurrentHashMap<>();

    private StandaloneHerder herder;

    @BeforeEach
    void startHerder() {
        Map<String, String> workerProps = new HashMap<>();
        workerProps.put("bootstrap.servers", EmbeddedKafkaBroker.shared().bootstrapServers());
        workerProps.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        workerProps.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        workerProps.put("offset.storage.file.filename", "/dev/null/unused");
        workerProps.put("plugin.discovery", "service_load");
        workerProps.put("task.shutdown.graceful.timeout.ms", "2000");
        Plugins plugins = new Plugins(workerProps);
        StandaloneConfig config = new StandaloneConfig(workerProps);
        MemoryStatusBackingStore statusStore = new MemoryStatusBackingStore();
        AllConnectorClientConfigOverridePolicy policy = new AllConnectorClientConfigOverridePolicy();
        Worker worker = new Worker("localhost:8083", Time.SYSTEM, plugins, config, new MemoryOffsetBackingStore(),
                policy, statusStore);
        herder = new StandaloneHerder(worker, "cluster-id", policy, statusStore);
        herder.start();
    }

    @AfterEach
    void stopHerder() {
        herder.stop();
    }

    private static Map<String, String> config(String name, int tasks) {
        Map<String, String> config = new HashMap<>();
        config.put("name", name);
        config.put("connector.class", IdleSinkConnector.class.getName());
        config.put("tasks.max", Integer.toString(tasks));
        config.put("topics", "h5-standalone-herder-test");
        return config;
    }

    private static <T> T await(java.util.function.Consumer<Callback<T>> operation) throws Exception {
        CompletableFuture<T> future = new CompletableFuture<>();
        operation.accept((error, result) -> {
            if (error != null) {
                future.completeExceptionally(error);
            } else {
                future.complete(result);
            }
        });
        return future.get(30, TimeUnit.SECONDS);
    }

    private static Throwable failure(java.util.function.Consumer<Callback<Object>> operation) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(operation));
        return e.getCause();
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        waitFor(() -> what, condition);
    }

    /** @param what described when the wait times out, so it can show the state at that moment */
    private static void waitFor(Supplier<String> what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("Timed out waiting for " + what.get());
            }
            Thread.sleep(20);
        }
    }

    private String states(String connName) {
        try {
            ConnectorStateInfo info = herder.connectorStatus(connName);
            StringBuilder states = new StringBuilder(info.connector().state());
            info.tasks().forEach(task -> states.append(' ').append(task.id()).append('=').append(task.state()));
            return states.toString();
        } catch (NotFoundException e) {
            return "none";
        }
    }

    private void awaitStates(String connName, String expected) throws InterruptedException {
        waitFor(() -> connName + " to be '" + expected + "' (is '" + states(connName) + "')",
                () -> states(connName).equals(expected));
    }

    private Herder.Created<ConnectorInfo> create(String name, int tasks, TargetState initialState) throws Exception {
        return await(cb -> herder.putConnectorConfig(name, config(name, tasks), initialState, false, cb));
    }

    @Test
    void createdConnectorRunsItsTasksAndDuplicatesAreRejected() throws Exception {
        Herder.Created<ConnectorInfo> created = create("create", 2, null);
        assertTrue(created.created());
        assertEquals(ConnectorType.SINK, created.result().type());
        awaitStates("create", "RUNNING 0=RUNNING 1=RUNNING");

        ConnectorInfo info = await(cb -> herder.connectorInfo("create", cb));
        assertEquals(List.of(new ConnectorTaskId("create", 0), new ConnectorTaskId("create", 1)), info.tasks());
        List<TaskInfo> tasks = await(cb -> herder.taskConfigs("create", cb));
        assertEquals(IdleSinkTask.class.getName(), tasks.get(0).config().get("task.class"));
        assertEquals("localhost:8083", herder.connectorStatus("create").connector().workerId());

        Throwable duplicate = failure(cb -> herder.putConnectorConfig("create", config("create", 1), null, false,
                (e, r) -> cb.onCompletion(e, r)));
        assertInstanceOf(AlreadyExistsException.class, duplicate);
        assertEquals("Connector create already exists", duplicate.getMessage());
        assertTrue(herder.connectors().contains("create"));
    }

    @Test
    void invalidConfigsAreRejectedBeforeAnythingIsStored() {
        Map<String, String> noTopics = config("invalid", 1);
        noTopics.remove("topics");
        Throwable invalid = failure(cb -> herder.putConnectorConfig("invalid", noTopics, null, false,
                (e, r) -> cb.onCompletion(e, r)));
        assertInstanceOf(BadRequestException.class, invalid);
        assertTrue(invalid.getMessage().startsWith("Connector configuration is invalid and contains the following "),
                invalid.getMessage());
        assertTrue(invalid.getMessage().endsWith("\nYou can also find the above list of errors at the endpoint "
                + "`/connector-plugins/{connectorType}/config/validate`"), invalid.getMessage());

        Map<String, String> unknownClass = config("invalid", 1);
        unknownClass.put("connector.class", "NoSuchConnector");
        Throwable unknown = failure(cb -> herder.putConnectorConfig("invalid", unknownClass, null, false,
                (e, r) -> cb.onCompletion(e, r)));
        assertInstanceOf(BadRequestException.class, unknown);
        assertFalse(herder.connectors().contains("invalid"));
    }

    @Test
    void tasksAreReplacedOnlyWhenTheirConfigsChange() throws Exception {
        create("reconf", 1, null);
        awaitStates("reconf", "RUNNING 0=RUNNING");
        waitFor("first task start", () -> TASK_STARTS.get("reconf") != null && TASK_STARTS.get("reconf").get() == 1);

        herder.requestTaskReconfiguration("reconf");
        Thread.sleep(300);
        assertEquals(1, TASK_STARTS.get("reconf").get(), "unchanged task configs must not restart tasks");

        Herder.Created<ConnectorInfo> replaced = await(cb ->
                herder.putConnectorConfig("reconf", config("reconf", 3), null, true, cb));
        assertFalse(replaced.created());
        awaitStates("reconf", "RUNNING 0=RUNNING 1=RUNNING 2=RUNNING");

        Herder.Created<ConnectorInfo> patched = await(cb ->
                herder.patchConnectorConfig("reconf", Map.of("tasks.max", "1"), cb));
        assertEquals("1", patched.result().config().get("tasks.max"));
        awaitStates("reconf", "RUNNING 0=RUNNING");
    }

    @Test
    void configWritesAnswerOnceTheTasksAreGenerated() throws Exception {
        Herder.Created<ConnectorInfo> created = create("answer", 1, null);
        assertEquals(List.of(new ConnectorTaskId("answer", 0)), created.result().tasks());

        Herder.Created<ConnectorInfo> patched = await(cb ->
                herder.patchConnectorConfig("answer", Map.of("tasks.max", "2"), cb));
        assertFalse(patched.created());
        assertEquals(List.of(new ConnectorTaskId("answer", 0), new ConnectorTaskId("answer", 1)),
                patched.result().tasks());

        Herder.Created<ConnectorInfo> replaced = await(cb ->
                herder.putConnectorConfig("answer", config("answer", 1), null, true, cb));
        assertEquals(List.of(new ConnectorTaskId("answer", 0)), replaced.result().tasks());
        awaitStates("answer", "RUNNING 0=RUNNING");

        // A connector that asks for reconfiguration from start() (a connector thread) must not wedge the answer.
        Map<String, String> eager = config("eager", 2);
        eager.put(IdleSinkConnector.RECONFIGURE_ON_START, "true");
        Herder.Created<ConnectorInfo> eagerCreated = await(cb ->
                herder.putConnectorConfig("eager", eager, null, false, cb));
        assertEquals(2, eagerCreated.result().tasks().size());

        assertEquals(List.of(), create("answer-paused", 1, TargetState.PAUSED).result().tasks());
        assertEquals(List.of(), create("answer-stopped", 1, TargetState.STOPPED).result().tasks());
        awaitStates("answer-paused", "PAUSED");
        awaitStates("answer-stopped", "STOPPED");
    }

    @Test
    void storedTaskSetsLargerThanTasksMaxDoNotStartWhileEnforced() throws Exception {
        // Not enforced: the connector's extra task config only gets a warning, and both tasks run.
        Map<String, String> lax = config("enforce", 1);
        lax.put(IdleSinkConnector.EXTRA_TASKS, "1");
        lax.put("tasks.max.enforce", "false");
        Herder.Created<ConnectorInfo> created = await(cb -> herder.putConnectorConfig("enforce", lax, null, false, cb));
        assertEquals(2, created.result().tasks().size());
        awaitStates("enforce", "RUNNING 0=RUNNING 1=RUNNING");
        StandaloneHerderTest.<Void>await(cb -> herder.restartTask(new ConnectorTaskId("enforce", 1), cb));
        awaitStates("enforce", "RUNNING 0=RUNNING 1=RUNNING");

        // Enforced: regeneration fails the connector (and the config write) and keeps the two stored task configs,
        // which can then no longer be started.
        Map<String, String> strict = new HashMap<>(lax);
        strict.put("tasks.max.enforce", "true");
        Throwable rejected = failure(cb -> herder.putConnectorConfig("enforce", strict, null, true,
                (e, r) -> cb.onCompletion(e, r)));
        assertEquals("Failed to transition connector enforce to state STARTED", rejected.getMessage());
        assertInstanceOf(TooManyTasksException.class, rejected.getCause());
        assertEquals("FAILED", herder.connectorStatus("enforce").connector().state());
        // A plain restart regenerates the task configs before answering, so it fails the same way.
        Throwable restartFailure = failure(cb -> herder.restartConnector("enforce", (e, r) -> cb.onCompletion(e, r)));
        assertInstanceOf(TooManyTasksException.class, restartFailure.getCause());
        assertEquals(2, StandaloneHerderTest.<List<TaskInfo>>await(cb -> herder.taskConfigs("enforce", cb)).size());

        Throwable notStarted = failure(cb -> herder.restartTask(new ConnectorTaskId("enforce", 0),
                (e, r) -> cb.onCompletion(e, r)));
        assertEquals("Failed to start task: enforce-0", notStarted.getMessage());
        ConnectorStateInfo.TaskState task = herder.taskStatus(new ConnectorTaskId("enforce", 0));
        assertEquals("FAILED", task.state());
        assertTrue(task.trace().startsWith(TooManyTasksException.class.getName() + ": The connector enforce has "
                + "generated 2 tasks, which is greater than 1, the maximum number of tasks it is configured to "
                + "create."), task.trace());
        assertEquals("RUNNING", herder.taskStatus(new ConnectorTaskId("enforce", 1)).state());

        // A restart plan keeps the trace of the failure it restarts from, as Apache's does.
        ConnectorStateInfo plan = await(cb ->
                herder.restartConnectorAndTasks(new RestartRequest("enforce", true, true), cb));
        assertEquals("RESTARTING", plan.connector().state());
        assertTrue(plan.connector().trace().startsWith(TooManyTasksException.class.getName()));
        assertEquals(List.of("RESTARTING", "RUNNING"),
                plan.tasks().stream().map(ConnectorStateInfo.TaskState::state).toList());
        assertEquals(task.trace(), plan.tasks().get(0).trace());
    }

    @Test
    void pauseResumeAndStop() throws Exception {
        create("lifecycle", 1, null);
        awaitStates("lifecycle", "RUNNING 0=RUNNING");

        herder.pauseConnector("lifecycle");
        awaitStates("lifecycle", "PAUSED 0=PAUSED");
        herder.resumeConnector("lifecycle");
        awaitStates("lifecycle", "RUNNING 0=RUNNING");

        Throwable notStopped = failure(cb -> herder.resetConnectorOffsets("lifecycle",
                (e, r) -> cb.onCompletion(e, r)));
        assertInstanceOf(BadRequestException.class, notStopped);
        assertEquals("Connectors must be in the STOPPED state before their offsets can be modified. This can be "
                + "done for the specified connector by issuing a 'PUT' request to the '/connectors/lifecycle/stop' "
                + "endpoint", notStopped.getMessage());

        StandaloneHerderTest.<Void>await(cb -> herder.stopConnector("lifecycle", cb));
        awaitStates("lifecycle", "STOPPED");
        assertTrue(((List<?>) await(cb -> herder.taskConfigs("lifecycle", (e, r) -> cb.onCompletion(e, r))))
                .isEmpty());

        herder.resumeConnector("lifecycle");
        awaitStates("lifecycle", "RUNNING 0=RUNNING");

        assertThrows(NotFoundException.class, () -> herder.pauseConnector("absent"));
        assertInstanceOf(NotFoundException.class,
                failure(cb -> herder.stopConnector("absent", (e, r) -> cb.onCompletion(e, r))));
    }

    @Test
    void connectorCreatedStoppedNeverStartsTasksAndItsOffsetsCanBeReset() throws Exception {
        create("stopped", 2, TargetState.STOPPED);
        awaitStates("stopped", "STOPPED");
        Message reset = await(cb -> herder.resetConnectorOffsets("stopped", cb));
        assertTrue(reset.message().contains("reset"), reset.message());
    }

    @Test
    void restartPlanMarksWhatRestarts() throws Exception {
        create("restart", 2, null);
        awaitStates("restart", "RUNNING 0=RUNNING 1=RUNNING");

        ConnectorStateInfo plan = await(cb ->
                herder.restartConnectorAndTasks(new RestartRequest("restart", false, true), cb));
        assertEquals("RESTARTING", plan.connector().state());
        assertEquals(List.of("RESTARTING", "RESTARTING"),
                plan.tasks().stream().map(ConnectorStateInfo.TaskState::state).toList());
        awaitStates("restart", "RUNNING 0=RUNNING 1=RUNNING");

        ConnectorStateInfo onlyFailed = await(cb ->
                herder.restartConnectorAndTasks(new RestartRequest("restart", true, true), cb));
        assertEquals("RUNNING", onlyFailed.connector().state());

        StandaloneHerderTest.<Void>await(cb -> herder.restartTask(new ConnectorTaskId("restart", 1), cb));
        awaitStates("restart", "RUNNING 0=RUNNING 1=RUNNING");
        Throwable unknownTask = failure(cb -> herder.restartTask(new ConnectorTaskId("restart", 7),
                (e, r) -> cb.onCompletion(e, r)));
        assertEquals("Unknown task: restart-7", unknownTask.getMessage());
        Throwable unknownConnector = failure(cb -> herder.restartConnector("absent",
                (e, r) -> cb.onCompletion(e, r)));
        assertEquals("Unknown connector: absent", unknownConnector.getMessage());
    }

    @Test
    void deletionRemovesConfigAndStatuses() throws Exception {
        create("deleted", 2, null);
        awaitStates("deleted", "RUNNING 0=RUNNING 1=RUNNING");

        StandaloneHerderTest.<Herder.Created<ConnectorInfo>>await(cb -> herder.deleteConnectorConfig("deleted", cb));
        assertEquals("none", states("deleted"));
        assertThrows(NotFoundException.class, () -> herder.taskStatus(new ConnectorTaskId("deleted", 0)));
        Throwable gone = failure(cb -> herder.connectorInfo("deleted", (e, r) -> cb.onCompletion(e, r)));
        assertEquals("Connector deleted not found", gone.getMessage());
        assertInstanceOf(NotFoundException.class,
                failure(cb -> herder.deleteConnectorConfig("deleted", (e, r) -> cb.onCompletion(e, r))));
    }

    @Test
    void healthCheckCompletesOnlyOnceReady() throws Exception {
        CompletableFuture<Void> check = new CompletableFuture<>();
        herder.healthCheck((error, result) -> check.complete(null));
        Thread.sleep(200);
        assertFalse(check.isDone());
        assertFalse(herder.isReady());

        herder.ready();
        check.get(5, TimeUnit.SECONDS);
        assertTrue(herder.isReady());
        await(herder::healthCheck);
    }

    @Test
    void clusterLoggerLevelsApplyToThisWorker() {
        String namespace = "org.example.standalone.herder.cluster";
        herder.setClusterLoggerLevel(namespace, "trace");
        LoggerLevel level = herder.loggers().level(namespace);
        assertEquals("TRACE", level.level());
        assertNotNull(level.lastModified(), "changed through this worker's loggers, as the admin endpoints see them");
    }

    @Test
    void internalEndpointsOfDistributedWorkersAreUnsupported() {
        Throwable tasks = failure(cb -> herder.putTaskConfigs("any", List.of(Map.of("k", "v")),
                (e, r) -> cb.onCompletion(e, r), null));
        assertInstanceOf(UnsupportedOperationException.class, tasks);
        assertEquals("Kafka Connect in standalone mode does not support externally setting task configurations.",
                tasks.getMessage());
        Throwable fence = failure(cb -> herder.fenceZombieSourceTasks("any", (e, r) -> cb.onCompletion(e, r), null));
        assertInstanceOf(UnsupportedOperationException.class, fence);
    }

    /**
     * A sink connector whose tasks ignore what they get; counts task starts per connector. Its config may ask it to
     * generate more task configs than {@code tasks.max} or to request a reconfiguration from {@code start}.
     */
    public static class IdleSinkConnector extends SinkConnector {
        /** Connector config key: how many task configs to generate beyond {@code tasks.max}. */
        static final String EXTRA_TASKS = "test.extra.tasks";
        /** Connector config key: if true, start() requests a task reconfiguration. */
        static final String RECONFIGURE_ON_START = "test.reconfigure.on.start";

        private Map<String, String> props;

        @Override
        public void start(Map<String, String> props) {
            this.props = props;
            if (Boolean.parseBoolean(props.get(RECONFIGURE_ON_START))) {
                context().requestTaskReconfiguration();
            }
        }

        @Override
        public Class<? extends Task> taskClass() {
            return IdleSinkTask.class;
        }

        @Override
        public List<Map<String, String>> taskConfigs(int maxTasks) {
            List<Map<String, String>> configs = new ArrayList<>();
            int count = maxTasks + Integer.parseInt(props.getOrDefault(EXTRA_TASKS, "0"));
            for (int i = 0; i < count; i++) {
                configs.add(Map.of("connector", props.get("name"), "index", Integer.toString(i)));
            }
            return configs;
        }

        @Override
        public void stop() {
        }

        @Override
        public ConfigDef config() {
            return new ConfigDef();
        }

        @Override
        public String version() {
            return "1.0";
        }

        @Override
        public boolean alterOffsets(Map<String, String> config, Map<TopicPartition, Long> offsets) {
            return true;
        }
    }

    public static class IdleSinkTask extends SinkTask {
        @Override
        public void start(Map<String, String> props) {
            TASK_STARTS.computeIfAbsent(props.get("connector"), c -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        public void put(Collection<SinkRecord> records) {
        }

        @Override
        public void stop() {
        }

        @Override
        public String version() {
            return "1.0";
        }
    }
}
