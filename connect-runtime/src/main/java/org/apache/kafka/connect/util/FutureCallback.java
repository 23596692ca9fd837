package org.apache.kafka.connect.util;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link Callback} that is also a {@link Future}, so a caller can hand it to an asynchronous operation and then block
 * for the outcome (the REST resources wait on herder operations this way). Only the first completion counts; an
 * optional underlying callback is told of it before any waiter wakes up.
 *
 * @param <T> the type of the result
 */
public class FutureCallback<T> implements Callback<T>, Future<T> {

    private final Callback<T> underlying;
    private final CountDownLatch done = new CountDownLatch(1);
    private final Object lock = new Object();
    private boolean completed;
    private boolean cancelled;
    private Throwable error;
    private T result;

    public FutureCallback() {
        this(null);
    }

    /** @param underlying also completed with the outcome; may be {@code null} */
    public FutureCallback(Callback<T> underlying) {
        this.underlying = underlying;
    }

    @Override
    public void onCompletion(Throwable error, T result) {
        synchronized (lock) {
            if (completed) {
                return;
            }
            completed = true;
            this.error = error;
            this.result = result;
        }
        try {
            if (underlying != null) {
                underlying.onCompletion(error, result);
            }
        } finally {
            done.countDown();
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        synchronized (lock) {
            if (completed) {
                return false;
            }
            completed = true;
            cancelled = true;
        }
        done.countDown();
        return true;
    }

    @Override
    public boolean isCancelled() {
        synchronized (lock) {
            return cancelled;
        }
    }

    @Override
    public boolean isDone() {
        return done.getCount() == 0;
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        done.await();
        return outcome();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        if (!done.await(timeout, unit)) {
            throw new TimeoutException("Timed out waiting for the operation to complete");
        }
        return outcome();
    }

    private T outcome() throws ExecutionException {
        synchronized (lock) {
            if (cancelled) {
                throw new CancellationException();
            }
            if (error != null) {
                throw new ExecutionException(error);
            }
            return result;
        }
    }
}
