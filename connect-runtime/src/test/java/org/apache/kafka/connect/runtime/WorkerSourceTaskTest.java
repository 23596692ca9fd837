package org.apache.kafka.connect.runtime;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.runtime.SourceTaskTestKit.ControlledProducer;
import org.apache.kafka.connect.runtime.SourceTaskTestKit.FakeAdmin;
import org.apache.kafka.connect.runtime.SourceTaskTestKit.FlakyOffsetStore;
import org.apache.kafka.connect.runtime.SourceTaskTestKit.RecordingTaskListener;
import org.apache.kafka.connect.runtime.SourceTaskTestKit.ScriptedSourceTask;
import org.apache.kafka.connect.runtime.SourceTaskTestKit.TopicStatusStore;
import org.apache.kafka.connect.runtime.errors.ErrorHandlingMetrics;
import org.apache.kafka.connect.runtime.errors.LogReporter;
import org.apache.kafka.connect.runtime.errors.RetryWithToleranceOperator;
import org.apache.kafka.connect.runtime.errors.ToleranceType;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.OffsetStorageReaderImpl;
import org.apache.kafka.connect.storage.OffsetStorageWriter;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;
import org.apache.kafka.connect.storage.StatusBackingStore;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.apache.kafka.connect.util.TopicCreationGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.apache.kafka.connect.runtime.SourceTaskTestKit.waitFor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerSourceTaskTest {

    private static final ConnectorTaskId ID = new ConnectorTaskId("source-test", 0);
    private static final String TOPIC = "events";
    private static final Map<String, Object> PARTITION = Map.of("file", "a.txt");
    private static final Map<String, Object> OTHER_PARTITION = Map.of("file", "b.txt");

    private final ScriptedSourceTask sourceTask = new ScriptedSourceTask();
    private final ControlledProducer producer = new ControlledProducer();
    private final RecordingTaskListener listener = new RecordingTaskListener();
    private final FlakyOffsetStore offsetStore = new FlakyOffsetStore();
    private final ExecutorService taskThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "task-thread-test"));
    private final Metrics metrics = new Metrics();

    // Settings of the task under test; tests change them before calling start().
    private ToleranceType tolerance = ToleranceType.NONE;
    private final List<Transformation<SourceRecord>> transformations = new ArrayList<>();
    private StringConverter valueConverter = new StringConverter();
    private StatusBackingStore statusStore;
    private Admin admin;
    private Map<String, TopicCreationGroup> topicGroups;
    private TargetState initialState = TargetState.STARTED;
    /** The converters of the task; null for string converters with {@link #valueConverter} for values. */
    private TaskConverters converters;

    private WorkerSourceTask workerTask;

    @BeforeEach
    void startOffsetStore() {
        offsetStore.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (workerTask != null) {
            workerTask.stop();
            workerTask.awaitStop(10_000);
        }
        taskThread.shutdownNow();
        offsetStore.stop();
        metrics.close();
    }

    @Test
    void recordsFlowThroughTheChainAndTheConverters() throws Exception {
        transformations.add(upperCaseValues());
        start();
        SourceRecord original = record(PARTITION, 1, "hello");
        original.headers().addString("origin", "unit-test");
        sourceTask.willReturn(original);

        waitFor(() -> producer.sentCount() == 1, "the record is sent");
        ProducerRecord<byte[], byte[]> sent = producer.sent().get(0);
        assertEquals(TOPIC, sent.topic());
        assertEquals(3, sent.partition());
        assertEquals(1_700_000_000_000L, sent.timestamp());
        assertArrayEquals(bytes("key-1"), sent.key());
        assertArrayEquals(bytes("HELLO"), sent.value());
        assertArrayEquals(bytes("unit-test"), sent.headers().lastHeader("origin").value());

        producer.ack(0);
        waitFor(() -> sourceTask.committedRecords.size() == 1, "the record is committed");
        assertSame(original, sourceTask.committedRecords.get(0), "commitRecord receives the record as polled");
        assertNotNull(sourceTask.committedMetadata.get(0));
        assertEquals(List.of("startup"), listener.events);
        assertEquals(Map.of("task.class", "ScriptedSourceTask"), sourceTask.startedWith);
        assertNull(sourceTask.initializedWith.transactionContext());
        assertEquals(sourceTask.startedWith, sourceTask.initializedWith.configs());
    }

    @Test
    void recordsWithoutTimestampOrMinusOneAreSentWithoutTimestamp() throws Exception {
        start();
        sourceTask.willReturn(new SourceRecord(PARTITION, offset(1), TOPIC, null, null, null, null, "a", null),
                new SourceRecord(PARTITION, offset(2), TOPIC, null, null, null, null, "b", -1L));
        waitFor(() -> producer.sentCount() == 2, "the records are sent");
        assertNull(producer.sent().get(0).timestamp());
        assertNull(producer.sent().get(1).timestamp());
    }

    @Test
    void aNegativeTimestampFailsTheTask() throws Exception {
        start();
        sourceTask.willReturn(new SourceRecord(PARTITION, offset(1), TOPIC, null, null, null, null, "a", -5L));
        waitFor(() -> listener.failure != null, "the task fails");
        assertTrue(listener.failure.getMessage().contains("Invalid record timestamp -5"), listener.failure::toString);
        assertEquals(0, producer.sentCount());
    }

    @Test
    void stoppingCommitsOffsetsStopsTheTaskOnItsThreadAndClosesTheProducer() throws Exception {
        start();
        sourceTask.willReturn(record(PARTITION, 1, "a"), record(PARTITION, 2, "b"));
        waitFor(() -> producer.sentCount() == 2, "the records are sent");
        producer.ack(0);
        producer.ack(1);

        stopAndAwait();
        assertEquals(offset(2), committedOffset(PARTITION));
        assertTrue(sourceTask.commits.get() >= 1, "task.commit() follows the offset commit");
        assertNotNull(sourceTask.stoppedOn);
        assertEquals("task-thread-test", sourceTask.stoppedOn.getName());
        assertTrue(producer.closed());
        assertEquals(List.of("startup", "shutdown"), listener.events);
    }

    @Test
    void theFinalCommitWaitsForRecordsInFlight() throws Exception {
        start();
        sourceTask.willReturn(record(PARTITION, 1, "a"));
        waitFor(() -> producer.sentCount() == 1, "the record is sent");

        workerTask.stop();
        Thread.sleep(50);
        assertFalse(workerTask.awaitStop(0), "the task waits for its record");
        producer.ack(0);
        assertTrue(workerTask.awaitStop(10_000));
        assertEquals(offset(1), committedOffset(PARTITION));
    }

    @Test
    void filteredRecordsAreCommittedWithoutMetadataAndTheirOffsetsGoWithTheNextRecord() throws Exception {
        transformations.add(dropValue("skip-me"));
        start();
        SourceRecord filtered = record(PARTITION, 2, "skip-me");
        sourceTask.willReturn(record(PARTITION, 1, "a"), filtered, record(PARTITION, 3, "c"));
        waitFor(() -> sourceTask.committedRecords.contains(filtered), "the filtered record is committed");
        int index = sourceTask.committedRecords.indexOf(filtered);
        assertNull(sourceTask.committedMetadata.get(index));
        assertEquals(2, producer.sentCount());

        producer.ack(0);
        producer.ack(1);
        assertTrue(workerTask.commitOffsets());
        assertEquals(offset(3), committedOffset(PARTITION));
    }

    @Test
    void aBatchOfOnlyFilteredRecordsCommitsNoOffset() throws Exception {
        transformations.add(dropValue("skip-me"));
        start();
        sourceTask.willReturn(record(PARTITION, 1, "skip-me"));
        waitFor(() -> sourceTask.committedRecords.size() == 1, "the filtered record is committed");
        assertTrue(workerTask.commitOffsets());
        assertNull(committedOffset(PARTITION));
        assertEquals(0, producer.sentCount());
    }

    @Test
    void outOfOrderAcksCommitOnlyTheAcknowledgedPrefixOfEachPartition() throws Exception {
        start();
        sourceTask.willReturn(record(PARTITION, 1, "a"), record(PARTITION, 2, "b"), record(OTHER_PARTITION, 1, "x"),
                record(PARTITION, 3, "c"));
        waitFor(() -> producer.sentCount() == 4, "the records are sent");

        producer.ack(3);
        producer.ack(1);
        producer.ack(2);
        assertTrue(workerTask.commitOffsets());
        assertNull(committedOffset(PARTITION));
        assertEquals(offset(1), committedOffset(OTHER_PARTITION));

        producer.ack(0);
        assertTrue(workerTask.commitOffsets());
        assertEquals(offset(3), committedOffset(PARTITION));
    }

    @Test
    void commitsAreCalledOnTheTaskEvenWithoutNewOffsets() {
        start();
        int before = sourceTask.commits.get();
        assertTrue(workerTask.commitOffsets());
        assertEquals(before + 1, sourceTask.commits.get());
    }

    @Test
    void offsetsOfAFailedFlushAreCommittedByTheNextOne() throws Exception {
        start();
        sourceTask.willReturn(record(PARTITION, 1, "a"));
        waitFor(() -> producer.sentCount() == 1, "the record is sent");
        producer.ack(0);

        offsetStore.failNextWrites(1);
        int commitsBefore = sourceTask.commits.get();
        assertFalse(workerTask.commitOffsets());
        assertEquals(commitsBefore, sourceTask.commits.get(), "no task.commit() after a failed flush");
        assertNull(committedOffset(PARTITION));

        assertTrue(workerTask.commitOffsets());
        assertEquals(offset(1), committedOffset(PARTITION));
    }

    @Test
    void aFailedSendFailsTheTaskWhenErrorsAreNotTolerated() throws Exception {
        start();
        sourceTask.willReturn(record(PARTITION, 1, "a"), record(OTHER_PARTITION, 1, "b"));
        waitFor(() -> producer.sentCount() == 2, "the records are sent");
        producer.ack(0);
        producer.fail(1, new KafkaException("broker said no"));

        waitFor(() -> listener.failure != null, "the task fails");
        assertEquals("Unrecoverable exception from producer send callback", listener.failure.getMessage());
        assertEquals("broker said no", listener.failure.getCause().getMessage());
        assertTrue(workerTask.awaitStop(10_000));
        // The final commit still records what was written.
        assertEquals(offset(1), committedOffset(PARTITION));
        assertNull(committedOffset(OTHER_PARTITION));
        assertTrue(producer.closed());
    }

    @Test
    void aFailedSendIsReportedAndSkippedWhenErrorsAreTolerated() throws Exception {
        tolerance = ToleranceType.ALL;
        start();
        SourceRecord lost = record(PARTITION, 1, "a");
        sourceTask.willReturn(lost, record(PARTITION, 2, "b"));
        waitFor(() -> producer.sentCount() == 2, "the records are sent");
        producer.fail(0, new KafkaException("broker said no"));
        producer.ack(1);

        waitFor(() -> sourceTask.committedRecords.size() == 2, "both records are committed");
        assertSame(lost, sourceTask.committedRecords.get(0));
        assertNull(sourceTask.committedMetadata.get(0));
        assertTrue(workerTask.commitOffsets());
        assertEquals(offset(2), committedOffset(PARTITION));

        sourceTask.willReturn(record(PARTITION, 3, "c"));
        waitFor(() -> producer.sentCount() == 3, "the task keeps running");
        assertNull(listener.failure);
    }

    @Test
    void recordsTheProducerRefusesAreRetriedInOrderWithoutPollingAgain() throws Exception {
        producer.refuseNextSend(new TimeoutException("buffer full"));
        start();
        sourceTask.willReturn(record(PARTITION, 1, "a"), record(PARTITION, 2, "b"));
        sourceTask.willReturn(record(PARTITION, 3, "c"));

        waitFor(() -> producer.sentCount() == 3, "all records are sent");
        assertEquals(List.of("a", "b", "c"), sentValues());
        producer.ack(0);
        producer.ack(1);
        producer.ack(2);
        assertTrue(workerTask.commitOffsets());
        assertEquals(offset(3), committedOffset(PARTITION));
    }

    @Test
    void aNonRetriableProducerErrorFailsTheTask() throws Exception {
        producer.refuseNextSend(new KafkaException("serializer exploded"));
        start();
        sourceTask.willReturn(record(PARTITION, 1, "a"));
        waitFor(() -> listener.failure != null, "the task fails");
        assertEquals("Unrecoverable exception trying to send", listener.failure.getMessage());
    }

    @Test
    void aConversionFailureSkipsTheRecordWhenTolerated() throws Exception {
        tolerance = ToleranceType.ALL;
        valueConverter = rejecting("poison");
        start();
        SourceRecord poison = record(PARTITION, 1, "poison");
        sourceTask.willReturn(poison, record(PARTITION, 2, "fine"));
        waitFor(() -> producer.sentCount() == 1, "the good record is sent");
        assertEquals(List.of("fine"), sentValues());
        assertSame(poison, sourceTask.committedRecords.get(0));
        assertNull(sourceTask.committedMetadata.get(0));
        assertNull(listener.failure);
    }

    @Test
    void aConversionFailureFailsTheTaskWhenNotTolerated() throws Exception {
        valueConverter = rejecting("poison");
        start();
        sourceTask.willReturn(record(PARTITION, 1, "poison"));
        waitFor(() -> listener.failure != null, "the task fails");
        assertEquals("Tolerance exceeded in error handler", listener.failure.getMessage());
        assertInstanceOf(DataException.class, listener.failure.getCause());
        assertEquals(0, producer.sentCount());
    }

    @Test
    void aTransformationFailureSkipsTheRecordWhenTolerated() throws Exception {
        tolerance = ToleranceType.ALL;
        transformations.add(failOnValue("poison"));
        start();
        sourceTask.willReturn(record(PARTITION, 1, "poison"), record(PARTITION, 2, "fine"));
        waitFor(() -> producer.sentCount() == 1, "the good record is sent");
        assertEquals(List.of("fine"), sentValues());
        producer.ack(0);
        assertTrue(workerTask.commitOffsets());
        assertEquals(offset(2), committedOffset(PARTITION));
    }

    @Test
    void retriablePollFailuresAreIgnored() throws Exception {
        start();
        sourceTask.willThrow(new RetriableException("try later"));
        sourceTask.willThrow(new TimeoutException("try later too"));
        sourceTask.willReturn(record(PARTITION, 1, "a"));
        waitFor(() -> producer.sentCount() == 1, "the next batch is sent");
        assertNull(listener.failure);
    }

    @Test
    void otherPollFailuresFailTheTask() throws Exception {
        start();
        sourceTask.willThrow(new IllegalStateException("source gone"));
        waitFor(() -> listener.failure != null, "the task fails");
        assertEquals("source gone", listener.failure.getMessage());
        assertNotNull(sourceTask.stoppedOn, "a failed task is stopped too");
    }

    @Test
    void pausingStopsPollingAndResumingRestartsIt() throws Exception {
        start();
        waitFor(() -> sourceTask.polls.get() > 0, "the task polls");
        workerTask.transitionTo(TargetState.PAUSED);
        waitFor(() -> listener.events.contains("pause"), "the task pauses");
        int polls = sourceTask.polls.get();
        Thread.sleep(100);
        assertEquals(polls, sourceTask.polls.get(), "a paused task is not polled");

        sourceTask.willReturn(record(PARTITION, 1, "a"));
        workerTask.transitionTo(TargetState.STARTED);
        waitFor(() -> producer.sentCount() == 1, "the resumed task sends");
        assertEquals(List.of("startup", "pause", "resume"), listener.events);
    }

    @Test
    void aTaskStartingPausedIsStartedOnlyWhenResumed() throws Exception {
        initialState = TargetState.PAUSED;
        start();
        waitFor(() -> listener.events.contains("pause"), "the task reports PAUSED");
        assertNull(sourceTask.startedWith);
        workerTask.transitionTo(TargetState.STARTED);
        waitFor(() -> sourceTask.polls.get() > 0, "the task polls");
        assertEquals(List.of("pause", "startup"), listener.events);
    }

    @Test
    void cancellingClosesTheProducerAndSkipsTheFinalCommit() throws Exception {
        start();
        sourceTask.willReturn(record(PARTITION, 1, "a"));
        waitFor(() -> producer.sentCount() == 1, "the record is sent");
        workerTask.stop();
        workerTask.cancel();
        assertTrue(producer.closed());
        producer.ack(0);
        assertTrue(workerTask.awaitStop(10_000));
        assertNull(committedOffset(PARTITION));
        assertFalse(listener.events.contains("shutdown"), "a cancelled task writes no status");
    }

    @Test
    void eachTopicIsRecordedAsActiveOnceAfterItsFirstWrite() throws Exception {
        TopicStatusStore topics = new TopicStatusStore();
        topics.put(new TopicStatus("known", ID.connector(), 5, 1L));
        topics.puts.clear();
        statusStore = topics;
        start();
        sourceTask.willReturn(record(PARTITION, 1, "a"), record(PARTITION, 2, "b"),
                new SourceRecord(PARTITION, offset(3), "other", Schema.STRING_SCHEMA, "c"),
                new SourceRecord(PARTITION, offset(4), "known", Schema.STRING_SCHEMA, "d"));
        waitFor(() -> producer.sentCount() == 4, "the records are sent");
        assertTrue(topics.puts.isEmpty(), "topics are recorded only once written");

        for (int i = 0; i < 4; i++) {
            producer.ack(i);
        }
        List<String> recorded = topics.puts.stream().map(TopicStatus::topic).toList();
        assertEquals(List.of(TOPIC, "other"), recorded);
        TopicStatus status = topics.puts.get(0);
        assertEquals(ID.connector(), status.connector());
        assertEquals(ID.task(), status.task());
    }

    @Test
    void aMissingTopicIsCreatedBeforeTheFirstRecordIsSent() throws Exception {
        FakeAdmin fakeAdmin = new FakeAdmin();
        admin = fakeAdmin.admin();
        topicGroups = Map.of("default",
                new TopicCreationGroup("default", List.of(".*"), List.of(), 4, (short) 1, Map.of()));
        start();
        sourceTask.willReturn(record(PARTITION, 1, "a"), record(PARTITION, 2, "b"));
        waitFor(() -> producer.sentCount() == 2, "the records are sent");
        assertEquals(List.of(TOPIC), fakeAdmin.described);
        assertEquals(TOPIC, fakeAdmin.created.get(0).name());
        assertEquals(4, fakeAdmin.created.get(0).numPartitions());

        stopAndAwait();
        assertTrue(fakeAdmin.closed, "the task closes its admin client");
    }

    @Test
    void aTopicThatCannotBeCreatedFailsTheTask() throws Exception {
        FakeAdmin fakeAdmin = new FakeAdmin();
        fakeAdmin.createFailures.add(new TopicAuthorizationException("not allowed"));
        admin = fakeAdmin.admin();
        topicGroups = Map.of("default",
                new TopicCreationGroup("default", List.of(".*"), List.of(), 1, (short) 1, Map.of()));
        start();
        sourceTask.willReturn(record(PARTITION, 1, "a"));
        waitFor(() -> listener.failure != null, "the task fails");
        assertTrue(listener.failure.getMessage().startsWith("Task failed to create new topic events."),
                listener.failure::getMessage);
        assertEquals(0, producer.sentCount());
    }

    @Test
    void convertersRunWithTheirPluginLoaderAsContextLoader() throws Exception {
        ContextLoaderRecordingConverter key = new ContextLoaderRecordingConverter();
        ContextLoaderRecordingConverter value = new ContextLoaderRecordingConverter();
        ContextLoaderRecordingConverter header = new ContextLoaderRecordingConverter();
        try (URLClassLoader keyLoader = new URLClassLoader(new URL[0], getClass().getClassLoader());
             URLClassLoader valueLoader = new URLClassLoader(new URL[0], getClass().getClassLoader());
             URLClassLoader headerLoader = new URLClassLoader(new URL[0], getClass().getClassLoader())) {
            converters = new TaskConverters(new LoaderSwappingConverter(key, keyLoader),
                    new LoaderSwappingConverter(value, valueLoader),
                    new LoaderSwappingHeaderConverter(header, headerLoader));
            start();
            SourceRecord record = record(PARTITION, 1, "a");
            record.headers().addString("h", "hv");
            sourceTask.willReturn(record);
            waitFor(() -> producer.sentCount() == 1, "the record is sent");
            stopAndAwait();

            assertEquals(List.of("a"), sentValues());
            assertSame(keyLoader, key.fromConnectDataLoader);
            assertSame(valueLoader, value.fromConnectDataLoader);
            assertSame(headerLoader, header.fromConnectHeaderLoader);
            assertSame(valueLoader, value.closeLoader, "closed with its loader too");
        }
    }

    // --- helpers ---

    private void start() {
        Map<String, String> workerProps = new HashMap<>();
        workerProps.put("bootstrap.servers", "localhost:9092");
        workerProps.put("key.converter", StringConverter.class.getName());
        workerProps.put("value.converter", StringConverter.class.getName());
        workerProps.put("offset.storage.file.filename", "/tmp/unused-offsets");
        workerProps.put("offset.flush.timeout.ms", "500");
        WorkerConfig workerConfig = new StandaloneConfig(workerProps);

        ErrorHandlingMetrics errorMetrics = new ErrorHandlingMetrics(ID, metrics, Time.SYSTEM);
        RetryWithToleranceOperator<SourceRecord> operator = new RetryWithToleranceOperator<>(0, 60_000, tolerance,
                Time.SYSTEM, errorMetrics, List.of(LogReporter.forSource(ID, true, errorMetrics)));
        List<TransformationStage<SourceRecord>> stages = transformations.stream()
                .map(t -> new TransformationStage<>(t, getClass().getClassLoader()))
                .toList();
        StringConverter keyConverter = new StringConverter();
        keyConverter.configure(Map.of(), true);
        valueConverter.configure(Map.of(), false);
        SimpleHeaderConverter headerConverter = new SimpleHeaderConverter();
        headerConverter.configure(Map.of());

        workerTask = new WorkerSourceTask(ID, sourceTask, Map.of("task.class", "ScriptedSourceTask"), listener,
                initialState, workerConfig, null,
                converters != null ? converters : new TaskConverters(keyConverter, valueConverter, headerConverter),
                new TransformationChain<>(stages, operator), operator, producer, admin, topicGroups,
                new OffsetStorageReaderImpl(offsetStore, ID.connector()),
                new OffsetStorageWriter(offsetStore, ID.connector()), offsetStore, statusStore,
                getClass().getClassLoader(), Time.SYSTEM);
        taskThread.execute(workerTask);
    }

    private void stopAndAwait() {
        workerTask.stop();
        assertTrue(workerTask.awaitStop(10_000));
    }

    private Map<String, Object> committedOffset(Map<String, Object> partition) {
        OffsetStorageReaderImpl reader = new OffsetStorageReaderImpl(offsetStore, ID.connector());
        return reader.offset(partition);
    }

    private List<String> sentValues() {
        return producer.sent().stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    }

    private static SourceRecord record(Map<String, Object> partition, long position, String value) {
        return new SourceRecord(partition, offset(position), TOPIC, 3, Schema.STRING_SCHEMA, "key-" + position,
                Schema.STRING_SCHEMA, value, 1_700_000_000_000L);
    }

    private static Map<String, Object> offset(long position) {
        return Map.of("position", position);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static StringConverter rejecting(String badValue) {
        return new StringConverter() {
            @Override
            public byte[] fromConnectData(String topic, Schema schema, Object value) {
                if (badValue.equals(value)) {
                    throw new DataException("cannot convert " + value);
                }
                return super.fromConnectData(topic, schema, value);
            }
        };
    }

    private static Transformation<SourceRecord> upperCaseValues() {
        return new TestTransformation(r -> r.newRecord(r.topic(), r.kafkaPartition(), r.keySchema(), r.key(),
                r.valueSchema(), ((String) r.value()).toUpperCase(), r.timestamp(), r.headers()));
    }

    private static Transformation<SourceRecord> dropValue(String value) {
        return new TestTransformation(r -> value.equals(r.value()) ? null : r);
    }

    private static Transformation<SourceRecord> failOnValue(String value) {
        return new TestTransformation(r -> {
            if (value.equals(r.value())) {
                throw new DataException("cannot transform " + value);
            }
            return r;
        });
    }

    private record TestTransformation(java.util.function.UnaryOperator<SourceRecord> function)
            implements Transformation<SourceRecord> {

        @Override
        public SourceRecord apply(SourceRecord record) {
            return function.apply(record);
        }

        @Override
        public ConfigDef config() {
            return new ConfigDef();
        }

        @Override
        public void close() {
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }
    }
}
