package org.apache.kafka.connect.runtime.distributed;

import org.apache.kafka.connect.runtime.distributed.HerderRequestQueue.Request;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ordering, due times and failure routing of the distributed herder's request queue. */
class HerderRequestQueueTest {

    private final HerderRequestQueue queue = new HerderRequestQueue();
    private final List<String> ran = new ArrayList<>();

    private Request add(long dueMs, String name) {
        return queue.add(dueMs, () -> ran.add(name), null);
    }

    /** Polls and runs everything due at {@code nowMs}, in queue order. */
    private void runDue(long nowMs) {
        Request next;
        while ((next = queue.pollDue(nowMs)) != null) {
            next.run(t -> {
                throw new AssertionError("unexpected failure", t);
            });
        }
    }

    @Test
    void runsByDueTimeThenBySubmissionOrder() {
        add(30, "c");
        add(10, "a1");
        add(20, "b");
        add(10, "a2");
        add(10, "a3");

        runDue(100);

        assertEquals(List.of("a1", "a2", "a3", "b", "c"), ran);
    }

    @Test
    void submissionOrderHoldsForManyRequestsWithTheSameDueTime() {
        // A heap is not stable by itself: only the sequence number keeps FIFO order among equal due times.
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            add(5, "r" + i);
            expected.add("r" + i);
        }
        runDue(5);
        assertEquals(expected, ran);
    }

    @Test
    void pollDueReturnsOnlyRequestsWhoseDueTimeHasCome() {
        Request early = add(10, "early");
        Request late = add(20, "late");

        assertNull(queue.pollDue(9), "nothing is due before 10");
        assertSame(early, queue.pollDue(10), "due exactly at its due time");
        assertNull(queue.pollDue(19));
        assertSame(late, queue.pollDue(25));
        assertNull(queue.pollDue(Long.MAX_VALUE), "queue is empty");
        assertTrue(ran.isEmpty(), "polling does not run anything");
    }

    @Test
    void nextDueMsIsTheEarliestDueTimeOrMaxWhenEmpty() {
        assertEquals(Long.MAX_VALUE, queue.nextDueMs());
        add(50, "x");
        assertEquals(50, queue.nextDueMs());
        add(20, "y");
        assertEquals(20, queue.nextDueMs());
        queue.pollDue(20);
        assertEquals(50, queue.nextDueMs());
        queue.pollDue(50);
        assertEquals(Long.MAX_VALUE, queue.nextDueMs());
    }

    @Test
    void drainEmptiesTheQueueAndReturnsEveryRequest() {
        Request a = add(10, "a");
        Request b = add(Long.MAX_VALUE, "b");

        List<Request> drained = queue.drain();

        assertEquals(2, drained.size());
        assertTrue(drained.contains(a) && drained.contains(b));
        assertEquals(Long.MAX_VALUE, queue.nextDueMs());
        assertNull(queue.pollDue(Long.MAX_VALUE));
        assertTrue(ran.isEmpty(), "draining does not run anything");
    }

    @Test
    void failedActionCompletesItsCallbackWithTheError() {
        IllegalStateException boom = new IllegalStateException("boom");
        AtomicReference<Throwable> seen = new AtomicReference<>();
        List<Throwable> uncaught = new ArrayList<>();
        queue.add(0, () -> {
            throw boom;
        }, (error, result) -> seen.set(error));

        queue.pollDue(0).run(uncaught::add);

        assertSame(boom, seen.get());
        assertTrue(uncaught.isEmpty(), "a request with a callback does not report to the uncaught handler");
    }

    @Test
    void checkedThrowablesAlsoReachTheCallback() {
        Exception checked = new Exception("checked");
        AtomicReference<Throwable> seen = new AtomicReference<>();
        queue.add(0, () -> {
            throw checked;
        }, (error, result) -> seen.set(error));

        queue.pollDue(0).run(t -> { });

        assertSame(checked, seen.get());
    }

    @Test
    void failedActionWithoutCallbackGoesToTheUncaughtHandler() {
        IllegalStateException boom = new IllegalStateException("boom");
        List<Throwable> uncaught = new ArrayList<>();
        queue.add(0, () -> {
            throw boom;
        }, null);

        queue.pollDue(0).run(uncaught::add);

        assertEquals(List.of(boom), uncaught);
    }

    @Test
    void successfulActionDoesNotCompleteTheCallbackItself() {
        // On success it is the action's job to complete the callback (with its result).
        List<Throwable> completions = new ArrayList<>();
        queue.add(0, () -> ran.add("done"), (error, result) -> completions.add(error));

        queue.pollDue(0).run(t -> { });

        assertEquals(List.of("done"), ran);
        assertTrue(completions.isEmpty());
    }

    @Test
    void cancelledRequestNeitherRunsNorCompletesItsCallback() {
        List<Throwable> completions = new ArrayList<>();
        List<Throwable> uncaught = new ArrayList<>();
        Request request = queue.add(0, () -> {
            ran.add("cancelled");
            throw new IllegalStateException();
        }, (error, result) -> completions.add(error));
        add(0, "other");

        request.cancel();
        Request polled;
        while ((polled = queue.pollDue(0)) != null) {
            polled.run(uncaught::add);
        }
        request.fail(new IllegalStateException("stopping"));

        assertEquals(List.of("other"), ran);
        assertTrue(completions.isEmpty());
        assertTrue(uncaught.isEmpty());
    }

    @Test
    void failCompletesTheCallbackOfADrainedRequest() {
        IllegalStateException stopping = new IllegalStateException("stopping");
        AtomicReference<Throwable> seen = new AtomicReference<>();
        queue.add(100, () -> ran.add("never"), (error, result) -> seen.set(error));
        queue.add(100, () -> ran.add("never either"), null);

        for (Request request : queue.drain()) {
            request.fail(stopping);
        }

        assertSame(stopping, seen.get());
        assertTrue(ran.isEmpty());
    }

    @Test
    void dueMsIsKept() {
        assertEquals(42, add(42, "x").dueMs());
    }
}
