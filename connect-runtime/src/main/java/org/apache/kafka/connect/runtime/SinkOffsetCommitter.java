package org.apache.kafka.connect.runtime;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.runtime.errors.WorkerErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkTask;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The offset bookkeeping of one {@link WorkerSinkTask}: per assigned partition, the current offset (the next offset
 * after the last record the task accepted, or where the task rewound to) and the last committed one; when to commit;
 * which of the offsets the task's {@code preCommit} returns may be committed; and the rewinds that move a
 * partition's position.
 * <p>
 * Task thread only, like the consumer it uses. Commit callbacks arrive on that thread too, from inside consumer calls.
 */
final class SinkOffsetCommitter {

    private static final Logger log = LoggerFactory.getLogger(SinkOffsetCommitter.class);

    private final String owner;
    private final SinkTask task;
    private final Consumer<byte[], byte[]> consumer;
    private final WorkerSinkTaskContext context;
    private final WorkerErrantRecordReporter errantRecordReporter;
    private final Time time;
    private final long commitIntervalMs;
    private final long commitTimeoutMs;
    private final java.util.function.Consumer<Set<TopicPartition>> discardUndelivered;
    private final TaskMetrics taskMetrics;
    private final SinkTaskMetrics sinkMetrics;

    private final Map<TopicPartition, OffsetAndMetadata> currentOffsets = new HashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> lastCommittedOffsets = new HashMap<>();
    /** Per partition, the offset after the last record read; with the committed offsets it gives the active count. */
    private final Map<TopicPartition, Long> readPositions = new HashMap<>();
    private boolean committing;
    private long commitStartedMs;
    private int commitSeqNo;
    private long nextCommitMs;
    private int consecutiveCommitFailures;

    /**
     * @param owner              how log lines name the task
     * @param errantRecordReporter the task's reporter, whose pending reports a commit waits for; nullable
     * @param discardUndelivered forgets the consumed but not yet delivered records of partitions whose position moved
     *                           or that went away; they will be consumed again, or not at all
     */
    SinkOffsetCommitter(String owner, SinkTask task, Consumer<byte[], byte[]> consumer,
                        WorkerSinkTaskContext context, WorkerErrantRecordReporter errantRecordReporter, Time time,
                        long commitIntervalMs, long commitTimeoutMs,
                        java.util.function.Consumer<Set<TopicPartition>> discardUndelivered,
                        TaskMetrics taskMetrics, SinkTaskMetrics sinkMetrics) {
        this.owner = owner;
        this.taskMetrics = taskMetrics;
        this.sinkMetrics = sinkMetrics;
        this.task = task;
        this.consumer = consumer;
        this.context = context;
        this.errantRecordReporter = errantRecordReporter;
        this.time = time;
        this.commitIntervalMs = commitIntervalMs;
        this.commitTimeoutMs = commitTimeoutMs;
        this.discardUndelivered = discardUndelivered;
        this.nextCommitMs = time.milliseconds() + commitIntervalMs;
    }

    /**
     * Starts a commit of all current offsets if the task asked for one or the interval is up, unless one is still
     * running; gives up waiting for a commit that ran past the commit timeout.
     */
    void commitIfDue(long now) {
        // A commit request made while a commit runs stays pending for the next call.
        if (!committing && (context.takeCommitRequest() || now >= nextCommitMs)) {
            commit(now, false, new HashSet<>(currentOffsets.keySet()));
            nextCommitMs = now + commitIntervalMs;
        }
        if (committing && now >= commitStartedMs + commitTimeoutMs) {
            log.error("{} Commit of offsets timed out", owner);
            consecutiveCommitFailures++;
            taskMetrics.recordCommitFailure();
            committing = false;
        }
    }

    /** How long a poll may block without delaying the next scheduled commit. */
    long msUntilNextCommit(long now) {
        return Math.max(nextCommitMs - now, 0);
    }

    /** Records were read: they are active until their offsets are committed. */
    void read(TopicPartition partition, long nextOffset) {
        readPositions.put(partition, nextOffset);
    }

    /** Records the number of records read but not yet committed. */
    void recordActiveRecords() {
        long active = 0;
        for (Map.Entry<TopicPartition, Long> read : readPositions.entrySet()) {
            OffsetAndMetadata committed = lastCommittedOffsets.get(read.getKey());
            if (committed != null) {
                active += Math.max(0, read.getValue() - committed.offset());
            }
        }
        sinkMetrics.recordActiveRecords(active);
    }

    /** The task accepted a batch: its offsets become current. */
    void delivered(Map<TopicPartition, OffsetAndMetadata> batchOffsets) {
        currentOffsets.putAll(batchOffsets);
    }

