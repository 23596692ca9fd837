package org.apache.kafka.connect.runtime;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.runtime.errors.ProcessingContext;
import org.apache.kafka.connect.runtime.errors.RetryWithToleranceOperator;
import org.apache.kafka.connect.runtime.errors.Stage;
import org.apache.kafka.connect.runtime.errors.WorkerErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.storage.StatusBackingStore;
import org.apache.kafka.connect.util.ConnectorTaskId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Runs one {@link SinkTask}: consumes the connector's topics in the group {@code connect-<connector>}, converts and
 * transforms each record, hands batches to {@code put}, and commits the offsets the task has taken responsibility
 * for, periodically, when the task asks, and when partitions go away.
 * <p>
 * A batch whose {@code put} throws a {@link RetriableException} is kept and delivered again, with every partition
 * paused meanwhile ("paused for redelivery"); polling goes on so that the consumer stays in its group. Pausing the
 * connector also pauses every partition, and keeps polling for the same reason. Partitions the task paused through
 * its context stay paused across both.
 * <p>
 * Threads: everything except {@link #stop()} and {@link #transitionTo} runs on the task thread, including the
 * consumer's rebalance callbacks and offset commit callbacks (the consumer invokes both from its own calls). The
 * other threads only flip flags and wake the consumer.
 */
public class WorkerSinkTask extends WorkerTask<ConsumerRecord<byte[], byte[]>, SinkRecord> {

    private static final Logger log = LoggerFactory.getLogger(WorkerSinkTask.class);

    private final SinkTask task;
    private final Map<String, String> taskConfig;
    private final SinkConnectorConfig connectorConfig;
    private final Converter keyConverter;
    private final Converter valueConverter;
    private final HeaderConverter headerConverter;
    private final Consumer<byte[], byte[]> consumer;
    private final WorkerErrantRecordReporter errantRecordReporter;
    private final StatusBackingStore statusStore;
    private final WorkerSinkTaskContext context;
    private final long commitIntervalMs;
    private final long commitTimeoutMs;

    // Task-thread state. A partition's "current" offset is the next offset after the last record put() accepted;
    // "batch" offsets are those of records consumed since, which become current once their batch is delivered.
    private final List<SinkRecord> batch = new ArrayList<>();
    private final Map<TopicPartition, OffsetAndMetadata> batchOffsets = new HashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> currentOffsets = new HashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> lastCommittedOffsets = new HashMap<>();
    private final Set<String> seenTopics = new HashSet<>();
    private boolean pausedForRedelivery;
    private boolean pausedForConnector;
    private boolean committing;
    private long commitStartedMs;
    private int commitSeqNo;
    private long nextCommitMs;
    private int consecutiveCommitFailures;
    private RuntimeException rebalanceException;
    private boolean taskStarted;
    private boolean taskStopped;

    public WorkerSinkTask(ConnectorTaskId id, SinkTask task, Map<String, String> taskConfig,
                          TaskStatus.Listener statusListener, TargetState initialState, WorkerConfig workerConfig,
                          SinkConnectorConfig connectorConfig, TaskConverters converters,
                          TransformationChain<ConsumerRecord<byte[], byte[]>, SinkRecord> transformationChain,
                          RetryWithToleranceOperator<ConsumerRecord<byte[], byte[]>> retryWithToleranceOperator,
                          Consumer<byte[], byte[]> consumer, WorkerErrantRecordReporter errantRecordReporter,
                          StatusBackingStore statusStore, ClassLoader loader, Time time) {
        this(id, task, taskConfig, statusListener, initialState, workerConfig, connectorConfig, converters,
                transformationChain, retryWithToleranceOperator, consumer, errantRecordReporter, statusStore, loader,
                time, null);
    }

    /**
     * @param pluginMetricsRegistry the worker's metrics, where the task's {@code context.pluginMetrics()} registers;
     *                              null gives the task a private registry
     */
    public WorkerSinkTask(ConnectorTaskId id, SinkTask task, Map<String, String> taskConfig,
                          TaskStatus.Listener statusListener, TargetState initialState, WorkerConfig workerConfig,
                          SinkConnectorConfig connectorConfig, TaskConverters converters,
                          TransformationChain<ConsumerRecord<byte[], byte[]>, SinkRecord> transformationChain,
                          RetryWithToleranceOperator<ConsumerRecord<byte[], byte[]>> retryWithToleranceOperator,
                          Consumer<byte[], byte[]> consumer, WorkerErrantRecordReporter errantRecordReporter,
                          StatusBackingStore statusStore, ClassLoader loader, Time time,
                          Metrics pluginMetricsRegistry) {
        super(id, statusListener, initialState, loader, time, retryWithToleranceOperator, transformationChain);
        this.task = task;
        this.taskConfig = Collections.unmodifiableMap(new HashMap<>(taskConfig));
        this.connectorConfig = connectorConfig;
        this.keyConverter = converters.keyConverter();
        this.valueConverter = converters.valueConverter();
        this.headerConverter = converters.headerConverter();
        this.consumer = consumer;
        this.errantRecordReporter = errantRecordReporter;
        this.statusStore = statusStore;
        this.commitIntervalMs = workerConfig.getLong(WorkerConfig.OFFSET_COMMIT_INTERVAL_MS_CONFIG);
        this.commitTimeoutMs = workerConfig.getLong(WorkerConfig.OFFSET_COMMIT_TIMEOUT_MS_CONFIG);
        this.context = new WorkerSinkTaskContext(id, taskConfig, consumer, errantRecordReporter,
                () -> pausedForConnector || pausedForRedelivery, pluginMetricsRegistry);
        this.nextCommitMs = time.milliseconds() + commitIntervalMs;
    }

    /** The context handed to the task. */
    public WorkerSinkTaskContext context() {
        return context;
    }

    @Override
    public void stop() {
        super.stop();
        consumer.wakeup();
    }

    @Override
    public void transitionTo(TargetState state) {
        super.transitionTo(state);
        consumer.wakeup();
    }

    @Override
    protected void initializeAndStart() {
        subscribe();
        context.markInitialized();
        task.initialize(context);
        taskStarted = true;
        task.start(taskConfig);
        log.info("{} Sink task finished initialization and start", this);
    }

    @Override
    protected void execute() {
        while (!isStopping()) {
            iteration();
        }
    }

    /** One poll-convert-deliver round, with the commit and pause bookkeeping that precedes it. */
    void iteration() {
        updatePauseState();
        long now = time.milliseconds();
        if (!committing && (context.takeCommitRequest() || now >= nextCommitMs)) {
            commitOffsets(now, false, new HashSet<>(currentOffsets.keySet()));
            nextCommitMs = now + commitIntervalMs;
        }
        if (committing && now >= commitStartedMs + commitTimeoutMs) {
            log.error("{} Commit of offsets timed out", this);
            consecutiveCommitFailures++;
            committing = false;
        }
        applyRewinds();

        long timeoutMs = Math.max(nextCommitMs - now, 0);
        long retryTimeoutMs = context.takeTimeout();
        if (retryTimeoutMs > 0) {
            timeoutMs = Math.min(timeoutMs, retryTimeoutMs);
        }
        ConsumerRecords<byte[], byte[]> records;
        try {
            records = consumer.poll(Duration.ofMillis(timeoutMs));
        } catch (WakeupException e) {
            // stop() or a target-state change: the caller and the next iteration look at the new state.
            log.trace("{} Consumer woken up", this);
            rethrowRebalanceException();
            return;
        }
        rethrowRebalanceException();
        if (!records.isEmpty()) {
            log.trace("{} Polled {} records", this, records.count());
            convertMessages(records);
        }
        deliverMessages();
    }

    @Override
    protected void close() {
        try {
            if (taskStarted && !currentOffsets.isEmpty()) {
                closePartitions(new HashSet<>(currentOffsets.keySet()), false);
            }
        } catch (Throwable t) {
            log.error("{} Could not commit offsets and close partitions while stopping", this, t);
        }
        // From here on the consumer's rebalance callbacks (consumer.close() revokes) must not call into the task.
        taskStopped = true;
        if (taskStarted) {
            try {
                task.stop();
            } catch (Throwable t) {
                log.warn("{} Sink task threw while stopping", this, t);
            }
        }
        closeQuietly(consumer, "consumer");
        closeQuietly(keyConverter, "key converter");
        closeQuietly(valueConverter, "value converter");
        closeQuietly(headerConverter, "header converter");
        context.close();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Pausing

    /** Applies a change of the connector's target state to the consumer and reports it. */
    private void updatePauseState() {
        boolean shouldPause = isPaused();
        if (shouldPause && !pausedForConnector) {
            pausedForConnector = true;
            consumer.pause(consumer.assignment());
            log.info("{} Paused all partitions of the paused connector", this);
            onPause();
            // Offsets of what was delivered before the pause should not wait for the next interval.
            context.requestCommit();
        } else if (!shouldPause && pausedForConnector) {
            pausedForConnector = false;
            if (!pausedForRedelivery) {
                resumeAllButTaskPaused();
            }
            log.info("{} Resumed partitions of the resumed connector", this);
            onResume();
        }
    }

    private void resumeAllButTaskPaused() {
        Set<TopicPartition> toResume = new HashSet<>(consumer.assignment());
        toResume.removeAll(context.pausedByTask());
        consumer.resume(toResume);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Conversion and delivery

    private void convertMessages(ConsumerRecords<byte[], byte[]> records) {
        for (ConsumerRecord<byte[], byte[]> record : records) {
            SinkRecord converted = convertAndTransform(record);
            if (converted != null) {
                batch.add(converted);
            } else {
                log.trace("{} Dropped record at offset {} of {}-{}", this, record.offset(), record.topic(),
                        record.partition());
            }
            // Dropped records count as consumed: their offset is committed with the batch.
            batchOffsets.put(new TopicPartition(record.topic(), record.partition()),
                    new OffsetAndMetadata(record.offset() + 1));
        }
    }

    /** @return the record to put, or null if a tolerated failure or a transformation dropped it */
    private SinkRecord convertAndTransform(ConsumerRecord<byte[], byte[]> record) {
        ProcessingContext<ConsumerRecord<byte[], byte[]>> processing = new ProcessingContext<>(record);
        String topic = record.topic();
        SchemaAndValue key = retryWithToleranceOperator.execute(processing,
                () -> keyConverter.toConnectData(topic, record.headers(), record.key()),
                Stage.KEY_CONVERTER, keyConverter.getClass());
        SchemaAndValue value = retryWithToleranceOperator.execute(processing,
                () -> valueConverter.toConnectData(topic, record.headers(), record.value()),
                Stage.VALUE_CONVERTER, valueConverter.getClass());
        ConnectHeaders headers = retryWithToleranceOperator.execute(processing,
                () -> convertHeaders(record), Stage.HEADER_CONVERTER, headerConverter.getClass());
        if (processing.failed() || key == null || value == null || headers == null) {
            return null;
        }
        recordActiveTopic(topic);

        Long timestamp = record.timestampType() == TimestampType.NO_TIMESTAMP_TYPE
                || record.timestamp() == ConsumerRecord.NO_TIMESTAMP ? null : record.timestamp();
        SinkRecord converted = new SinkRecord(topic, record.partition(), key.schema(), key.value(),
                value.schema(), value.value(), record.offset(), timestamp, record.timestampType(), headers);
        SinkRecord transformed = transformationChain == null
                ? new InternalSinkRecord(record, converted)
                : transformationChain.apply(processing, new InternalSinkRecord(record, converted));
        if (transformed == null || transformed instanceof InternalSinkRecord) {
            return transformed;
        }
        // A transformation built a record itself instead of through newRecord(): keep the link to the raw record.
        return new InternalSinkRecord(record, transformed);
    }

    private ConnectHeaders convertHeaders(ConsumerRecord<byte[], byte[]> record) {
        ConnectHeaders headers = new ConnectHeaders();
        for (org.apache.kafka.common.header.Header header : record.headers()) {
            SchemaAndValue converted = headerConverter.toConnectHeader(record.topic(), header.key(), header.value());
            headers.add(header.key(), converted == null ? SchemaAndValue.NULL : converted);
        }
        return headers;
    }

    /** Topic tracking (KIP-558): one status write per topic this connector is first seen consuming. */
    private void recordActiveTopic(String topic) {
        if (statusStore == null || !seenTopics.add(topic)) {
            return;
        }
        if (statusStore.getTopic(id.connector(), topic) != null) {
            return;
        }
        statusStore.put(new TopicStatus(topic, id.connector(), id.task(), time.milliseconds()));
    }

    private void deliverMessages() {
        // A copy: the task may keep the collection, and the batch must survive a RetriableException unchanged.
        List<SinkRecord> toDeliver = new ArrayList<>(batch);
        try {
            log.trace("{} Delivering batch of {} records to the task", this, toDeliver.size());
            task.put(toDeliver);
        } catch (RetriableException e) {
            log.error("{} RetriableException from SinkTask; the batch of {} records will be delivered again",
                    this, toDeliver.size(), e);
            if (!pausedForRedelivery) {
                pausedForRedelivery = true;
                consumer.pause(consumer.assignment());
            }
            return;
        } catch (RuntimeException e) {
            log.error("{} Task threw an uncaught and unrecoverable exception. Task is being killed and will not "
                    + "recover until manually restarted. Error: {}", this, e.getMessage(), e);
            throw new ConnectException("Exiting WorkerSinkTask due to unrecoverable exception.", e);
        }
        if (errantRecordReporter != null && !retryWithToleranceOperator.withinToleranceLimits()) {
            throw new ConnectException("Tolerance exceeded in error handler");
        }
        currentOffsets.putAll(batchOffsets);
        batchOffsets.clear();
        batch.clear();
        if (pausedForRedelivery) {
            pausedForRedelivery = false;
            if (!pausedForConnector) {
                resumeAllButTaskPaused();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Offsets

    /** Seeks to the offsets the task asked for through {@code context.offset(...)}, for partitions it owns. */
    private void applyRewinds() {
        Map<TopicPartition, Long> rewinds = context.takeRewinds(consumer.assignment());
        rewinds.forEach((partition, offset) -> {
            log.debug("{} Rewinding {} to offset {}", this, partition, offset);
            consumer.seek(partition, offset);
            // Only the current offset moves: the next commit then records the task's choice in the group.
            currentOffsets.put(partition, new OffsetAndMetadata(offset));
        });
        dropInFlight(rewinds.keySet());
    }

    /**
     * Commits the current offsets of {@code partitions}: after the task's {@code preCommit} and, when
     * {@code closing} (revocation or task exit), synchronously and followed by the task's {@code close}.
     */
    private void commitOffsets(long now, boolean closing, Set<TopicPartition> partitions) {
        if (errantRecordReporter != null) {
            // A reported record's offset may only be committed once it reached the dead letter queue.
            errantRecordReporter.awaitFutures(partitions);
        }
        Map<TopicPartition, OffsetAndMetadata> offsetsToCommit = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = currentOffsets.get(partition);
            if (offset != null) {
                offsetsToCommit.put(partition, offset);
            }
        }
        if (offsetsToCommit.isEmpty()) {
            log.debug("{} No offsets to commit", this);
            return;
        }

        Map<TopicPartition, OffsetAndMetadata> taskOffsets;
        try {
            taskOffsets = task.preCommit(new HashMap<>(offsetsToCommit));
        } catch (Throwable t) {
            consecutiveCommitFailures++;
            if (closing) {
                log.warn("{} Offset commit failed during close", this, t);
            } else {
                log.error("{} Offset commit failed, rewinding to last committed offsets", this, t);
                rewindToLastCommitted(offsetsToCommit.keySet());
            }
            return;
        } finally {
            if (closing) {
                task.close(offsetsToCommit.keySet());
            }
        }
        if (taskOffsets == null || taskOffsets.isEmpty()) {
            log.debug("{} Skipping offset commit, task opted-out by returning no offsets from preCommit", this);
            return;
        }

        Map<TopicPartition, OffsetAndMetadata> accepted = acceptedOffsets(taskOffsets, offsetsToCommit);
        accepted.entrySet().removeIf(entry -> entry.getValue().equals(lastCommittedOffsets.get(entry.getKey())));
        if (accepted.isEmpty()) {
            log.debug("{} Skipping offset commit, no change since last commit", this);
            return;
        }

        int seqNo = ++commitSeqNo;
        committing = true;
        commitStartedMs = now;
        log.debug("{} Committing offsets {} (sequence number {})", this, accepted, seqNo);
        if (closing) {
            try {
                commitSyncThroughWakeup(accepted);
                onCommitCompleted(null, seqNo, accepted);
            } catch (RuntimeException e) {
                onCommitCompleted(e, seqNo, accepted);
            }
        } else {
            consumer.commitAsync(accepted, (offsets, error) -> onCommitCompleted(error, seqNo, accepted));
        }
    }

    /**
     * The task's offsets that may be committed: only for partitions asked about, and never beyond what was consumed
     * (the task cannot have written what it was not given).
     */
    private Map<TopicPartition, OffsetAndMetadata> acceptedOffsets(Map<TopicPartition, OffsetAndMetadata> taskOffsets,
                                                                   Map<TopicPartition, OffsetAndMetadata> requested) {
        Map<TopicPartition, OffsetAndMetadata> accepted = new HashMap<>();
        Set<TopicPartition> assigned = consumer.assignment();
        taskOffsets.forEach((partition, offset) -> {
            OffsetAndMetadata current = requested.get(partition);
            if (current == null) {
                if (assigned.contains(partition)) {
                    log.debug("{} Ignoring task provided offset {} of {}: not part of this commit",
                            this, offset, partition);
                } else {
                    log.warn("{} Ignoring invalid task provided offset {} of {}: partition not assigned",
                            this, offset, partition);
                }
            } else if (offset == null || offset.offset() > current.offset()) {
                log.warn("{} Ignoring invalid task provided offset {} of {}: beyond the consumed offset {}",
                        this, offset, partition, current.offset());
            } else {
                accepted.put(partition, offset);
            }
        });
        return accepted;
    }

    private void onCommitCompleted(Exception error, int seqNo, Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (seqNo != commitSeqNo) {
            log.debug("{} Received out of order commit callback for sequence number {}, but most recent sequence "
                    + "number is {}", this, seqNo, commitSeqNo);
            return;
        }
        committing = false;
        if (error != null) {
            consecutiveCommitFailures++;
            log.error("{} Commit of offsets threw an unexpected exception for sequence number {}: {}",
                    this, seqNo, offsets, error);
        } else {
            consecutiveCommitFailures = 0;
            lastCommittedOffsets.putAll(offsets);
            log.debug("{} Finished committing offsets (sequence number {})", this, seqNo);
        }
    }

    /** After a failed {@code preCommit}: re-consume everything after the last commit, so nothing is lost. */
    private void rewindToLastCommitted(Set<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata committed = lastCommittedOffsets.get(partition);
            if (committed != null) {
                log.debug("{} Rewinding {} to last committed offset {}", this, partition, committed.offset());
                consumer.seek(partition, committed.offset());
                currentOffsets.put(partition, committed);
            }
        }
        dropInFlight(partitions);
    }

    /** Forgets consumed but undelivered records of {@code partitions}, which will be consumed again or not at all. */
    private void dropInFlight(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        batchOffsets.keySet().removeAll(partitions);
        batch.removeIf(record -> partitions.contains(consumedPartition(record)));
    }

    private static TopicPartition consumedPartition(SinkRecord record) {
        ConsumerRecord<byte[], byte[]> original = ((InternalSinkRecord) record).originalRecord();
        return new TopicPartition(original.topic(), original.partition());
    }

    private void commitSyncThroughWakeup(Map<TopicPartition, OffsetAndMetadata> offsets) {
        throughWakeup(() -> {
            consumer.commitSync(offsets);
            return null;
        });
    }

    /**
     * Runs a blocking consumer call outside {@code poll}. A wakeup is meant for the poll loop (stop, state change),
     * which re-checks the state anyway; it must not fail a commit or a rebalance callback, so the call is repeated
     * (a wakeup is consumed by the call it interrupts).
     */
    private <V> V throughWakeup(Supplier<V> call) {
        try {
            return call.get();
        } catch (WakeupException e) {
            log.debug("{} Consumer woken up outside poll; repeating the call", this);
            return call.get();
        }
    }

    /**
     * Ends this task's ownership of {@code partitions}: commit and close them, or, for partitions already owned by
     * another member ({@code lost}), only close them. Their records and offsets are then forgotten.
     */
    private void closePartitions(Set<TopicPartition> partitions, boolean lost) {
        try {
            if (lost) {
                if (errantRecordReporter != null) {
                    errantRecordReporter.cancelFutures(partitions);
                }
                task.close(partitions);
            } else {
                commitOffsets(time.milliseconds(), true, partitions);
            }
        } finally {
            currentOffsets.keySet().removeAll(partitions);
            lastCommittedOffsets.keySet().removeAll(partitions);
            dropInFlight(partitions);
        }
    }

    private void rethrowRebalanceException() {
        if (rebalanceException != null) {
            RuntimeException e = rebalanceException;
            rebalanceException = null;
            throw e;
        }
    }

    /**
     * Subscribes to {@code topics} or {@code topics.regex}, checked again here: the task config may differ from the
     * connector config that was validated.
     */
    private void subscribe() {
        Map<String, String> topicSettings = new HashMap<>(taskConfig);
        if (connectorConfig != null) {
            topicSettings.put(SinkConnectorConfig.DLQ_TOPIC_NAME_CONFIG, connectorConfig.dlqTopicName());
        }
        SinkConnectorConfig.validate(topicSettings);
        RebalanceListener listener = new RebalanceListener();
        if (SinkConnectorConfig.hasTopicsConfig(taskConfig)) {
            List<String> topics = List.copyOf(SinkConnectorConfig.parseTopicsList(taskConfig));
            consumer.subscribe(topics, listener);
            log.debug("{} Subscribed to topics {}", this, topics);
        } else {
            String regex = taskConfig.get(SinkConnectorConfig.TOPICS_REGEX_CONFIG);
            consumer.subscribe(Pattern.compile(regex), listener);
            log.debug("{} Subscribed to topics matching {}", this, regex);
        }
    }

    /** Consecutive failed commits; reset by a successful one. */
    int consecutiveCommitFailures() {
        return consecutiveCommitFailures;
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * Keeps the task's view of its partitions in step with the consumer group. Runs inside {@code poll} (or a
     * synchronous commit); exceptions are kept and rethrown after the poll, so the consumer is never left
     * half-way through a rebalance.
     */
    private final class RebalanceListener implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (taskStopped) {
                return;
            }
            log.debug("{} Partitions assigned {}", WorkerSinkTask.this, partitions);
            try {
                for (TopicPartition partition : partitions) {
                    OffsetAndMetadata position = new OffsetAndMetadata(throughWakeup(() -> consumer.position(partition)));
                    lastCommittedOffsets.put(partition, position);
                    currentOffsets.put(partition, position);
                }
                Set<TopicPartition> assigned = consumer.assignment();
                context.retainPausedByTask(assigned);
                if (pausedForRedelivery && batch.isEmpty()) {
                    // Everything awaiting redelivery belonged to revoked partitions.
                    pausedForRedelivery = false;
                    if (!pausedForConnector) {
                        resumeAllButTaskPaused();
                    }
                }
                if (pausedForRedelivery || pausedForConnector) {
                    consumer.pause(partitions);
                } else {
                    Set<TopicPartition> pausedByTask = new HashSet<>(partitions);
                    pausedByTask.retainAll(context.pausedByTask());
                    consumer.pause(pausedByTask);
                }
                if (!partitions.isEmpty()) {
                    task.open(partitions);
                }
                applyRewinds();
            } catch (RuntimeException e) {
                keep(e);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (taskStopped || partitions.isEmpty()) {
                return;
            }
            log.debug("{} Partitions revoked {}", WorkerSinkTask.this, partitions);
            try {
                closePartitions(new HashSet<>(partitions), false);
                context.retainPausedByTask(remaining(partitions));
            } catch (RuntimeException e) {
                keep(e);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            if (taskStopped || partitions.isEmpty()) {
                return;
            }
            log.info("{} Partitions lost {}", WorkerSinkTask.this, partitions);
            try {
                closePartitions(new HashSet<>(partitions), true);
                context.retainPausedByTask(remaining(partitions));
            } catch (RuntimeException e) {
                keep(e);
            }
        }

        private Set<TopicPartition> remaining(Collection<TopicPartition> removed) {
            Set<TopicPartition> remaining = new HashSet<>(consumer.assignment());
            remaining.removeAll(removed);
            return remaining;
        }

        private void keep(RuntimeException e) {
            log.error("{} Error in the consumer rebalance listener; it will be rethrown after the poll",
                    WorkerSinkTask.this, e);
            if (rebalanceException == null) {
                rebalanceException = e;
            }
        }
    }
}
