package org.apache.kafka.connect.runtime;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The records a source task has handed to the producer and that may not be acknowledged yet, kept in submission order
 * per source partition, so that offsets are only committed once everything before them has been written.
 * <p>
 * The committable offset of a source partition is the offset of the last record of the longest acknowledged prefix of
 * that partition's records: a record still in flight holds back every later record of its source partition (but not
 * of other partitions). Taking the committable offsets with {@link #committableOffsets()} forgets that prefix, so each
 * offset is handed out once. The {@code null} source partition is a partition like any other, and a record's offset is
 * committed as it is, {@code null} included.
 * <p>
 * Thread-safety: the task thread submits records, the producer's I/O thread acknowledges them and the offset
 * committer takes the committable offsets; all state is guarded by this object's monitor.
 */
final class SubmittedRecords {

    /** In-flight and acknowledged-but-not-yet-committed records, by source partition, oldest first. */
    private final Map<Map<String, Object>, Deque<SubmittedRecord>> records = new LinkedHashMap<>();
    /** Submitted records neither acknowledged nor dropped. */
    private int unacknowledged;

    /**
     * Starts tracking a record that is about to be sent.
     *
     * @param partition the record's source partition; may be {@code null}
     * @param offset    the record's source offset; may be {@code null}
     * @return the handle to {@link SubmittedRecord#ack() acknowledge} or {@link SubmittedRecord#drop() drop} it with
     */
    SubmittedRecord submit(Map<String, ?> partition, Map<String, ?> offset) {
        SubmittedRecord record = new SubmittedRecord(copy(partition), copy(offset));
        synchronized (this) {
            records.computeIfAbsent(record.partition, p -> new ArrayDeque<>()).addLast(record);
            unacknowledged++;
        }
        return record;
    }

    /**
     * Takes the offsets that became committable since the last call: for each source partition whose oldest records
     * are acknowledged, the offset of the newest of them. Those records are forgotten.
     */
    synchronized CommittableOffsets committableOffsets() {
        Map<Map<String, Object>, Map<String, Object>> offsets = new LinkedHashMap<>();
        int committable = 0;
        int uncommittable = 0;
        int largestDequeSize = 0;
        Map<String, Object> largestDequePartition = null;
        for (Iterator<Map.Entry<Map<String, Object>, Deque<SubmittedRecord>>> it = records.entrySet().iterator();
             it.hasNext(); ) {
            Map.Entry<Map<String, Object>, Deque<SubmittedRecord>> entry = it.next();
            Deque<SubmittedRecord> deque = entry.getValue();
            SubmittedRecord lastAcked = null;
            while (!deque.isEmpty() && deque.peekFirst().acked) {
                lastAcked = deque.pollFirst();
                committable++;
            }
            if (lastAcked != null) {
                offsets.put(entry.getKey(), lastAcked.offset);
            }
            if (deque.isEmpty()) {
                it.remove();
                continue;
            }
            uncommittable += deque.size();
            if (deque.size() > largestDequeSize) {
                largestDequeSize = deque.size();
                largestDequePartition = entry.getKey();
            }
        }
        return new CommittableOffsets(offsets, committable, uncommittable, records.size(), largestDequeSize,
                largestDequePartition);
    }

    /**
     * Waits until every submitted record has been acknowledged or dropped.
     *
     * @return true if none is left in flight; false on timeout or interruption (the interrupt flag is restored)
     */
    boolean awaitAllMessages(long timeout, TimeUnit unit) {
        long deadlineNs = System.nanoTime() + unit.toNanos(timeout);
        synchronized (this) {
            try {
                while (unacknowledged > 0) {
                    long remainingNs = deadlineNs - System.nanoTime();
                    if (remainingNs <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, remainingNs);
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Records submitted and neither acknowledged nor dropped yet. */
    synchronized int inFlight() {
        return unacknowledged;
    }

    private synchronized void acknowledge(SubmittedRecord record) {
        if (record.acked || record.dropped) {
            return;
        }
        record.acked = true;
        settled();
    }

    private synchronized boolean remove(SubmittedRecord record) {
        if (record.acked || record.dropped) {
            return false;
        }
        Deque<SubmittedRecord> deque = records.get(record.partition);
        // Normally the newest record of its partition (the one the producer just refused), so search from the end.
        if (deque == null || !deque.removeLastOccurrence(record)) {
            return false;
        }
        if (deque.isEmpty()) {
            records.remove(record.partition);
        }
        record.dropped = true;
        settled();
        return true;
    }

    /** Requires the monitor. */
    private void settled() {
        unacknowledged--;
        if (unacknowledged == 0) {
            notifyAll();
        }
    }

    // Keeps the iteration order: it decides the serialized form, and so the key under which the offset is stored.
    private static Map<String, Object> copy(Map<String, ?> map) {
        return map == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** One submitted record; its state is guarded by the enclosing {@link SubmittedRecords}. */
    final class SubmittedRecord {

        private final Map<String, Object> partition;
        private final Map<String, Object> offset;
        private boolean acked;
        private boolean dropped;

        private SubmittedRecord(Map<String, Object> partition, Map<String, Object> offset) {
            this.partition = partition;
            this.offset = offset;
        }

        /**
         * The record was written (or its failure tolerated): its offset may be committed once all earlier records of
         * its source partition are acknowledged too. Idempotent; no effect on a dropped record.
         */
        void ack() {
            acknowledge(this);
        }

        /**
         * Stops tracking a record that was not sent after all (the producer refused it and it will be submitted again),
         * so that it neither holds back later records nor gets its offset committed.
         *
         * @return true if the record was removed; false if it was already acknowledged or dropped
         */
        boolean drop() {
            return remove(this);
        }
    }

    /**
     * Offsets taken from {@link #committableOffsets()}, with what was left behind.
     *
     * @param offsets                  the committable offset of each source partition that has one
     * @param numCommittableMessages   records whose offsets these are (including those superseded by later ones)
     * @param numUncommittableMessages records still tracked: in flight, or acknowledged behind one in flight
     * @param numDeques                source partitions with records still tracked
     * @param largestDequeSize         the most records still tracked for one source partition
     * @param largestDequePartition    that source partition; {@code null} if none, or if it is the null partition
     */
    record CommittableOffsets(Map<Map<String, Object>, Map<String, Object>> offsets, int numCommittableMessages,
                              int numUncommittableMessages, int numDeques, int largestDequeSize,
                              Map<String, Object> largestDequePartition) {

        CommittableOffsets {
            offsets = Collections.unmodifiableMap(new LinkedHashMap<>(offsets));
        }

        boolean isEmpty() {
            return offsets.isEmpty();
        }

        boolean hasPending() {
            return numUncommittableMessages > 0;
        }
    }
}
