package org.apache.kafka.connect.runtime;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.runtime.SubmittedRecords.CommittableOffsets;
import org.apache.kafka.connect.runtime.SubmittedRecords.SubmittedRecord;
import org.apache.kafka.connect.runtime.errors.ProcessingContext;
import org.apache.kafka.connect.runtime.errors.RetryWithToleranceOperator;
import org.apache.kafka.connect.runtime.errors.Stage;
import org.apache.kafka.connect.runtime.errors.ToleranceType;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.storage.OffsetBackingStore;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.apache.kafka.connect.storage.OffsetStorageWriter;
import org.apache.kafka.connect.storage.StatusBackingStore;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.apache.kafka.connect.util.LoggingContext;
import org.apache.kafka.connect.util.TopicCreationGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a regular (not exactly-once) {@link SourceTask}: polls it for records, passes each through the transformation
 * chain and the converters, creates its topic if needed and sends it with the producer; tracks the source offsets of
 * the records in flight and commits those whose records (and all earlier records of the same source partition) were
 * written.
 * <p>
 * Threads: polling, conversion and sending run on the task thread; send results arrive on the producer's I/O thread;
 * {@link #commitOffsets()} runs on the {@link SourceTaskOffsetCommitter}'s thread, and once more on the task thread
 * when the task stops.
 */
public class WorkerSourceTask extends WorkerTask<SourceRecord, SourceRecord> {

    private static final Logger log = LoggerFactory.getLogger(WorkerSourceTask.class);

    /** How long to wait before retrying records the producer refused synchronously. */
    static final long SEND_RETRY_BACKOFF_MS = 100;
    /** Records are awaited before the producer closes, so this only bounds a close against an unreachable broker. */
    private static final Duration PRODUCER_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final SourceTask task;
    private final Map<String, String> taskConfig;
    private final TaskConverters converters;
    private final SourceRecordConverter recordConverter;
    private final Producer<byte[], byte[]> producer;
    private final Admin admin;
    private final SourceTopicCreator topicCreator;
    private final OffsetStorageReader offsetReader;
    private final OffsetStorageWriter offsetWriter;
    private final StatusBackingStore statusStore;
    private final long offsetFlushTimeoutMs;
    private final SourceTaskMetrics sourceMetrics;
    /** The metrics the task registers through its context (KIP-877); created at start, closed with the task. */
    private PluginMetricsImpl pluginMetrics;

    private final SubmittedRecords submittedRecords = new SubmittedRecords();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    /** The first send failure that was not tolerated; the task fails on it before its next poll or send. */
    private final AtomicReference<Exception> producerSendFailure = new AtomicReference<>();
    /** Topics this task has already recorded as active (topic tracking), so each is written once. */
    private final Set<String> activeTopics = ConcurrentHashMap.newKeySet();

    /** Serializes offset commits of the committer thread and the task thread, and their end at close. */
    private final Object commitLock = new Object();
    private boolean closed;

    private volatile boolean startAttempted;
    /** The batch being sent (task thread only); {@code null} when the next batch must be polled. */
    private List<SourceRecord> toSend;
    /** Index in {@link #toSend} of the next record to send. */
    private int nextToSend;

    /**
     * @param connectorConfig the connector's configuration; its topic creation groups arrive in {@code topicGroups}
     * @param admin           the task's admin client, closed with the task; {@code null} unless topic creation is on
     * @param topicGroups     the connector's topic creation groups; {@code null} or empty when topic creation is off
     * @param offsetStore     the store behind {@code offsetReader} and {@code offsetWriter}; the worker starts and
     *                        stops it, since it is shared by all source tasks of the worker
     * @param statusStore     where active topics are recorded (topic tracking); {@code null} when tracking is off
     */
    public WorkerSourceTask(ConnectorTaskId id, SourceTask task, Map<String, String> taskConfig,
                            TaskStatus.Listener statusListener, TargetState initialState, WorkerConfig workerConfig,
                            SourceConnectorConfig connectorConfig, TaskConverters converters,
                            TransformationChain<SourceRecord, SourceRecord> transformationChain,
                            RetryWithToleranceOperator<SourceRecord> retryWithToleranceOperator,
                            Producer<byte[], byte[]> producer, Admin admin,
                            Map<String, TopicCreationGroup> topicGroups,
                            OffsetStorageReader offsetReader, OffsetStorageWriter offsetWriter,
                            OffsetBackingStore offsetStore, StatusBackingStore statusStore, ClassLoader loader,
                            Time time) {
        this(id, task, taskConfig, statusListener, initialState, workerConfig, connectorConfig, converters,
                transformationChain, retryWithToleranceOperator, producer, admin, topicGroups, offsetReader,
                offsetWriter, offsetStore, statusStore, loader, time, new ConnectMetrics(new Metrics(time)));
    }

    /**
     * @param metrics where the task's metrics (task, source task and plugin metrics) are registered
     */
    public WorkerSourceTask(ConnectorTaskId id, SourceTask task, Map<String, String> taskConfig,
                            TaskStatus.Listener statusListener, TargetState initialState, WorkerConfig workerConfig,
                            SourceConnectorConfig connectorConfig, TaskConverters converters,
                            TransformationChain<SourceRecord, SourceRecord> transformationChain,
                            RetryWithToleranceOperator<SourceRecord> retryWithToleranceOperator,
                            Producer<byte[], byte[]> producer, Admin admin,
                            Map<String, TopicCreationGroup> topicGroups,
                            OffsetStorageReader offsetReader, OffsetStorageWriter offsetWriter,
                            OffsetBackingStore offsetStore, StatusBackingStore statusStore, ClassLoader loader,
                            Time time, ConnectMetrics metrics) {
        super(id, statusListener, initialState, loader, time, retryWithToleranceOperator, transformationChain,
                metrics);
        this.sourceMetrics = new SourceTaskMetrics(metrics, id);
        this.task = task;
        this.taskConfig = taskConfig;
        this.converters = converters;
        this.recordConverter = new SourceRecordConverter(converters, retryWithToleranceOperator);
        this.producer = producer;
        this.admin = admin;
        this.topicCreator = new SourceTopicCreator(id, workerConfig, admin, topicGroups);
        this.offsetReader = offsetReader;
        this.offsetWriter = offsetWriter;
        this.statusStore = statusStore;
        this.offsetFlushTimeoutMs = workerConfig.getLong(WorkerConfig.OFFSET_COMMIT_TIMEOUT_MS_CONFIG);
    }

    @Override
    protected void initializeAndStart() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("connector", id.connector());
        tags.put("task", Integer.toString(id.task()));
        pluginMetrics = new PluginMetricsImpl(taskMetrics().connectMetrics().metrics(), tags);
        task.initialize(new WorkerSourceTaskContext(taskConfig, offsetReader, pluginMetrics));
        startAttempted = true;
        task.start(taskConfig);
        log.info("{} Source task finished initialization and start", this);
    }

    @Override
    protected void execute() {
        try {
            pollAndSendUntilStopped();
        } catch (InterruptedException e) {
            // Nobody interrupts a task thread on purpose: take it as a request to stop.
            log.warn("{} Interrupted; stopping", this);
        } finally {
            // A cancelled task may already have a successor, whose offsets must not be overwritten with older ones.
            if (!isCancelled()) {
                commitFinalOffsets();
            }
        }
    }

    @Override
    public void stop() {
        super.stop();
        stopRequested.countDown();
    }

    /** Also releases what the task thread may be blocked on, so that the thread can end soon. */
    @Override
    public void cancel() {
        super.cancel();
        closeOffsetReader();
        producer.close(Duration.ZERO);
    }

    @Override
    protected void close() {
        if (startAttempted) {
            try {
                task.stop();
            } catch (Throwable t) {
                log.warn("{} Source task failed to stop", this, t);
            }
        }
        synchronized (commitLock) {
            closed = true;
        }
        try {
            producer.close(isCancelled() ? Duration.ZERO : PRODUCER_CLOSE_TIMEOUT);
        } catch (Throwable t) {
            log.warn("{} Could not close the producer", this, t);
        }
        if (admin != null) {
            try {
                admin.close(isCancelled() ? Duration.ZERO : PRODUCER_CLOSE_TIMEOUT);
            } catch (Throwable t) {
                log.warn("{} Could not close the admin client", this, t);
            }
        }
        closeOffsetReader();
        closeQuietly(converters.keyConverter(), "key converter");
        closeQuietly(converters.valueConverter(), "value converter");
        closeQuietly(converters.headerConverter(), "header converter");
        closeQuietly(pluginMetrics, "plugin metrics");
    }

    @Override
    public void removeMetrics() {
        super.removeMetrics();
        sourceMetrics.close();
    }

    /**
     * Commits the offsets of the records written since the last commit (see {@link SubmittedRecords}), then calls
     * {@code SourceTask.commit()}. Offsets that cannot be written now are kept for the next commit.
     *
     * @return true if the offsets were written (or there were none); false if the commit failed or timed out
     */
    public boolean commitOffsets() {
        synchronized (commitLock) {
            if (closed) {
                log.debug("{} Not committing offsets: the task is closed", this);
                return false;
            }
            long startMs = time.milliseconds();
            CommittableOffsets committable = submittedRecords.committableOffsets();
            // Handed to the writer at once: it keeps them, newest last, until a flush succeeds.
            committable.offsets().forEach(offsetWriter::offset);
            if (committable.hasPending()) {
                log.debug("{} {} records are in flight or wait for earlier records of their source partition; "
                        + "the largest wait is {} records for partition {}", this,
                        committable.numUncommittableMessages(), committable.largestDequeSize(),
                        committable.largestDequePartition());
            }

            boolean flushStarted;
            try {
                flushStarted = offsetWriter.beginFlush(offsetFlushTimeoutMs, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                log.error("{} Could not start an offset flush within {} ms; will retry at the next commit", this,
                        offsetFlushTimeoutMs);
                taskMetrics().recordCommitFailure();
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.warn("{} Interrupted while waiting for the previous offset flush to complete", this);
                taskMetrics().recordCommitFailure();
                return false;
            }
            if (!flushStarted) {
                log.debug("{} No offsets to commit", this);
                taskMetrics().recordCommitSuccess(time.milliseconds() - startMs);
                commitSourceTask();
                return true;
            }

            Future<Void> flush = offsetWriter.doFlush((error, ignored) -> {
                if (error != null) {
                    log.error("{} Failed to write offsets to the offset store", this, error);
                }
            });
            long remainingMs = Math.max(0, startMs + offsetFlushTimeoutMs - time.milliseconds());
            try {
                flush.get(remainingMs, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                // Already logged by the callback; the writer kept the offsets for the next flush.
                taskMetrics().recordCommitFailure();
                return false;
            } catch (TimeoutException e) {
                log.error("{} Timed out after {} ms writing offsets to the offset store; will retry at the next "
                        + "commit", this, offsetFlushTimeoutMs);
                offsetWriter.cancelFlush();
                taskMetrics().recordCommitFailure();
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.warn("{} Interrupted while writing offsets to the offset store", this);
                offsetWriter.cancelFlush();
                taskMetrics().recordCommitFailure();
                return false;
            }
            log.debug("{} Committed the offsets of {} records in {} ms", this, committable.numCommittableMessages(),
                    time.milliseconds() - startMs);
            taskMetrics().recordCommitSuccess(time.milliseconds() - startMs);
            sourceMetrics.recordActiveRecords(submittedRecords.inFlight());
            commitSourceTask();
            return true;
        }
    }

    private void pollAndSendUntilStopped() throws InterruptedException {
        while (!isStopping()) {
            if (isPaused()) {
                onPause();
                if (!awaitUnpause()) {
                    return;
                }
                onResume();
                continue;
            }
            if (toSend == null) {
                throwIfProducerSendFailed();
                List<SourceRecord> polled = poll();
                if (polled == null || polled.isEmpty()) {
                    continue;
                }
                toSend = polled;
                nextToSend = 0;
            }
            if (sendRecords()) {
                toSend = null;
                sourceMetrics.recordActiveRecords(submittedRecords.inFlight());
            } else {
                stopRequested.await(SEND_RETRY_BACKOFF_MS, TimeUnit.MILLISECONDS);
            }
        }
    }

    private List<SourceRecord> poll() throws InterruptedException {
        try {
            long startMs = time.milliseconds();
            List<SourceRecord> polled = task.poll();
            if (polled != null && !polled.isEmpty()) {
                sourceMetrics.recordPoll(polled.size(), time.milliseconds() - startMs);
                taskMetrics().recordBatch(polled.size());
            }
            return polled;
        } catch (RetriableException | org.apache.kafka.common.errors.RetriableException e) {
            log.warn("{} Failed to poll records from the source task; will poll again", this, e);
            return null;
        }
    }

    /** @return true if the whole batch was handled; false if the producer refused a record, to be retried later */
    private boolean sendRecords() {
        for (; nextToSend < toSend.size(); nextToSend++) {
            if (!send(toSend.get(nextToSend))) {
                return false;
            }
        }
        return true;
    }

    /** @return false if the record should be sent again later; true if it was sent or dropped */
    private boolean send(SourceRecord original) {
        throwIfProducerSendFailed();
        ProcessingContext<SourceRecord> context = new ProcessingContext<>(original);
        SourceRecord transformed = transformationChain.apply(context, original);
        ProducerRecord<byte[], byte[]> producerRecord =
                transformed == null || context.failed() ? null : recordConverter.convert(context, transformed);
        if (producerRecord == null || context.failed()) {
            log.trace("{} Dropping record {} (filtered, or its failure was tolerated)", this, original);
            commitTaskRecord(original, null);
            return true;
        }

        String topic = producerRecord.topic();
        try {
            topicCreator.ensureTopic(topic);
        } catch (RetriableException e) {
            log.warn("{} Could not check or create topic '{}'; will retry", this, topic, e);
            return false;
        }

        SubmittedRecord submitted = submittedRecords.submit(original.sourcePartition(), original.sourceOffset());
        try {
            producer.send(producerRecord,
                    (metadata, error) -> onSendCompletion(original, topic, submitted, metadata, error));
            sourceMetrics.recordWrite(1);
            return true;
        } catch (org.apache.kafka.common.errors.RetriableException | RetriableException e) {
            log.warn("{} The producer refused a record for topic '{}'; will retry", this, topic, e);
            submitted.drop();
            return false;
        } catch (ConnectException e) {
            throw e;
        } catch (KafkaException e) {
            throw new ConnectException("Unrecoverable exception trying to send", e);
        }
    }

    /** Runs on the producer's I/O thread. */
    private void onSendCompletion(SourceRecord original, String topic, SubmittedRecord submitted,
                                  RecordMetadata metadata, Exception error) {
        if (error == null) {
            log.trace("{} Wrote record to topic '{}' partition {} offset {}", this, metadata.topic(),
                    metadata.partition(), metadata.offset());
            commitTaskRecord(original, metadata);
            submitted.ack();
            recordActiveTopic(topic);
        } else if (retryWithToleranceOperator.toleranceType() == ToleranceType.ALL) {
            // Reported (and logged if enabled), then treated as written so that later offsets can be committed.
            retryWithToleranceOperator.executeFailed(new ProcessingContext<>(original), Stage.KAFKA_PRODUCE,
                    producer.getClass(), error);
            commitTaskRecord(original, null);
            submitted.ack();
        } else {
            log.error("{} Failed to send a record to topic '{}'", this, topic, error);
            producerSendFailure.compareAndSet(null, error);
        }
    }

    private void throwIfProducerSendFailed() {
        Exception failure = producerSendFailure.get();
        if (failure != null) {
            throw new ConnectException("Unrecoverable exception from producer send callback", failure);
        }
    }

    /** Topic tracking (KIP-558): records the topic as used by the connector the first time this task writes to it. */
    private void recordActiveTopic(String topic) {
        if (statusStore == null || !activeTopics.add(topic)) {
            return;
        }
        try {
            if (statusStore.getTopic(id.connector(), topic) == null) {
                statusStore.put(new TopicStatus(topic, id.connector(), id.task(), time.milliseconds()));
            }
        } catch (RuntimeException e) {
            log.warn("{} Could not record topic '{}' as active", this, topic, e);
            activeTopics.remove(topic);
        }
    }

    private void commitTaskRecord(SourceRecord original, RecordMetadata metadata) {
        try {
            task.commitRecord(original, metadata);
        } catch (Throwable t) {
            log.error("{} Exception thrown while calling task.commitRecord()", this, t);
        }
    }

    private void commitSourceTask() {
        try {
            task.commit();
        } catch (Throwable t) {
            log.error("{} Exception thrown while calling task.commit()", this, t);
        }
    }

    /** Waits (bounded) for the records in flight so that their offsets make it into this last commit. */
    private void commitFinalOffsets() {
        if (!submittedRecords.awaitAllMessages(offsetFlushTimeoutMs, TimeUnit.MILLISECONDS)) {
            log.warn("{} {} records were still in flight after {} ms; committing the offsets of those written", this,
                    submittedRecords.inFlight(), offsetFlushTimeoutMs);
        }
        try (LoggingContext ignored = LoggingContext.forOffsets(id)) {
            commitOffsets();
        }
    }

    private void closeOffsetReader() {
        if (offsetReader instanceof AutoCloseable closeable) {
            closeQuietly(closeable, "offset reader");
        }
    }
}
