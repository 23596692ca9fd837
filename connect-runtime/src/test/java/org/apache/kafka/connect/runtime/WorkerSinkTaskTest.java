package org.apache.kafka.connect.runtime;

import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.IllegalWorkerStateException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.runtime.errors.ErrorHandlingMetrics;
import org.apache.kafka.connect.runtime.errors.RetryWithToleranceOperator;
import org.apache.kafka.connect.runtime.errors.ToleranceType;
import org.apache.kafka.connect.runtime.errors.WorkerErrantRecordReporter;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;
import org.apache.kafka.connect.storage.StatusBackingStore;
import org.apache.kafka.connect.util.ConnectorTaskId;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerSinkTaskTest {

    private static final String TOPIC = "orders";
    private static final TopicPartition TP0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition TP1 = new TopicPartition(TOPIC, 1);
    private static final long INTERVAL_MS = 10_000L;
    private static final ConnectorTaskId ID = new ConnectorTaskId("sink", 0);

    private final Clock clock = new Clock();
    private final RecordingConsumer consumer = new RecordingConsumer();
    private final RecordingTask task = new RecordingTask();
    private final RecordingListener statusListener = new RecordingListener();
    private final List<TopicStatus> topicStatuses = new ArrayList<>();
    private final Metrics metrics = new Metrics();
    private WorkerSinkTask workerTask;
    /** The converters of the next task; null for UTF-8 string converters. */
    private TaskConverters converters;

    @AfterEach
    void closeMetrics() {
        metrics.close();
    }

    // ---- delivery and conversion ----

    @Test
    void deliversConvertedRecordsWithTheirCoordinatesAndHeaders() {
        start(ToleranceType.NONE, null);
        RecordHeaders headers = new RecordHeaders();
        headers.add("h", "hv".getBytes(StandardCharsets.UTF_8));
        consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 0L, 1234L, TimestampType.CREATE_TIME, 1, 1,
                bytes("k"), bytes("v"), headers, Optional.empty()));

        workerTask.iteration();

        assertEquals(1, task.puts.size());
        SinkRecord record = task.puts.get(0).get(0);
        assertInstanceOf(InternalSinkRecord.class, record);
        assertEquals(TOPIC, record.topic());
        assertEquals(0, record.kafkaPartition());
        assertEquals(0L, record.kafkaOffset());
        assertEquals("k", record.key());
        assertEquals("v", record.value());
        assertEquals(Schema.OPTIONAL_STRING_SCHEMA, record.valueSchema());
        assertEquals(1234L, record.timestamp());
        assertEquals(TimestampType.CREATE_TIME, record.timestampType());
        assertEquals("hv", record.headers().lastWithName("h").value());
        assertEquals(1, topicStatuses.size());
        assertEquals(new TopicStatus(TOPIC, "sink", 0, clock.milliseconds()), topicStatuses.get(0));
    }

    @Test
    void putIsCalledWithAnEmptyBatchWhenNothingWasPolled() {
        start(ToleranceType.NONE, null);
        workerTask.iteration();
        assertEquals(List.of(List.of()), task.puts);
    }

    @Test
    void topicIsTrackedOnlyOnce() {
        start(ToleranceType.NONE, null);
        addRecords(TP0, 0, 3);
        workerTask.iteration();
        addRecords(TP0, 3, 1);
        workerTask.iteration();
        assertEquals(1, topicStatuses.size());
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
            start(ToleranceType.NONE, null);
            RecordHeaders headers = new RecordHeaders();
            headers.add("h", bytes("hv"));
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 0L, 1234L, TimestampType.CREATE_TIME, 1, 1,
                    bytes("k"), bytes("v"), headers, Optional.empty()));
            ClassLoader before = Thread.currentThread().getContextClassLoader();

            workerTask.iteration();

            assertEquals("v", task.puts.get(0).get(0).value());
            assertSame(keyLoader, key.toConnectDataLoader);
            assertSame(valueLoader, value.toConnectDataLoader);
            assertSame(headerLoader, header.toConnectHeaderLoader);
            assertSame(before, Thread.currentThread().getContextClassLoader());
        }
    }

    // ---- offsets ----

    @Test
    void commitsOffsetsOfPutRecordsWhenTheIntervalIsUp() {
        start(ToleranceType.NONE, null);
        addRecords(TP0, 0, 3);
        addRecords(TP1, 0, 2);
        workerTask.iteration();
        assertTrue(consumer.committed(Set.of(TP0, TP1)).isEmpty(), "nothing committed before the interval");

        clock.advance(INTERVAL_MS);
        workerTask.iteration();

        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.of(TP0, TP1));
        assertEquals(3L, committed.get(TP0).offset());
        assertEquals(2L, committed.get(TP1).offset());
        assertEquals(1, task.preCommits.size());
        assertEquals(Map.of(TP0, new OffsetAndMetadata(3L), TP1, new OffsetAndMetadata(2L)), task.preCommits.get(0));
    }

    @Test
    void commitsTheOffsetsThatPreCommitReturnsButNeverBeyondWhatWasConsumed() {
        task.preCommit = offsets -> Map.of(
                TP0, new OffsetAndMetadata(1L),                        // behind: accepted
                TP1, new OffsetAndMetadata(50L),                       // beyond consumption: ignored
                new TopicPartition("other", 0), new OffsetAndMetadata(1L)); // not assigned: ignored
        start(ToleranceType.NONE, null);
        addRecords(TP0, 0, 3);
        addRecords(TP1, 0, 2);
        workerTask.iteration();
        clock.advance(INTERVAL_MS);
        workerTask.iteration();

        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.of(TP0, TP1));
        assertEquals(Map.of(TP0, new OffsetAndMetadata(1L)), committed);
    }

    @Test
    void preCommitReturningNothingSkipsTheCommit() {
        task.preCommit = offsets -> Map.of();
        start(ToleranceType.NONE, null);
        addRecords(TP0, 0, 3);
        workerTask.iteration();
        clock.advance(INTERVAL_MS);
        workerTask.iteration();
        assertEquals(1, task.preCommits.size());
        assertTrue(consumer.committed(Set.of(TP0)).isEmpty());
    }

    @Test
    void failingPreCommitRewindsToTheLastCommittedOffsets() {
        start(ToleranceType.NONE, null);
        addRecords(TP0, 0, 3);
        workerTask.iteration();
        task.preCommit = offsets -> {
            throw new IllegalStateException("flush failed");
        };
        clock.advance(INTERVAL_MS);
        workerTask.iteration();

        assertTrue(consumer.committed(Set.of(TP0)).isEmpty());
        assertEquals(0L, consumer.position(TP0), "rewound to the position at assignment");
        assertEquals(1, workerTask.consecutiveCommitFailures());
    }

    @Test
    void requestCommitCommitsBeforeTheInterval() {
        start(ToleranceType.NONE, null);
        addRecords(TP0, 0, 2);
        workerTask.iteration();
        workerTask.context().requestCommit();
        workerTask.iteration();
        assertEquals(2L, consumer.committed(Set.of(TP0)).get(TP0).offset());
    }

    @Test
    void contextOffsetRewindsThePartition() {
        start(ToleranceType.NONE, null);
        addRecords(TP0, 0, 5);
        workerTask.iteration();
        task.context().offset(TP0, 2L);
        workerTask.iteration();
        assertEquals(2L, consumer.position(TP0));
        task.context().requestCommit();
        workerTask.iteration();
        assertEquals(2L, consumer.committed(Set.of(TP0)).get(TP0).offset());
    }

    // ---- put failures ----

    @Test
    void retriableExceptionPausesAndRedeliversTheSameBatch() {
        start(ToleranceType.NONE, null);
        addRecords(TP0, 0, 2);
        task.putFailures.add(() -> {
            task.context().timeout(500L);
            throw new RetriableException("try again");
        });
        workerTask.iteration();
        assertEquals(Set.of(TP0, TP1), consumer.paused(), "all partitions paused for redelivery");

        addRecords(TP0, 2, 1); // not polled while paused
        workerTask.iteration();

        assertEquals(Duration.ofMillis(500L), consumer.lastPollTimeout(), "context timeout bounds the wait");
        assertEquals(2, task.puts.size());
        assertEquals(offsets(task.puts.get(0)), offsets(task.puts.get(1)), "same batch delivered again");
        assertEquals(List.of(0L, 1L), offsets(task.puts.get(1)));
        assertTrue(consumer.paused().isEmpty(), "resumed after a successful redelivery");

        workerTask.iteration();
        assertEquals(List.of(2L), offsets(task.puts.get(2)));
    }

    @Test
    void otherExceptionFromPutFailsTheTask() {
        start(ToleranceType.NONE, null);
        task.putFailures.add(() -> {
            throw new IllegalStateException("boom");
        });
        ConnectException e = assertThrows(ConnectException.class, workerTask::iteration);
        assertEquals("Exiting WorkerSinkTask due to unrecoverable exception.", e.getMessage());
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }

    // ---- errors ----

    @Test
    void toleranceAllSkipsAPoisonRecordButCommitsPastIt() {
        start(ToleranceType.ALL, null);
        addRecord(TP0, 0, "a");
        addRecord(TP0, 1, "poison");
        addRecord(TP0, 2, "c");
        workerTask.iteration();

        assertEquals(List.of("a", "c"), values(task.puts.get(0)));
        workerTask.context().requestCommit();
        workerTask.iteration();
        assertEquals(3L, consumer.committed(Set.of(TP0)).get(TP0).offset());
    }

    @Test
    void toleranceNoneFailsOnAPoisonRecord() {
        start(ToleranceType.NONE, null);
        addRecord(TP0, 0, "poison");
        ConnectException e = assertThrows(ConnectException.class, workerTask::iteration);
        assertEquals("Tolerance exceeded in error handler", e.getMessage());
        assertTrue(task.puts.isEmpty());
    }

    @Test
    void errantRecordReporterIsExposedThroughTheContext() {
        RetryWithToleranceOperator<ConsumerRecord<byte[], byte[]>> operator = operator(ToleranceType.ALL);
        WorkerErrantRecordReporter reporter = new WorkerErrantRecordReporter(operator, new StringConverter(),
                new StringConverter(), new SimpleHeaderConverter());
        start(operator, reporter);
        assertSame(reporter, task.context().errantRecordReporter());
    }

    @Test
    void noErrantRecordReporterWithoutOne() {
        start(ToleranceType.NONE, null);
        assertNull(task.context().errantRecordReporter());
    }

    // ---- rebalances ----

    @Test
    void revocationCommitsSynchronouslyAndClosesThenAssignmentOpens() {
        start(ToleranceType.NONE, null);
        assertEquals(List.of(Set.of(TP0, TP1)), task.opened);
        addRecords(TP0, 0, 4);
        addRecords(TP1, 0, 1);
        workerTask.iteration();

        consumer.schedulePollTask(() -> consumer.rebalance(List.of(TP1)));
        workerTask.iteration();

        assertEquals(List.of(Set.of(TP0)), task.closed);
        assertEquals(List.of(Map.of(TP0, new OffsetAndMetadata(4L))), consumer.syncCommits);
        assertEquals(Set.of(TP1), task.context().assignment());
    }

    @Test
    void lostPartitionsAreClosedWithoutCommit() {
        start(ToleranceType.NONE, null);
        addRecords(TP0, 0, 4);
        workerTask.iteration();
        consumer.schedulePollTask(() -> consumer.losePartitions(List.of(TP0)));
        workerTask.iteration();
        assertEquals(List.of(Set.of(TP0)), task.closed);
        assertTrue(consumer.committed(Set.of(TP0)).isEmpty());
    }

    @Test
    void exceptionInOpenFailsTheTaskAfterThePoll() {
        task.openFailure = new IllegalStateException("cannot open");
        workerTask = newTask(operator(ToleranceType.NONE), null);
        workerTask.initializeAndStart();
        consumer.updateBeginningOffsets(Map.of(TP0, 0L));
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(TP0)));
        IllegalStateException e = assertThrows(IllegalStateException.class, workerTask::iteration);
        assertEquals("cannot open", e.getMessage());
    }

    // ---- pausing ----

    @Test
    void pausingTheTaskPausesAllPartitionsAndKeepsTaskPausesOnResume() {
        start(ToleranceType.NONE, null);
        task.context().pause(TP1);
        assertEquals(Set.of(TP1), consumer.paused());

        workerTask.transitionTo(TargetState.PAUSED);
        workerTask.iteration();
        assertEquals(Set.of(TP0, TP1), consumer.paused());
        assertEquals(List.of("pause"), statusListener.events);

        workerTask.transitionTo(TargetState.STARTED);
        workerTask.iteration();
        assertEquals(Set.of(TP1), consumer.paused(), "the task's own pause survives");
        assertEquals(List.of("pause", "resume"), statusListener.events);
    }

    @Test
    void partitionsAssignedWhileTheConnectorIsPausedArePausedToo() {
        start(ToleranceType.NONE, null);
        workerTask.transitionTo(TargetState.PAUSED);
        workerTask.iteration();
        TopicPartition tp2 = new TopicPartition(TOPIC, 2);
        consumer.updateBeginningOffsets(Map.of(tp2, 0L));
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(TP0, TP1, tp2)));
        workerTask.iteration();
        assertEquals(Set.of(TP0, TP1, tp2), consumer.paused());
        assertEquals(List.of(Set.of(TP0, TP1), Set.of(tp2)), task.opened);
    }

    @Test
    void aTaskStoppedWhilePausedBeforeStartingIsNeverStarted() throws Exception {
        workerTask = newTask(operator(ToleranceType.NONE), null, Map.of(SinkTask.TOPICS_CONFIG, TOPIC),
                TargetState.PAUSED);
        Thread thread = new Thread(workerTask, "test-paused-sink-task");
        thread.start();
        waitUntil(() -> statusListener.events.contains("pause"));
        workerTask.stop();
        assertTrue(workerTask.awaitStop(10_000L));
        assertFalse(task.stopped, "never started, so never stopped");
        assertNull(task.startConfig);
        assertTrue(consumer.closed());
        assertEquals(List.of("pause", "shutdown"), statusListener.events);
    }

    @Test
    void pausingAnUnassignedPartitionIsRejected() {
        start(ToleranceType.NONE, null);
        IllegalWorkerStateException e = assertThrows(IllegalWorkerStateException.class,
                () -> task.context().pause(new TopicPartition("elsewhere", 0)));
        assertEquals("SinkTasks may not pause partitions that are not currently assigned to them.", e.getMessage());
    }

    @Test
    void contextCannotBeUsedBeforeInitialization() {
        workerTask = newTask(operator(ToleranceType.NONE), null);
        assertThrows(IllegalWorkerStateException.class, () -> workerTask.context().assignment());
    }

    @Test
    void pluginMetricsAreTaggedWithConnectorAndTask() {
        WorkerSinkTaskContext context = new WorkerSinkTaskContext(ID, Map.of(), consumer, null,
                new SinkPartitionPauses("test", consumer), metrics);
        org.apache.kafka.common.MetricName name = context.pluginMetrics()
                .metricName("records", "records seen", new java.util.LinkedHashMap<>());
        assertEquals("plugins", name.group());
        assertEquals(Map.of("connector", "sink", "task", "0"), name.tags());
        assertSame(context.pluginMetrics(), context.pluginMetrics());
        context.close();
    }

    // ---- configuration ----

    @Test
    void subscribesToARegex() {
        workerTask = newTask(operator(ToleranceType.NONE), null, Map.of(SinkTask.TOPICS_REGEX_CONFIG, "ord.*"));
        workerTask.initializeAndStart();
        assertEquals("ord.*", consumer.subscribedPattern.pattern());
        assertEquals(Map.of(SinkTask.TOPICS_REGEX_CONFIG, "ord.*"), task.startConfig);
    }

    @Test
    void rejectsBothTopicsAndRegex() {
        workerTask = newTask(operator(ToleranceType.NONE), null,
                Map.of(SinkTask.TOPICS_CONFIG, TOPIC, SinkTask.TOPICS_REGEX_CONFIG, "ord.*"));
        Exception e = assertThrows(org.apache.kafka.common.config.ConfigException.class,
                workerTask::initializeAndStart);
        assertTrue(e.getMessage().contains("topics and topics.regex are mutually exclusive options, but both are set."),
                e.getMessage());
    }

    // ---- the whole life on a thread ----

    @Test
    void runsOnAThreadAndStopsWithAFinalCommit() throws Exception {
        workerTask = newTask(operator(ToleranceType.NONE), null);
        consumer.updateBeginningOffsets(Map.of(TP0, 0L));
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(TP0)));
        consumer.schedulePollTask(() -> addRecords(TP0, 0, 3));
        Thread thread = new Thread(workerTask, "test-sink-task");
        thread.start();
        waitUntil(() -> task.puts.stream().mapToInt(List::size).sum() == 3);

        workerTask.stop();
        assertTrue(workerTask.awaitStop(10_000L));
        assertTrue(task.stopped);
        assertTrue(consumer.closed());
        assertEquals(List.of(Map.of(TP0, new OffsetAndMetadata(3L))), consumer.syncCommits, "final commit");
        assertEquals(List.of(Set.of(TP0)), task.closed);
        assertEquals(List.of("startup", "shutdown"), statusListener.events);
    }

    // ------------------------------------------------------------------------------------------------------------

    private void start(ToleranceType tolerance, WorkerErrantRecordReporter reporter) {
        start(operator(tolerance), reporter);
    }

    /** Starts the task and assigns both partitions, as the group would on the first poll. */
    private void start(RetryWithToleranceOperator<ConsumerRecord<byte[], byte[]>> operator,
                       WorkerErrantRecordReporter reporter) {
        workerTask = newTask(operator, reporter);
        workerTask.initializeAndStart();
        consumer.updateBeginningOffsets(Map.of(TP0, 0L, TP1, 0L));
        consumer.rebalance(List.of(TP0, TP1));
    }

    private WorkerSinkTask newTask(RetryWithToleranceOperator<ConsumerRecord<byte[], byte[]>> operator,
                                   WorkerErrantRecordReporter reporter) {
        return newTask(operator, reporter, Map.of(SinkTask.TOPICS_CONFIG, TOPIC));
    }

    private WorkerSinkTask newTask(RetryWithToleranceOperator<ConsumerRecord<byte[], byte[]>> operator,
                                   WorkerErrantRecordReporter reporter, Map<String, String> taskConfig) {
        return newTask(operator, reporter, taskConfig, TargetState.STARTED);
    }

    private WorkerSinkTask newTask(RetryWithToleranceOperator<ConsumerRecord<byte[], byte[]>> operator,
                                   WorkerErrantRecordReporter reporter, Map<String, String> taskConfig,
                                   TargetState initialState) {
        WorkerConfig workerConfig = new StandaloneConfig(Map.of(
                "bootstrap.servers", "localhost:9092",
                "key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter",
                "value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter",
                "offset.storage.file.filename", "/tmp/unused.offsets",
                "offset.flush.interval.ms", Long.toString(INTERVAL_MS)));
        TaskConverters converters = this.converters != null ? this.converters
                : new TaskConverters(new StringConverter(), new StringConverter(), new SimpleHeaderConverter());
        return new WorkerSinkTask(ID, task, taskConfig, statusListener, initialState, workerConfig, null,
                converters, new TransformationChain<>(List.of(), operator), operator, consumer, reporter,
                statusStore(), getClass().getClassLoader(), clock);
    }

    private RetryWithToleranceOperator<ConsumerRecord<byte[], byte[]>> operator(ToleranceType tolerance) {
        return new RetryWithToleranceOperator<>(0, 0, tolerance, clock, new ErrorHandlingMetrics(ID, metrics, clock),
                List.of());
    }

    /** A status store that only records topic-tracking writes; every other call is unexpected here. */
    private StatusBackingStore statusStore() {
        return (StatusBackingStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{StatusBackingStore.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "put":
                            topicStatuses.add((TopicStatus) args[0]);
                            return null;
                        case "getTopic":
                            return null;
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    private void addRecords(TopicPartition tp, long firstOffset, int count) {
        for (long offset = firstOffset; offset < firstOffset + count; offset++) {
            addRecord(tp, offset, "v" + offset);
        }
    }

    private void addRecord(TopicPartition tp, long offset, String value) {
        consumer.addRecord(new ConsumerRecord<>(tp.topic(), tp.partition(), offset, bytes("k"), bytes(value)));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<Long> offsets(List<SinkRecord> records) {
        return records.stream().map(SinkRecord::kafkaOffset).toList();
    }

    private static List<Object> values(List<SinkRecord> records) {
        return records.stream().map(SinkRecord::value).toList();
    }

    private static void waitUntil(Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000L;
        while (!condition.get()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met in time");
            }
            Thread.sleep(10);
        }
    }

    /** Records synchronous commits: MockConsumer's rebalance() overwrites the committed offsets it keeps. */
    static final class RecordingConsumer extends MockConsumer<byte[], byte[]> {
        final List<Map<TopicPartition, OffsetAndMetadata>> syncCommits = new CopyOnWriteArrayList<>();

        volatile Pattern subscribedPattern;

        RecordingConsumer() {
            super("earliest");
        }

        @Override
        public synchronized void subscribe(Pattern pattern, ConsumerRebalanceListener listener) {
            subscribedPattern = pattern;
            super.subscribe(pattern, listener);
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            syncCommits.add(Map.copyOf(offsets));
            super.commitSync(offsets);
        }
    }

    /** Strings in UTF-8; the value "poison" cannot be converted. */
    static final class StringConverter implements Converter {
        @Override
        public void configure(Map<String, ?> configs, boolean isKey) {
        }

        @Override
        public byte[] fromConnectData(String topic, Schema schema, Object value) {
            return value == null ? null : value.toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public SchemaAndValue toConnectData(String topic, byte[] value) {
            String text = value == null ? null : new String(value, StandardCharsets.UTF_8);
            if ("poison".equals(text)) {
                throw new DataException("cannot convert poison");
            }
            return new SchemaAndValue(Schema.OPTIONAL_STRING_SCHEMA, text);
        }
    }

    /** A sink task that records what the worker asks of it. */
    static final class RecordingTask extends SinkTask {
        final List<List<SinkRecord>> puts = new CopyOnWriteArrayList<>();
        final List<Map<TopicPartition, OffsetAndMetadata>> preCommits = new ArrayList<>();
        final List<Set<TopicPartition>> opened = new ArrayList<>();
        final List<Set<TopicPartition>> closed = new CopyOnWriteArrayList<>();
        final List<Runnable> putFailures = new ArrayList<>();
        Function<Map<TopicPartition, OffsetAndMetadata>, Map<TopicPartition, OffsetAndMetadata>> preCommit =
                Function.identity();
        RuntimeException openFailure;
        Map<String, String> startConfig;
        volatile boolean stopped;

        SinkTaskContext context() {
            return context;
        }

        @Override
        public String version() {
            return "1.0";
        }

        @Override
        public void start(Map<String, String> props) {
            startConfig = props;
        }

        @Override
        public void put(Collection<SinkRecord> records) {
            puts.add(List.copyOf(records));
            if (!putFailures.isEmpty()) {
                putFailures.remove(0).run();
            }
        }

        @Override
        public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
            preCommits.add(new HashMap<>(offsets));
            return preCommit.apply(offsets);
        }

        @Override
        public void open(Collection<TopicPartition> partitions) {
            if (openFailure != null) {
                throw openFailure;
            }
            opened.add(Set.copyOf(partitions));
        }

        @Override
        public void close(Collection<TopicPartition> partitions) {
            closed.add(Set.copyOf(partitions));
        }

        @Override
        public void stop() {
            stopped = true;
        }
    }

    static final class RecordingListener implements TaskStatus.Listener {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void onStartup(ConnectorTaskId id) {
            events.add("startup");
        }

        @Override
        public void onPause(ConnectorTaskId id) {
            events.add("pause");
        }

        @Override
        public void onResume(ConnectorTaskId id) {
            events.add("resume");
        }

        @Override
        public void onFailure(ConnectorTaskId id, Throwable cause) {
            events.add("failure");
        }

        @Override
        public void onShutdown(ConnectorTaskId id) {
            events.add("shutdown");
        }

        @Override
        public void onDeletion(ConnectorTaskId id) {
            events.add("deletion");
        }

        @Override
        public void onRestart(ConnectorTaskId id) {
            events.add("restart");
        }
    }

    /** A clock that only moves when told; thread-safe enough for the single-threaded tests. */
    static final class Clock implements Time {
        private volatile long nowMs = 1_700_000_000_000L;

        void advance(long ms) {
            nowMs += ms;
        }

        @Override
        public long milliseconds() {
            return nowMs;
        }

        @Override
        public long nanoseconds() {
            return nowMs * 1_000_000L;
        }

        @Override
        public void sleep(long ms) {
            nowMs += ms;
        }

        @Override
        public void waitObject(Object obj, Supplier<Boolean> condition, long deadlineMs) {
            if (!condition.get()) {
                nowMs = Math.max(nowMs, deadlineMs);
                throw new TimeoutException("Condition not satisfied before deadline");
            }
        }
    }
}
