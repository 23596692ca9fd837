package org.apache.kafka.connect.runtime;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerTest {

    private WorkerFixture fixture;
    private Worker worker;
    private RecordingStatusListener listener;
    private String connName;

    @BeforeEach
    void setUp() {
        fixture = new WorkerFixture();
        worker = fixture.worker;
        listener = fixture.listener;
        connName = "conn-" + UUID.randomUUID();
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private Map<String, String> sourceProps(String topic) {
        Map<String, String> props = new HashMap<>();
        props.put("name", connName);
        props.put("connector.class", WorkerTestPlugins.TestSourceConnector.class.getName());
        props.put("tasks.max", "1");
        props.put(WorkerTestPlugins.TOPIC, topic);
        return props;
    }

    private Map<String, String> sinkProps(String topic) {
        Map<String, String> props = new HashMap<>();
        props.put("name", connName);
        props.put("connector.class", WorkerTestPlugins.TestSinkConnector.class.getName());
        props.put("tasks.max", "1");
        props.put("topics", topic);
        return props;
    }

    @Test
    void connectorMovesThroughTargetStates() throws Exception {
        assertEquals(TargetState.STARTED, fixture.startConnector(connName, sourceProps("t"), TargetState.STARTED));
        listener.awaitEvent(connName, "startup");
        assertTrue(worker.isRunning(connName));
        assertFalse(worker.isSinkConnector(connName));
        assertEquals("1.2.3", worker.connectorVersion(connName));
        assertEquals(java.util.Set.of(connName), worker.connectorNames());

        assertEquals(TargetState.PAUSED, fixture.setTargetState(connName, TargetState.PAUSED));
        assertFalse(worker.isRunning(connName));
        assertEquals(TargetState.STARTED, fixture.setTargetState(connName, TargetState.STARTED));
        assertEquals(TargetState.STOPPED, fixture.setTargetState(connName, TargetState.STOPPED));
        assertEquals(TargetState.STARTED, fixture.setTargetState(connName, TargetState.STARTED));
        worker.stopAndAwaitConnector(connName);

        assertEquals(List.of("startup:" + connName, "pause:" + connName, "resume:" + connName, "stop:" + connName,
                "resume:" + connName, "shutdown:" + connName), listener.eventsFor(connName));
        assertEquals(List.of("start", "stop", "start", "stop", "start", "stop"),
                WorkerTestPlugins.events(connName));
        assertTrue(worker.connectorNames().isEmpty());
        assertNull(worker.connectorVersion(connName));
    }

    @Test
    void connectorCreatedPausedIsNotStarted() throws Exception {
        assertEquals(TargetState.PAUSED, fixture.startConnector(connName, sourceProps("t"), TargetState.PAUSED));
        assertEquals(List.of("pause:" + connName), listener.eventsFor(connName));
        assertTrue(WorkerTestPlugins.events(connName).isEmpty());
        assertFalse(worker.isRunning(connName));
    }

    @Test
    void secondConnectorWithSameNameIsRejected() throws Exception {
        fixture.startConnector(connName, sourceProps("t"), TargetState.STARTED);
        ExecutionException error = assertThrows(ExecutionException.class,
                () -> fixture.startConnector(connName, sourceProps("t"), TargetState.STARTED));
        assertEquals("Connector with name " + connName + " already exists", error.getCause().getMessage());
    }

    @Test
    void unknownConnectorClassFailsTheConnector() throws Exception {
        Map<String, String> props = sourceProps("t");
        props.put("connector.class", "com.example.NoSuchConnector");
        ExecutionException error = assertThrows(ExecutionException.class,
                () -> fixture.startConnector(connName, props, TargetState.STARTED));
        assertInstanceOf(ConnectException.class, error.getCause());
        assertEquals(List.of("failure:" + connName), listener.eventsFor(connName));
        assertTrue(worker.connectorNames().isEmpty());
    }

    @Test
    void raisedErrorFailsConnectorUntilStopped() throws Exception {
        fixture.startConnector(connName, sourceProps("t"), TargetState.STARTED);
        WorkerTestPlugins.TestSourceConnector.lastContext.raiseError(new RuntimeException("boom"));
        assertEquals(List.of("startup:" + connName, "failure:" + connName), listener.eventsFor(connName));
        assertEquals(List.of("error:" + connName), fixture.herderContextCalls);

        ExecutionException rejected = assertThrows(ExecutionException.class,
                () -> fixture.setTargetState(connName, TargetState.STARTED));
        assertTrue(rejected.getCause().getMessage().endsWith(
                "Cannot transition connector to STARTED since it has failed"), rejected.getCause().getMessage());
        assertEquals(TargetState.STOPPED, fixture.setTargetState(connName, TargetState.STOPPED));
        assertEquals("stop:" + connName, listener.eventsFor(connName).get(2));
        // The connector was failed from outside: its stop() is not called.
        assertEquals(List.of("start"), WorkerTestPlugins.events(connName));
    }

    @Test
    void contextRejectsRequestsAfterShutdown() throws Exception {
        fixture.startConnector(connName, sourceProps("t"), TargetState.STARTED);
        var context = WorkerTestPlugins.TestSourceConnector.lastContext;
        assertInstanceOf(org.apache.kafka.connect.source.SourceConnectorContext.class, context);
        context.requestTaskReconfiguration();
        assertEquals(List.of("reconfigure:" + connName), fixture.herderContextCalls);
        worker.stopAndAwaitConnector(connName);
        assertThrows(ConnectException.class, context::requestTaskReconfiguration);
        assertThrows(ConnectException.class, () -> context.raiseError(new RuntimeException("late")));
        assertEquals(1, fixture.herderContextCalls.size());
    }

    @Test
    void taskConfigsGetTaskClassAndTopics() throws Exception {
        Map<String, String> props = sinkProps("orders");
        props.put("tasks.max", "2");
        fixture.startConnector(connName, props, TargetState.STARTED);
        assertTrue(worker.isSinkConnector(connName));
        List<Map<String, String>> configs = worker.connectorTaskConfigs(connName,
                new SinkConnectorConfig(worker.getPlugins(), props));
        assertEquals(2, configs.size());
        for (Map<String, String> config : configs) {
            assertEquals(WorkerTestPlugins.TestSinkTask.class.getName(), config.get("task.class"));
            assertEquals("orders", config.get("topics"));
        }
    }

    @Test
    void tooManyTaskConfigsFailTheConnector() throws Exception {
        Map<String, String> props = sourceProps("t");
        props.put(WorkerTestPlugins.TASK_COUNT, "3");
        fixture.startConnector(connName, props, TargetState.STARTED);
        SourceConnectorConfig config = new SourceConnectorConfig(worker.getPlugins(), props, true);
        TooManyTasksException error = assertThrows(TooManyTasksException.class,
                () -> worker.connectorTaskConfigs(connName, config));
        assertTrue(error.getMessage().startsWith("The connector " + connName + " has generated 3 tasks, which is "
                + "greater than 1"), error.getMessage());
        assertEquals("failure:" + connName, listener.eventsFor(connName).get(1));

        props.put("tasks.max.enforce", "false");
        fixture.setTargetState(connName, TargetState.STOPPED);
        assertEquals(3, worker.connectorTaskConfigs(connName,
                new SourceConnectorConfig(worker.getPlugins(), props, true)).size());
    }

    @Test
    void sourceTaskProducesRecordsAndReportsStatus() throws Exception {
        String topic = "worker-test-" + connName;
        fixture.broker.createTopic(topic, 1);
        Map<String, String> props = sourceProps(topic);
        props.put(WorkerTestPlugins.RECORDS, "3");
        ConnectorTaskId id = new ConnectorTaskId(connName, 0);
        Map<String, String> taskProps = new HashMap<>(props);
        taskProps.put("task.class", WorkerTestPlugins.TestSourceTask.class.getName());

        assertTrue(worker.startSourceTask(id, props, taskProps, listener, TargetState.STARTED));
        listener.awaitEvent(id.toString(), "startup");
        assertEquals("4.5.6", worker.taskVersion(id));
        assertEquals(java.util.Set.of(id), worker.taskIds());
        assertThrows(ConnectException.class,
                () -> worker.startSourceTask(id, props, taskProps, listener, TargetState.STARTED));

        List<String> values = consumeValues(topic, 3);
        assertEquals(List.of("value-0", "value-1", "value-2"), values);

        worker.stopAndAwaitTask(id);
        assertEquals(List.of("startup:" + id, "shutdown:" + id), listener.eventsFor(id.toString()));
        assertTrue(worker.taskIds().isEmpty());
        assertNull(worker.taskVersion(id));
    }

    @Test
    void taskPausedAndResumedWithItsConnector() throws Exception {
        Map<String, String> props = sourceProps("paused-topic");
        ConnectorTaskId id = new ConnectorTaskId(connName, 0);
        Map<String, String> taskProps = new HashMap<>(props);
        taskProps.put("task.class", WorkerTestPlugins.TestSourceTask.class.getName());
        fixture.startConnector(connName, props, TargetState.PAUSED);
        assertTrue(worker.startSourceTask(id, props, taskProps, listener, TargetState.PAUSED));
        listener.awaitEvent(id.toString(), "pause");

        fixture.setTargetState(connName, TargetState.STARTED);
        listener.await(id.toString(), events -> events.size() >= 2);
        assertEquals(List.of("pause:" + id, "startup:" + id), listener.eventsFor(id.toString()));
        fixture.setTargetState(connName, TargetState.PAUSED);
        listener.await(id.toString(), events -> events.size() >= 3);
        assertEquals("pause:" + id, listener.eventsFor(id.toString()).get(2));
    }

    @Test
    void taskThatThrowsIsFailedWithTrace() throws Exception {
        Map<String, String> props = sourceProps("t");
        props.put(WorkerTestPlugins.TASK_MODE, "fail");
        ConnectorTaskId id = new ConnectorTaskId(connName, 0);
        Map<String, String> taskProps = new HashMap<>(props);
        taskProps.put("task.class", WorkerTestPlugins.TestSourceTask.class.getName());

        assertTrue(worker.startSourceTask(id, props, taskProps, listener, TargetState.STARTED));
        listener.awaitEvent(id.toString(), "failure");
        assertEquals(List.of("startup:" + id, "failure:" + id), listener.eventsFor(id.toString()));
        assertTrue(hasCauseWithMessage(listener.failures.get(0), "poll failed on purpose"));
        worker.stopAndAwaitTask(id);
        assertEquals(2, listener.eventsFor(id.toString()).size());
    }

    @Test
    void taskThatCannotBeCreatedIsFailed() throws Exception {
        Map<String, String> props = sourceProps("t");
        ConnectorTaskId id = new ConnectorTaskId(connName, 0);
        Map<String, String> taskProps = new HashMap<>(props);
        taskProps.put("task.class", "com.example.NoSuchTask");

        assertFalse(worker.startSourceTask(id, props, taskProps, listener, TargetState.STARTED));
        assertEquals(List.of("failure:" + id), listener.eventsFor(id.toString()));
        assertTrue(worker.taskIds().isEmpty());

        taskProps.put("task.class", WorkerTestPlugins.TestSinkTask.class.getName());
        assertFalse(worker.startSourceTask(id, props, taskProps, listener, TargetState.STARTED));
        assertEquals(2, listener.eventsFor(id.toString()).size());
    }

    @Test
    void taskBlockedInPollIsCancelledAfterGracefulTimeout() throws Exception {
        Map<String, String> props = sourceProps("t");
        props.put(WorkerTestPlugins.TASK_MODE, "block");
        ConnectorTaskId id = new ConnectorTaskId(connName, 0);
        Map<String, String> taskProps = new HashMap<>(props);
        taskProps.put("task.class", WorkerTestPlugins.TestSourceTask.class.getName());
        var release = WorkerFixture.blockTasksOf(connName);

        assertTrue(worker.startSourceTask(id, props, taskProps, listener, TargetState.STARTED));
        long deadline = System.currentTimeMillis() + 10_000;
        while (!WorkerTestPlugins.events(connName).contains("task-blocked") && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        long start = System.nanoTime();
        worker.stopAndAwaitTask(id);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMs >= WorkerFixture.TASK_SHUTDOWN_TIMEOUT_MS - 50, "returned after " + elapsedMs + " ms");
        assertTrue(elapsedMs < WorkerFixture.TASK_SHUTDOWN_TIMEOUT_MS + 3_000, "returned after " + elapsedMs + " ms");
        assertTrue(worker.taskIds().isEmpty());

        release.countDown();
        deadline = System.currentTimeMillis() + 10_000;
        while (!WorkerTestPlugins.events(connName).contains("task-stop") && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(WorkerTestPlugins.events(connName).contains("task-stop"));
        // Cancelled: the task's late exit writes no status.
        assertEquals(List.of("startup:" + id), listener.eventsFor(id.toString()));
    }

    @Test
    void sinkTaskConsumesRecords() throws Exception {
        String topic = "worker-sink-" + connName;
        fixture.broker.createTopic(topic, 1);
        produce(topic, List.of("a", "b"));
        Map<String, String> props = sinkProps(topic);
        ConnectorTaskId id = new ConnectorTaskId(connName, 0);
        Map<String, String> taskProps = new HashMap<>(props);
        taskProps.put("task.class", WorkerTestPlugins.TestSinkTask.class.getName());

        assertTrue(worker.startSinkTask(id, props, taskProps, listener, TargetState.STARTED));
        listener.awaitEvent(id.toString(), "startup");
        long deadline = System.currentTimeMillis() + 20_000;
        while (WorkerTestPlugins.RECEIVED.getOrDefault(connName, List.of()).size() < 2
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        List<Object> values = WorkerTestPlugins.RECEIVED.get(connName).stream().map(SinkRecord::value)
                .map(Object.class::cast).toList();
        assertEquals(List.of("a", "b"), values);
        worker.stopAndAwaitTask(id);
        assertEquals(List.of("startup:" + id, "shutdown:" + id), listener.eventsFor(id.toString()));
    }

    @Test
    void sinkTaskWithoutTopicsIsFailed() throws Exception {
        Map<String, String> props = sinkProps("x");
        props.remove("topics");
        ConnectorTaskId id = new ConnectorTaskId(connName, 0);
        Map<String, String> taskProps = new HashMap<>(props);
        taskProps.put("task.class", WorkerTestPlugins.TestSinkTask.class.getName());
        assertFalse(worker.startSinkTask(id, props, taskProps, listener, TargetState.STARTED));
        assertEquals(List.of("failure:" + id), listener.eventsFor(id.toString()));
    }

    private static boolean hasCauseWithMessage(Throwable error, String message) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (message.equals(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    private void produce(String topic, List<String> values) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, fixture.broker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, 0, null, value)).get();
            }
        }
    }

    private List<String> consumeValues(String topic, int count) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, fixture.broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + connName,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 20_000;
            while (values.size() < count && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
