package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.runtime.SourceTaskTestKit.ControlledProducer;
import org.apache.kafka.connect.runtime.SourceTaskTestKit.RecordingTaskListener;
import org.apache.kafka.connect.runtime.SourceTaskTestKit.ScriptedSourceTask;
import org.apache.kafka.connect.runtime.errors.ErrorHandlingMetrics;
import org.apache.kafka.connect.runtime.errors.RetryWithToleranceOperator;
import org.apache.kafka.connect.runtime.errors.ToleranceType;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;
import org.apache.kafka.connect.storage.OffsetStorageReaderImpl;
import org.apache.kafka.connect.storage.OffsetStorageWriter;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.apache.kafka.connect.runtime.SourceTaskTestKit.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourceTaskOffsetCommitterTest {

    private static final Map<String, Object> PARTITION = Map.of("shard", 1);

    private final MemoryOffsetBackingStore offsetStore = new MemoryOffsetBackingStore();
    private final ExecutorService taskThreads = Executors.newCachedThreadPool();
    private final Metrics metrics = new Metrics();
    private final List<WorkerSourceTask> tasks = new ArrayList<>();
    private SourceTaskOffsetCommitter committer;

    @AfterEach
    void tearDown() {
        if (committer != null) {
            committer.close(5_000);
        }
        tasks.forEach(WorkerSourceTask::stop);
        tasks.forEach(t -> t.awaitStop(10_000));
        taskThreads.shutdownNow();
        offsetStore.stop();
        metrics.close();
    }

    @Test
    void commitsTheOffsetsOfEveryScheduledTaskPeriodically() throws Exception {
        offsetStore.start();
        committer = new SourceTaskOffsetCommitter(workerConfig("50"));
        ScriptedSourceTask first = new ScriptedSourceTask();
        ScriptedSourceTask second = new ScriptedSourceTask();
        ControlledProducer firstProducer = new ControlledProducer();
        ControlledProducer secondProducer = new ControlledProducer();
        WorkerSourceTask firstTask = startTask(new ConnectorTaskId("periodic-a", 0), first, firstProducer);
        WorkerSourceTask secondTask = startTask(new ConnectorTaskId("periodic-b", 0), second, secondProducer);
        committer.schedule(firstTask.id(), firstTask);
        committer.schedule(secondTask.id(), secondTask);

        first.willReturn(record(1));
        second.willReturn(record(7));
        waitFor(() -> firstProducer.sentCount() == 1 && secondProducer.sentCount() == 1, "the records are sent");
        firstProducer.ack(0);
        secondProducer.ack(0);

        waitFor(() -> Map.of("n", 1L).equals(committed("periodic-a")), "the first task's offset is committed");
        waitFor(() -> Map.of("n", 7L).equals(committed("periodic-b")), "the second task's offset is committed");
        int commits = first.commits.get();
        waitFor(() -> first.commits.get() > commits + 1, "task.commit() is called every interval");
    }

    @Test
    void aRemovedTaskIsNoLongerCommitted() throws Exception {
        offsetStore.start();
        committer = new SourceTaskOffsetCommitter(workerConfig("20"));
        ScriptedSourceTask source = new ScriptedSourceTask();
        WorkerSourceTask task = startTask(new ConnectorTaskId("removed", 0), source, new ControlledProducer());
        committer.schedule(task.id(), task);
        waitFor(() -> source.commits.get() > 0, "the task is committed");

        committer.remove(task.id());
        int commits = source.commits.get();
        Thread.sleep(100);
        assertEquals(commits, source.commits.get());
        committer.remove(task.id());
    }

    @Test
    void theFirstCommitComesAfterOneInterval() throws Exception {
        offsetStore.start();
        committer = new SourceTaskOffsetCommitter(workerConfig("60000"));
        ScriptedSourceTask source = new ScriptedSourceTask();
        WorkerSourceTask task = startTask(new ConnectorTaskId("slow", 0), source, new ControlledProducer());
        committer.schedule(task.id(), task);
        Thread.sleep(100);
        assertEquals(0, source.commits.get());
    }

    @Test
    void aFailingCommitDoesNotEndTheSchedule() throws Exception {
        // The store is not started, so every flush fails; the schedule must keep trying.
        committer = new SourceTaskOffsetCommitter(workerConfig("20"));
        ScriptedSourceTask source = new ScriptedSourceTask();
        ControlledProducer producer = new ControlledProducer();
        WorkerSourceTask task = startTask(new ConnectorTaskId("failing", 0), source, producer);
        source.willReturn(record(1));
        waitFor(() -> producer.sentCount() == 1, "the record is sent");
        producer.ack(0);
        committer.schedule(task.id(), task);
        Thread.sleep(100);
        assertEquals(0, source.commits.get(), "task.commit() only follows successful commits");

        offsetStore.start();
        waitFor(() -> Map.of("n", 1L).equals(committed("failing")), "a later commit succeeds");
        assertTrue(source.commits.get() > 0);
    }

    private WorkerSourceTask startTask(ConnectorTaskId id, ScriptedSourceTask source, ControlledProducer producer) {
        ErrorHandlingMetrics errorMetrics = new ErrorHandlingMetrics(id, metrics, Time.SYSTEM);
        RetryWithToleranceOperator<SourceRecord> operator = new RetryWithToleranceOperator<>(0, 0,
                ToleranceType.NONE, Time.SYSTEM, errorMetrics, List.of());
        StringConverter key = new StringConverter();
        key.configure(Map.of(), true);
        StringConverter value = new StringConverter();
        value.configure(Map.of(), false);
        WorkerSourceTask task = new WorkerSourceTask(id, source, Map.of(), new RecordingTaskListener(),
                TargetState.STARTED, workerConfig("60000"), null,
                new TaskConverters(key, value, new SimpleHeaderConverter()),
                new TransformationChain<>(List.of(), operator), operator, producer, null, null,
                new OffsetStorageReaderImpl(offsetStore, id.connector()),
                new OffsetStorageWriter(offsetStore, id.connector()), offsetStore, null,
                getClass().getClassLoader(), Time.SYSTEM);
        tasks.add(task);
        taskThreads.execute(task);
        return task;
    }

    private Map<String, Object> committed(String connector) {
        try {
            return new OffsetStorageReaderImpl(offsetStore, connector).offset(PARTITION);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static SourceRecord record(long n) {
        return new SourceRecord(PARTITION, Map.of("n", n), "committer-test", Schema.STRING_SCHEMA, "v" + n);
    }

    private static WorkerConfig workerConfig(String intervalMs) {
        return new StandaloneConfig(Map.of(
                "bootstrap.servers", "localhost:9092",
                "key.converter", StringConverter.class.getName(),
                "value.converter", StringConverter.class.getName(),
                "offset.storage.file.filename", "/tmp/unused-offsets",
                "offset.flush.interval.ms", intervalMs,
                "offset.flush.timeout.ms", "1000"));
    }
}