    /** Newly assigned partitions start from the consumer's position, which is also the group's committed offset. */
    void partitionsAssigned(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata position = new OffsetAndMetadata(throughWakeup(() -> consumer.position(partition)));
            lastCommittedOffsets.put(partition, position);
            currentOffsets.put(partition, position);
        }
    }

    /** Seeks to the offsets the task asked for through {@code context.offset(...)}, for partitions it owns. */
    void applyRewinds() {
        Map<TopicPartition, Long> rewinds = context.takeRewinds(consumer.assignment());
        rewinds.forEach((partition, offset) -> {
            log.debug("{} Rewinding {} to offset {}", owner, partition, offset);
            consumer.seek(partition, offset);
            readPositions.put(partition, offset);
            // Only the current offset moves: the next commit then records the task's choice in the group.
            currentOffsets.put(partition, new OffsetAndMetadata(offset));
        });
        discardUndelivered.accept(rewinds.keySet());
    }

    /**
     * Ends the task's ownership of {@code partitions}: commits and closes them, or, for partitions already owned by
     * another member ({@code lost}), only closes them. Their offsets and undelivered records are then forgotten.
     */
    void closePartitions(Set<TopicPartition> partitions, boolean lost) {
        try {
            if (lost) {
                if (errantRecordReporter != null) {
                    errantRecordReporter.cancelFutures(partitions);
                }
                task.close(partitions);
            } else {
                commit(time.milliseconds(), true, partitions);
            }
        } finally {
            currentOffsets.keySet().removeAll(partitions);
            lastCommittedOffsets.keySet().removeAll(partitions);
            readPositions.keySet().removeAll(partitions);
            discardUndelivered.accept(partitions);
        }
    }

    /** Commits and closes every partition that has offsets, as the task stops. */
    void closeAll() {
        if (!currentOffsets.isEmpty()) {
            closePartitions(new HashSet<>(currentOffsets.keySet()), false);
        }
    }

    /** Consecutive failed commits; reset by a successful one. */
    int consecutiveCommitFailures() {
        return consecutiveCommitFailures;
    }

    /**
     * Commits the current offsets of {@code partitions}: after the task's {@code preCommit} and, when
     * {@code closing} (revocation or task exit), synchronously and followed by the task's {@code close}.
     */
    private void commit(long now, boolean closing, Set<TopicPartition> partitions) {
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
            log.debug("{} No offsets to commit", owner);
            return;
        }

        Map<TopicPartition, OffsetAndMetadata> taskOffsets;
        try {
            taskOffsets = task.preCommit(new HashMap<>(offsetsToCommit));
        } catch (Throwable t) {
            consecutiveCommitFailures++;
            taskMetrics.recordCommitFailure();
            if (closing) {
                log.warn("{} Offset commit failed during close", owner, t);
            } else {
                log.error("{} Offset commit failed, rewinding to last committed offsets", owner, t);
                rewindToLastCommitted(offsetsToCommit.keySet());
            }
            return;
        } finally {
            if (closing) {
                task.close(offsetsToCommit.keySet());
            }
        }
        if (taskOffsets == null || taskOffsets.isEmpty()) {
            log.debug("{} Skipping offset commit, task opted-out by returning no offsets from preCommit", owner);
            return;
        }

        Map<TopicPartition, OffsetAndMetadata> accepted = acceptedOffsets(taskOffsets, offsetsToCommit);
        accepted.entrySet().removeIf(entry -> entry.getValue().equals(lastCommittedOffsets.get(entry.getKey())));
        if (accepted.isEmpty()) {
            log.debug("{} Skipping offset commit, no change since last commit", owner);
            return;
        }

        int seqNo = ++commitSeqNo;
        sinkMetrics.commitSeqNo(seqNo);
        committing = true;
        commitStartedMs = now;
        log.debug("{} Committing offsets {} (sequence number {})", owner, accepted, seqNo);
        if (closing) {
            try {
                throughWakeup(() -> {
                    consumer.commitSync(accepted);
                    return null;
                });
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
                            owner, offset, partition);
                } else {
                    log.warn("{} Ignoring invalid task provided offset {} of {}: partition not assigned",
                            owner, offset, partition);
                }
            } else if (offset == null || offset.offset() > current.offset()) {
                log.warn("{} Ignoring invalid task provided offset {} of {}: beyond the consumed offset {}",
                        owner, offset, partition, current.offset());
            } else {
                accepted.put(partition, offset);
            }
        });
        return accepted;
    }

    private void onCommitCompleted(Exception error, int seqNo, Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (seqNo != commitSeqNo) {
            log.debug("{} Received out of order commit callback for sequence number {}, but most recent sequence "
                    + "number is {}", owner, seqNo, commitSeqNo);
            sinkMetrics.recordCommitSkipped();
            return;
        }
        committing = false;
        if (error != null) {
            consecutiveCommitFailures++;
            taskMetrics.recordCommitFailure();
            log.error("{} Commit of offsets threw an unexpected exception for sequence number {}: {}",
                    owner, seqNo, offsets, error);
        } else {
            consecutiveCommitFailures = 0;
            lastCommittedOffsets.putAll(offsets);
            taskMetrics.recordCommitSuccess(time.milliseconds() - commitStartedMs);
            sinkMetrics.recordCommitCompleted();
            recordActiveRecords();
            log.debug("{} Finished committing offsets (sequence number {})", owner, seqNo);
        }
    }

    /** After a failed {@code preCommit}: re-consume everything after the last commit, so nothing is lost. */
    private void rewindToLastCommitted(Set<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata committed = lastCommittedOffsets.get(partition);
            if (committed != null) {
                log.debug("{} Rewinding {} to last committed offset {}", owner, partition, committed.offset());
                consumer.seek(partition, committed.offset());
                readPositions.put(partition, committed.offset());
                currentOffsets.put(partition, committed);
            }
        }
        discardUndelivered.accept(partitions);
    }

    /**
     * Runs a blocking consumer call that a wakeup may interrupt (a commit, or {@code position} inside a rebalance
     * callback). A wakeup is meant for the poll loop (stop, state change) and must not fail this call, so the call is
     * repeated; the wakeup is then re-armed, because it was consumed here and a callback runs inside {@code poll},
     * which would otherwise keep blocking without seeing the state change.
     */
    private <V> V throughWakeup(Supplier<V> call) {
        try {
            return call.get();
        } catch (WakeupException e) {
            log.debug("{} Consumer woken up outside the poll loop; repeating the call", owner);
            try {
                return call.get();
            } finally {
                consumer.wakeup();
            }
        }
    }
}
