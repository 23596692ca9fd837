package org.apache.kafka.connect.runtime.errors;

import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.utils.Time;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A clock that moves only when told or when something waits on it, so back-off sequences can be checked exactly and
 * instantly. Each {@link #waitObject} is recorded as the number of milliseconds it was asked to wait.
 */
final class ManualTime implements Time {

    private long nowMs = 1_700_000_000_000L;
    private final List<Long> waits = new ArrayList<>();
    private Runnable duringWait = () -> { };

    @Override
    public long milliseconds() {
        return nowMs;
    }

    @Override
    public long nanoseconds() {
        return nowMs * 1_000_000L;
    }

    @Override
    public void sleep(long ms) {
        nowMs += ms;
    }

    /** Waits until the deadline (by moving the clock there) unless the condition holds before or during the wait. */
    @Override
    public void waitObject(Object obj, Supplier<Boolean> condition, long deadlineMs) {
        if (condition.get()) {
            return;
        }
        waits.add(deadlineMs - nowMs);
        duringWait.run();
        if (condition.get()) {
            return;
        }
        nowMs = Math.max(nowMs, deadlineMs);
        throw new TimeoutException("Condition not satisfied before deadline");
    }

    /** The waits requested so far, in milliseconds. */
    List<Long> waits() {
        return waits;
    }

    /** Runs {@code action} in the middle of every wait, as another thread would. */
    void duringWait(Runnable action) {
        this.duringWait = action;
    }
}
