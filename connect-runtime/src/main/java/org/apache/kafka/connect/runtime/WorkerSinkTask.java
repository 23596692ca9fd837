package org.apache.kafka.connect.runtime;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.runtime.errors.ProcessingContext;
import org.apache.kafka.connect.runtime.errors.RetryWithToleranceOperator;
import org.apache.kafka.connect.runtime.errors.WorkerErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
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
import java.util.OptionalLong;
import java.util.Set;
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
    private static final Duration CONSUMER_CLOSE_TIMEOUT = Duration.ofSeconds(1);

    private final SinkTask task;
    private final Map<String, String> taskConfig;
    private final SinkConnectorConfig connectorConfig;
    private final TaskConverters converters;
    private final SinkRecordConverter recordConverter;
    private final Consumer<byte[], byte[]> consumer;
    private final WorkerErrantRecordReporter errantRecordReporter;
    private final StatusBackingStore statusStore;
    private final SinkPartitionPauses pauses;
    private final WorkerSinkTaskContext context;
    private final SinkOffsetCommitter offsets;
    private final SinkTaskMetrics sinkMetrics;

    // Task-thread state: the records consumed since the last delivered batch, and the offsets after them, which
    // become the partitions' current offsets once the task accepts the batch.
    private final List<SinkRecord> batch = new ArrayList<>();
    private final Map<TopicPartition, OffsetAndMetadata> batchOffsets = new HashMap<>();
    private final Set<String> seenTopics = new HashSet<>();
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
                time, (Metrics) null);
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
        this(id, task, taskConfig, statusListener, initialState, workerConfig, connectorConfig, converters,
                transformationChain, retryWithToleranceOperator, consumer, errantRecordReporter, statusStore, loader,
                time, new ConnectMetrics(pluginMetricsRegistry == null ? new Metrics(time) : pluginMetricsRegistry));
    }

    /**
     * @param metrics where the task's metrics (task, sink task and plugin metrics) are registered
     */
    public WorkerSinkTask(ConnectorTaskId id, SinkTask task, Map<String, String> taskConfig,
                          TaskStatus.Listener statusListener, TargetState initialState, WorkerConfig workerConfig,
                          SinkConnectorConfig connectorConfig, TaskConverters converters,
                          TransformationChain<ConsumerRecord<byte[], byte[]>, SinkRecord> transformationChain,
                          RetryWithToleranceOperator<ConsumerRecord<byte[], byte[]>> retryWithToleranceOperator,
                          Consumer<byte[], byte[]> consumer, WorkerErrantRecordReporter errantRecordReporter,
                          StatusBackingStore statusStore, ClassLoader loader, Time time, ConnectMetrics metrics) {
        super(id, statusListener, initialState, loader, time, retryWithToleranceOperator, transformationChain,
                metrics);
        this.sinkMetrics = new SinkTaskMetrics(metrics, id);
        this.task = task;
        this.taskConfig = Collections.unmodifiableMap(new HashMap<>(taskConfig));
        this.connectorConfig = connectorConfig;
        this.converters = converters;
        this.recordConverter = new SinkRecordConverter(converters, retryWithToleranceOperator);
        this.consumer = consumer;
        this.errantRecordReporter = errantRecordReporter;
        this.statusStore = statusStore;
        this.pauses = new SinkPartitionPauses(toString(), consumer);
        this.context = new WorkerSinkTaskContext(id, taskConfig, consumer, errantRecordReporter, pauses,
                metrics.metrics());
        this.offsets = new SinkOffsetCommitter(toString(), task, consumer, context, errantRecordReporter, time,
                workerConfig.getLong(WorkerConfig.OFFSET_COMMIT_INTERVAL_MS_CONFIG),
                workerConfig.getLong(WorkerConfig.OFFSET_COMMIT_TIMEOUT_MS_CONFIG), this::discardUndelivered,
                taskMetrics(), sinkMetrics);
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
        offsets.commitIfDue(now);
        offsets.applyRewinds();

        long timeoutMs = offsets.msUntilNextCommit(now);
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
            sinkMetrics.recordRead(records.count());
            convertMessages(records);
            recordReadPositions(records);
        }
        deliverMessages();
    }

    @Override
    protected void close() {
        try {
            if (taskStarted) {
                offsets.closeAll();
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
        // Offsets are committed by now. A bounded close still sends LeaveGroup, but does not wait for a JoinGroup in
        // flight: when several tasks of one connector stop together, each would wait for the others' rejoin.
        closeQuietly(() -> consumer.close(CloseOptions.timeout(CONSUMER_CLOSE_TIMEOUT)), "consumer");
        closeQuietly(converters.keyConverter(), "key converter");
        closeQuietly(converters.valueConverter(), "value converter");
        closeQuietly(converters.headerConverter(), "header converter");
        context.close();
    }

    @Override
    public void removeMetrics() {
        super.removeMetrics();
        sinkMetrics.close();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Pausing

    /** Applies a change of the connector's target state to the consumer and reports it. */
    private void updatePauseState() {
        if (isPaused()) {
            if (pauses.pauseForConnector()) {
                log.info("{} Paused all partitions of the paused connector", this);
                onPause();
                // Offsets of what was delivered before the pause should not wait for the next interval.
                context.requestCommit();
            }
        } else if (pauses.resumeForConnector()) {
            log.info("{} Resumed partitions of the resumed connector", this);
            onResume();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Conversion and delivery

    /** Active records and lag, from what the consumer returned (the lag is known locally, without a request). */
    private void recordReadPositions(ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> partitionRecords = records.records(partition);
            offsets.read(partition, partitionRecords.get(partitionRecords.size() - 1).offset() + 1);
            OptionalLong lag = consumer.currentLag(partition);
            if (lag.isPresent()) {
                sinkMetrics.recordLag(lag.getAsLong());
            }
        }
        offsets.recordActiveRecords();
    }

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
        SinkRecord converted = recordConverter.convert(processing, record);
        if (converted == null) {
            return null;
        }
        recordActiveTopic(record.topic());
        SinkRecord transformed = transformationChain == null
                ? new InternalSinkRecord(record, converted)
                : transformationChain.apply(processing, new InternalSinkRecord(record, converted));
        if (transformed == null || transformed instanceof InternalSinkRecord) {
            return transformed;
        }
        // A transformation built a record itself instead of through newRecord(): keep the link to the raw record.
        return new InternalSinkRecord(record, transformed);
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
            long startMs = time.milliseconds();
            task.put(toDeliver);
            sinkMetrics.recordPut(time.milliseconds() - startMs);
        } catch (RetriableException e) {
            log.error("{} RetriableException from SinkTask; the batch of {} records will be delivered again",
                    this, toDeliver.size(), e);
            pauses.pauseForRedelivery();
            return;
        } catch (RuntimeException e) {
            log.error("{} Task threw an uncaught and unrecoverable exception. Task is being killed and will not "
                    + "recover until manually restarted. Error: {}", this, e.getMessage(), e);
            throw new ConnectException("Exiting WorkerSinkTask due to unrecoverable exception.", e);
        }
        if (errantRecordReporter != null && !retryWithToleranceOperator.withinToleranceLimits()) {
            throw new ConnectException("Tolerance exceeded in error handler");
        }
        if (!toDeliver.isEmpty()) {
            sinkMetrics.recordSend(toDeliver.size());
            taskMetrics().recordBatch(toDeliver.size());
        }
        offsets.delivered(batchOffsets);
        batchOffsets.clear();
        batch.clear();
        pauses.redeliveryDone();
    }

    /** Forgets consumed but undelivered records of {@code partitions}, which will be consumed again or not at all. */
    private void discardUndelivered(Set<TopicPartition> partitions) {
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
        return offsets.consecutiveCommitFailures();
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
                offsets.partitionsAssigned(partitions);
                // An empty batch here means everything awaiting redelivery belonged to revoked partitions.
                pauses.partitionsAssigned(partitions, batch.isEmpty());
                if (!partitions.isEmpty()) {
                    task.open(partitions);
                }
                offsets.applyRewinds();
            } catch (RuntimeException e) {
                keep(e);
            }
            sinkMetrics.partitionCount(consumer.assignment().size());
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (taskStopped || partitions.isEmpty()) {
                return;
            }
            log.debug("{} Partitions revoked {}", WorkerSinkTask.this, partitions);
            removePartitions(partitions, false);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            if (taskStopped || partitions.isEmpty()) {
                return;
            }
            log.info("{} Partitions lost {}", WorkerSinkTask.this, partitions);
            removePartitions(partitions, true);
        }

        /** Revoked partitions are committed then closed; lost ones (owned by another member by now) only closed. */
        private void removePartitions(Collection<TopicPartition> partitions, boolean lost) {
            try {
                offsets.closePartitions(new HashSet<>(partitions), lost);
                pauses.partitionsRemoved(partitions);
            } catch (RuntimeException e) {
                keep(e);
            }
            // Still listed by the consumer while the callback runs.
            Set<TopicPartition> remaining = new HashSet<>(consumer.assignment());
            remaining.removeAll(partitions);
            sinkMetrics.partitionCount(remaining.size());
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
