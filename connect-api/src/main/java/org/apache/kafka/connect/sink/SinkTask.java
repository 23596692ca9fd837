package org.apache.kafka.connect.sink;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.annotation.InterfaceAudience;
import org.apache.kafka.connect.connector.Task;

import java.util.Collection;
import java.util.Map;

/**
 * A task that writes records consumed from Kafka to another system. The runtime calls {@link #put} with batches
 * of records and periodically {@link #preCommit} to learn which offsets are safe to commit.
 */
@InterfaceAudience.Public
public abstract class SinkTask implements Task {

    /**
     * The configuration key listing the topics the task consumes.
     */
    public static final String TOPICS_CONFIG = "topics";

    /**
     * The configuration key holding a regex of topics the task consumes.
     */
    public static final String TOPICS_REGEX_CONFIG = "topics.regex";

    protected SinkTaskContext context;

    public void initialize(SinkTaskContext context) {
        this.context = context;
    }

    @Override
    public abstract void start(Map<String, String> props);

    /**
     * Writes (or buffers) a batch of records. May throw {@code RetriableException} to have the batch redelivered.
     */
    public abstract void put(Collection<SinkRecord> records);

    /**
     * Makes everything passed to {@link #put} so far durable. Does nothing by default.
     */
    public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    }

    /**
     * Called before offsets are committed; by default flushes and lets all consumed offsets be committed.
     *
     * @return the offsets that may be committed (empty or null: commit nothing)
     */
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        flush(currentOffsets);
        return currentOffsets;
    }

    /**
     * Called when partitions are assigned to the task, before any of their records are delivered.
     */
    public void open(Collection<TopicPartition> partitions) {
    }

    /**
     * Called when partitions are taken away from the task; their records will no longer be delivered.
     */
    public void close(Collection<TopicPartition> partitions) {
    }

    @Override
    public abstract void stop();
}
