package org.apache.kafka.connect.runtime.distributed;

import org.apache.kafka.connect.util.Callback;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The distributed herder's pending requests, ordered by due time and then by submission order
 * (runtime-behaviour §5.1). Any thread may {@link #add}; only the herder thread takes requests out and runs them.
 * Thread-safe.
 */
final class HerderRequestQueue {

    /** Work run on the herder thread; what it throws completes the request's callback. */
    @FunctionalInterface
    interface Action {
        void run() throws Throwable;
    }

    /** One queued request. */
    static final class Request implements Comparable<Request> {
        private final long dueMs;
        private final long seq;
        private final Action action;
        private final Callback<?> callback;
        private volatile boolean cancelled;

        private Request(long dueMs, long seq, Action action, Callback<?> callback) {
            this.dueMs = dueMs;
            this.seq = seq;
            this.action = action;
            this.callback = callback;
        }

        /** The request will not run; its callback is not called. */
        void cancel() {
            cancelled = true;
        }

        long dueMs() {
            return dueMs;
        }

        /** Runs the action; a failure goes to the callback (a request without callback only logs it). */
        void run(java.util.function.Consumer<Throwable> uncaught) {
            if (cancelled) {
                return;
            }
            try {
                action.run();
            } catch (Throwable t) {
                if (callback != null) {
                    callback.onCompletion(t, null);
                } else {
                    uncaught.accept(t);
                }
            }
        }

        void fail(Throwable error) {
            if (!cancelled && callback != null) {
                callback.onCompletion(error, null);
            }
        }

        @Override
        public int compareTo(Request other) {
            int byDue = Long.compare(dueMs, other.dueMs);
            return byDue != 0 ? byDue : Long.compare(seq, other.seq);
        }
    }

    private final PriorityQueue<Request> requests = new PriorityQueue<>();
    private final AtomicLong sequence = new AtomicLong();

    /**
     * @param dueMs    when the request may run at the earliest (wall-clock ms)
     * @param callback completed with the action's failure; the action completes it on success; may be null
     */
    synchronized Request add(long dueMs, Action action, Callback<?> callback) {
        Request request = new Request(dueMs, sequence.getAndIncrement(), action, callback);
        requests.add(request);
        return request;
    }

    /** The next request due at {@code nowMs}, removed from the queue, or null. */
    synchronized Request pollDue(long nowMs) {
        Request next = requests.peek();
        if (next == null || next.dueMs > nowMs) {
            return null;
        }
        return requests.poll();
    }

    /** When the next request is due, or {@link Long#MAX_VALUE} when none is queued. */
    synchronized long nextDueMs() {
        Request next = requests.peek();
        return next == null ? Long.MAX_VALUE : next.dueMs;
    }

    /** Empties the queue, returning what was in it, for failing at shutdown. */
    synchronized List<Request> drain() {
        List<Request> all = new ArrayList<>(requests);
        requests.clear();
        return all;
    }
}
