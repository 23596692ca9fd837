package org.apache.kafka.connect.conformance;

import java.util.Locale;

/**
 * The step of a case in which an exception was thrown, named as in the vectors' {@code expected.phase}.
 * Runners execute each step through {@link #run}, so a thrown exception carries where it happened.
 */
enum Phase {
    /** Construction or {@code configure} of a component, a stage, or a stage's predicate. */
    CONFIGURE,
    /** A converter or header converter call. */
    CONVERT,
    /** A stage's predicate test or {@code apply}. */
    APPLY,
    /** {@code Predicate.test} for kind {@code predicate}. */
    TEST,
    /** A {@code Values} method. */
    CALL;

    /** A unit of work of a case that may throw anything. */
    @FunctionalInterface
    interface Step<T> {
        T run() throws Exception;
    }

    /** The name used in the vector files. */
    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    <T> T run(Step<T> step) {
        return run(null, step);
    }

    /** Runs {@code step}; an exception it throws is rethrown as a {@link Failure} in this phase and stage. */
    <T> T run(Integer stage, Step<T> step) {
        try {
            return step.run();
        } catch (Exception e) {
            throw new Failure(this, stage, e);
        }
    }

    /** An exception thrown by the component under test, with the phase (and stage) it was thrown in. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final Phase phase;
        private final Integer stage;

        Failure(Phase phase, Integer stage, Exception cause) {
            super("in phase " + phase.wireName() + (stage == null ? "" : " at stage " + stage) + ": " + cause, cause);
            this.phase = phase;
            this.stage = stage;
        }

        Phase phase() {
            return phase;
        }

        /** The 0-based stage index for kind {@code transform}, otherwise null. */
        Integer stage() {
            return stage;
        }

        Exception exception() {
            return (Exception) getCause();
        }
    }
}
