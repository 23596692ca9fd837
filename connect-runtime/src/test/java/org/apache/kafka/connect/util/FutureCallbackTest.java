package org.apache.kafka.connect.util;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FutureCallbackTest {

    @Test
    void returnsTheResultCompletedOnAnotherThread() throws Exception {
        FutureCallback<String> callback = new FutureCallback<>();
        Thread completer = new Thread(() -> callback.onCompletion(null, "done"));
        completer.start();
        assertEquals("done", callback.get(10, TimeUnit.SECONDS));
        assertTrue(callback.isDone());
        completer.join();
    }

    @Test
    void throwsTheErrorWrapped() {
        FutureCallback<String> callback = new FutureCallback<>();
        IllegalStateException error = new IllegalStateException("boom");
        callback.onCompletion(error, null);
        ExecutionException e = assertThrows(ExecutionException.class, callback::get);
        assertSame(error, e.getCause());
    }

    @Test
    void timesOutWhenNeverCompleted() {
        FutureCallback<String> callback = new FutureCallback<>();
        assertThrows(TimeoutException.class, () -> callback.get(10, TimeUnit.MILLISECONDS));
        assertFalse(callback.isDone());
    }

    @Test
    void keepsOnlyTheFirstCompletionAndTellsTheUnderlyingCallbackOnce() throws Exception {
        List<String> seen = new ArrayList<>();
        FutureCallback<String> callback = new FutureCallback<>((error, result) -> seen.add(result));
        callback.onCompletion(null, "first");
        callback.onCompletion(null, "second");
        callback.onCompletion(new IllegalStateException(), null);
        assertEquals("first", callback.get());
        assertEquals(List.of("first"), seen);
    }

    @Test
    void cancelsOnlyBeforeCompletion() {
        FutureCallback<String> cancelled = new FutureCallback<>();
        assertTrue(cancelled.cancel(true));
        assertTrue(cancelled.isCancelled());
        assertThrows(CancellationException.class, cancelled::get);
        cancelled.onCompletion(null, "late");
        assertThrows(CancellationException.class, cancelled::get);

        FutureCallback<String> completed = new FutureCallback<>();
        completed.onCompletion(null, "x");
        assertFalse(completed.cancel(true));
        assertFalse(completed.isCancelled());
    }
}
