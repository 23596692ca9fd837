package org.apache.kafka.connect.runtime;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Why a sink task's partitions are paused, and the consumer's pauses that follow from it. The worker holds every
 * partition paused while the connector is paused or while a batch waits for redelivery (polling goes on, so the
 * consumer stays in its group); the task pauses partitions of its own through its context. Each reason is kept
 * apart, so that ending one leaves the pauses of the others in place.
 * <p>
 * Task thread only, like the consumer.
 */
final class SinkPartitionPauses {

    private static final Logger log = LoggerFactory.getLogger(SinkPartitionPauses.class);

    private final String owner;
    private final Consumer<byte[], byte[]> consumer;
    private final Set<TopicPartition> pausedByTask = new HashSet<>();
    private boolean pausedForConnector;
    private boolean pausedForRedelivery;

    /** @param owner how log lines name the task */
    SinkPartitionPauses(String owner, Consumer<byte[], byte[]> consumer) {
        this.owner = owner;
        this.consumer = consumer;
    }

    /** Whether the worker holds every partition paused, for the connector or for a redelivery. */
    boolean allPaused() {
        return pausedForConnector || pausedForRedelivery;
    }

    /** @return false if the partitions already were paused for the connector */
    boolean pauseForConnector() {
        if (pausedForConnector) {
            return false;
        }
        pausedForConnector = true;
        consumer.pause(consumer.assignment());
        return true;
    }

    /** @return false if the partitions were not paused for the connector */
    boolean resumeForConnector() {
        if (!pausedForConnector) {
            return false;
        }
        pausedForConnector = false;
        if (!pausedForRedelivery) {
            resumeAllButPausedByTask();
        }
        return true;
    }

    /** A batch failed with a retriable error: hold everything while it is delivered again. */
    void pauseForRedelivery() {
        if (!pausedForRedelivery) {
            pausedForRedelivery = true;
            consumer.pause(consumer.assignment());
        }
    }

    /** The batch awaiting redelivery was delivered, or is gone. */
    void redeliveryDone() {
        if (pausedForRedelivery) {
            pausedForRedelivery = false;
            if (!pausedForConnector) {
                resumeAllButPausedByTask();
            }
        }
    }

    /** The task paused {@code partitions}, which must be assigned. */
    void pauseForTask(Set<TopicPartition> partitions) {
        pausedByTask.addAll(partitions);
        if (allPaused()) {
            log.debug("{} Worker holds all partitions paused; {} stay paused after it resumes", owner, partitions);
        } else {
            consumer.pause(partitions);
        }
    }

    /** The task resumed {@code partitions}, which must be assigned. */
    void resumeForTask(Set<TopicPartition> partitions) {
        pausedByTask.removeAll(partitions);
        if (allPaused()) {
            log.debug("{} Worker holds all partitions paused; {} resume when it resumes", owner, partitions);
        } else {
            consumer.resume(partitions);
        }
    }

    /**
     * Pauses newly assigned partitions as the current reasons require.
     *
     * @param nothingToRedeliver whether the batch awaiting redelivery is empty now (its partitions were revoked)
     */
    void partitionsAssigned(Collection<TopicPartition> partitions, boolean nothingToRedeliver) {
        pausedByTask.retainAll(consumer.assignment());
        if (nothingToRedeliver) {
            redeliveryDone();
        }
        if (allPaused()) {
            consumer.pause(partitions);
        } else {
            Set<TopicPartition> toPause = new HashSet<>(partitions);
            toPause.retainAll(pausedByTask);
            consumer.pause(toPause);
        }
    }

    /** Forgets task pauses of partitions no longer assigned, so that a later re-assignment starts unpaused. */
    void partitionsRemoved(Collection<TopicPartition> partitions) {
        Set<TopicPartition> remaining = new HashSet<>(consumer.assignment());
        remaining.removeAll(partitions);
        pausedByTask.retainAll(remaining);
    }

    private void resumeAllButPausedByTask() {
        Set<TopicPartition> toResume = new HashSet<>(consumer.assignment());
        toResume.removeAll(pausedByTask);
        consumer.resume(toResume);
    }
}
