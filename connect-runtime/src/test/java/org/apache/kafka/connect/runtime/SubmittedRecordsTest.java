package org.apache.kafka.connect.runtime;

import org.apache.kafka.connect.runtime.SubmittedRecords.CommittableOffsets;
import org.apache.kafka.connect.runtime.SubmittedRecords.SubmittedRecord;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubmittedRecordsTest {

    private static final Map<String, Object> P1 = Map.of("file", "a.txt");
    private static final Map<String, Object> P2 = Map.of("file", "b.txt");

    private final SubmittedRecords records = new SubmittedRecords();

    @Test
    void nothingSubmittedMeansNothingToCommit() {
        CommittableOffsets offsets = records.committableOffsets();
        assertTrue(offsets.isEmpty());
        assertFalse(offsets.hasPending());
        assertEquals(0, offsets.numDeques());
        assertTrue(records.awaitAllMessages(0, TimeUnit.MILLISECONDS));
    }

    @Test
    void inOrderAcksCommitTheNewestOffset() {
        SubmittedRecord first = records.submit(P1, offset(1));
        SubmittedRecord second = records.submit(P1, offset(2));
        first.ack();
        second.ack();

        CommittableOffsets offsets = records.committableOffsets();
        assertEquals(Map.of(P1, offset(2)), offsets.offsets());
        assertEquals(2, offsets.numCommittableMessages());
        assertEquals(0, offsets.numUncommittableMessages());
        assertEquals(0, offsets.numDeques());
    }

    @Test
    void anUnacknowledgedRecordHoldsBackLaterOnesOfItsPartition() {
        SubmittedRecord first = records.submit(P1, offset(1));
        SubmittedRecord second = records.submit(P1, offset(2));
        SubmittedRecord third = records.submit(P1, offset(3));
        third.ack();
        second.ack();

        CommittableOffsets held = records.committableOffsets();
        assertTrue(held.isEmpty());
        assertEquals(3, held.numUncommittableMessages());
        assertEquals(1, held.numDeques());
        assertEquals(3, held.largestDequeSize());
        assertEquals(P1, held.largestDequePartition());

        first.ack();
        CommittableOffsets released = records.committableOffsets();
        assertEquals(Map.of(P1, offset(3)), released.offsets());
        assertEquals(3, released.numCommittableMessages());
    }

    @Test
    void onlyTheAcknowledgedPrefixIsCommitted() {
        SubmittedRecord first = records.submit(P1, offset(1));
        SubmittedRecord second = records.submit(P1, offset(2));
        records.submit(P1, offset(3));
        SubmittedRecord fourth = records.submit(P1, offset(4));
        fourth.ack();
        second.ack();
        first.ack();

        CommittableOffsets offsets = records.committableOffsets();
        assertEquals(Map.of(P1, offset(2)), offsets.offsets());
        assertEquals(2, offsets.numCommittableMessages());
        assertEquals(2, offsets.numUncommittableMessages());
    }

    @Test
    void partitionsAreTrackedIndependently() {
        SubmittedRecord a1 = records.submit(P1, offset(1));
        SubmittedRecord b1 = records.submit(P2, offset(10));
        SubmittedRecord a2 = records.submit(P1, offset(2));
        SubmittedRecord b2 = records.submit(P2, offset(11));
        b1.ack();
        a2.ack();
        b2.ack();

        CommittableOffsets offsets = records.committableOffsets();
        assertEquals(Map.of(P2, offset(11)), offsets.offsets());
        assertEquals(1, offsets.numDeques());
        assertEquals(P1, offsets.largestDequePartition());

        a1.ack();
        assertEquals(Map.of(P1, offset(2)), records.committableOffsets().offsets());
    }

    @Test
    void offsetsAreHandedOutOnlyOnce() {
        records.submit(P1, offset(1)).ack();
        assertEquals(Map.of(P1, offset(1)), records.committableOffsets().offsets());
        assertTrue(records.committableOffsets().isEmpty());

        records.submit(P1, offset(2)).ack();
        assertEquals(Map.of(P1, offset(2)), records.committableOffsets().offsets());
    }

    @Test
    void theNullPartitionAndNullOffsetsAreTrackedLikeOthers() {
        SubmittedRecord withoutPartition = records.submit(null, offset(7));
        SubmittedRecord withoutOffset = records.submit(P1, null);
        SubmittedRecord blocked = records.submit(null, offset(8));
        blocked.ack();
        withoutOffset.ack();

        CommittableOffsets offsets = records.committableOffsets();
        assertEquals(Collections.singletonMap(P1, null), offsets.offsets());
        assertNull(offsets.largestDequePartition());
        assertEquals(2, offsets.largestDequeSize());

        withoutPartition.ack();
        assertEquals(Collections.singletonMap(null, offset(8)), records.committableOffsets().offsets());
    }

    @Test
    void equalPartitionMapsShareAQueueAndKeepTheirIterationOrder() {
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("z", 1);
        ordered.put("a", 2);
        Map<String, Object> sameContent = new HashMap<>(ordered);
        SubmittedRecord first = records.submit(ordered, offset(1));
        SubmittedRecord second = records.submit(sameContent, offset(2));
        second.ack();
        assertTrue(records.committableOffsets().isEmpty());

        first.ack();
        Map<Map<String, Object>, Map<String, Object>> committed = records.committableOffsets().offsets();
        assertEquals(Map.of(ordered, offset(2)), committed);
        assertEquals(List.of("z", "a"), List.copyOf(committed.keySet().iterator().next().keySet()));
    }

    @Test
    void theCallersMapsAreCopied() {
        Map<String, Object> partition = new HashMap<>(P1);
        Map<String, Object> offset = new HashMap<>(offset(1));
        records.submit(partition, offset).ack();
        partition.put("file", "changed");
        offset.put("line", 99L);

        assertEquals(Map.of(P1, offset(1)), records.committableOffsets().offsets());
    }

    @Test
    void aDroppedRecordNeitherBlocksNorCommits() {
        SubmittedRecord sent = records.submit(P1, offset(1));
        SubmittedRecord refused = records.submit(P1, offset(2));
        assertTrue(refused.drop());
        assertFalse(refused.drop());
        sent.ack();

        assertEquals(Map.of(P1, offset(1)), records.committableOffsets().offsets());
        assertTrue(records.awaitAllMessages(0, TimeUnit.MILLISECONDS));

        // Acknowledging it anyway changes nothing, not even the count of records in flight.
        refused.ack();
        assertTrue(records.committableOffsets().isEmpty());
        assertEquals(0, records.inFlight());
    }

    @Test
    void droppingTheOnlyRecordOfAPartitionForgetsThePartition() {
        records.submit(P1, offset(1)).drop();
        CommittableOffsets offsets = records.committableOffsets();
        assertTrue(offsets.isEmpty());
        assertEquals(0, offsets.numDeques());
    }

    @Test
    void anAcknowledgedRecordCannotBeDroppedAndAcksAreIdempotent() {
        SubmittedRecord record = records.submit(P1, offset(1));
        SubmittedRecord later = records.submit(P1, offset(2));
        record.ack();
        record.ack();
        assertFalse(record.drop());
        assertEquals(1, records.inFlight());
        later.ack();
        assertEquals(Map.of(P1, offset(2)), records.committableOffsets().offsets());
    }

    @Test
    void awaitAllMessagesTimesOutWhileRecordsAreInFlight() {
        records.submit(P1, offset(1));
        long start = System.nanoTime();
        assertFalse(records.awaitAllMessages(50, TimeUnit.MILLISECONDS));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(50));
    }

    @Test
    void awaitAllMessagesReturnsOnceAnotherThreadAcknowledgesTheLastRecord() throws Exception {
        SubmittedRecord first = records.submit(P1, offset(1));
        SubmittedRecord second = records.submit(P2, offset(1));
        CompletableFuture<Boolean> awaited = CompletableFuture.supplyAsync(
                () -> records.awaitAllMessages(30, TimeUnit.SECONDS));
        first.ack();
        Thread.sleep(20);
        assertFalse(awaited.isDone());
        second.ack();
        assertTrue(awaited.get(10, TimeUnit.SECONDS));
    }

    @Test
    void awaitAllMessagesGivesUpWhenInterrupted() {
        records.submit(P1, offset(1));
        Thread.currentThread().interrupt();
        try {
            assertFalse(records.awaitAllMessages(10, TimeUnit.SECONDS));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    private static Map<String, Object> offset(long position) {
        return Map.of("position", position);
    }
}
