package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.utils.Time;

import java.util.HashMap;
import java.util.Map;

/**
 * The status a connector or task last reported, as the lower-case name the {@code status} metrics show, and how
 * long it has spent in each status since this tracker was created (for the {@code *-ratio} metrics). Thread-safe.
 */
final class StateTimes {

    static final String UNASSIGNED = "unassigned";
    static final String RUNNING = "running";
    static final String PAUSED = "paused";
    static final String STOPPED = "stopped";
    static final String FAILED = "failed";
    static final String DESTROYED = "destroyed";
    static final String RESTARTING = "restarting";

    private final Time time;
    private final long createdMs;
    private final Map<String, Long> finishedMs = new HashMap<>();
    private String current = UNASSIGNED;
    private long currentSinceMs;

    StateTimes(Time time) {
        this.time = time;
        this.createdMs = time.milliseconds();
        this.currentSinceMs = createdMs;
    }

    synchronized void change(String state) {
        long now = time.milliseconds();
        finishedMs.merge(current, now - currentSinceMs, Long::sum);
        current = state;
        currentSinceMs = now;
    }

    synchronized String current() {
        return current;
    }

    /** The fraction of the time since creation spent in {@code state}, up to {@code nowMs}; 0 before any time passed. */
    synchronized double ratio(String state, long nowMs) {
        long total = nowMs - createdMs;
        if (total <= 0) {
            return 0.0;
        }
        long inState = finishedMs.getOrDefault(state, 0L);
        if (state.equals(current)) {
            inState += Math.max(0, nowMs - currentSinceMs);
        }
        return Math.min(1.0, (double) inState / total);
    }
}
