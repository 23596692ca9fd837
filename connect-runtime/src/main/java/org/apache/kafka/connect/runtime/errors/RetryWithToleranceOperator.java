package org.apache.kafka.connect.runtime.errors;

import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * Runs the guarded steps of a task's records (conversions, transformations, task calls) with the task's error
 * settings: retries {@link RetriableException}s with exponential back-off ({@code errors.retry.timeout},
 * {@code errors.retry.delay.max.ms}), tells the reporters about failures, then either skips the failed record or
 * fails the task ({@code errors.tolerance}).
 * <p>
 * One instance per task. {@link #execute} runs on the task thread; {@link #executeFailed} also on connector threads
 * that report errant records; {@link #triggerStop} on whichever thread stops or cancels the task. The per-record
 * state lives in the {@link ProcessingContext}, so those calls share nothing but thread-safe metrics and flags.
 *
 * @param <T> the type of the original records, as in {@link ProcessingContext}
 */
public class RetryWithToleranceOperator<T> implements AutoCloseable {

    /** The back-off before the second attempt; it doubles before each further attempt. */
    public static final long RETRIES_DELAY_MIN_MS = 300;

    private static final Logger log = LoggerFactory.getLogger(RetryWithToleranceOperator.class);

    // In these stages any Exception can be tolerated; elsewhere only RetriableExceptions can.
    private static final Set<Stage> TOLERABLE_STAGES = EnumSet.of(
            Stage.TRANSFORMATION, Stage.KEY_CONVERTER, Stage.VALUE_CONVERTER, Stage.HEADER_CONVERTER);

    private final long retryTimeoutMs;
    private final long retryDelayMaxMs;
    private final ToleranceType toleranceType;
    private final Time time;
    private final ErrorHandlingMetrics metrics;
    private final List<ErrorReporter<T>> reporters;
    private final LongUnaryOperator randomDelayBelow;

    private final Object stopLock = new Object();
    private volatile boolean stopping = false;
    private volatile boolean toleranceExceeded = false;

    /**
     * @param retryTimeoutMs  how long to keep retrying a retriable failure, measured from the first attempt;
     *                        0 never retries, a negative value (-1) retries forever
     * @param retryDelayMaxMs the longest back-off; an exponential delay above it is replaced by a random delay below it
     * @param reporters       told about every failed record, in this order; closed by {@link #close()}
     */
    public RetryWithToleranceOperator(long retryTimeoutMs, long retryDelayMaxMs, ToleranceType toleranceType,
                                      Time time, ErrorHandlingMetrics metrics, List<ErrorReporter<T>> reporters) {
        this(retryTimeoutMs, retryDelayMaxMs, toleranceType, time, metrics, reporters,
                bound -> ThreadLocalRandom.current().nextLong(bound));
    }

    /** Lets tests choose the "random" back-off, given its exclusive upper bound. */
    RetryWithToleranceOperator(long retryTimeoutMs, long retryDelayMaxMs, ToleranceType toleranceType, Time time,
                               ErrorHandlingMetrics metrics, List<ErrorReporter<T>> reporters,
                               LongUnaryOperator randomDelayBelow) {
        this.retryTimeoutMs = retryTimeoutMs;
        this.retryDelayMaxMs = retryDelayMaxMs;
        this.toleranceType = toleranceType;
        this.time = time;
        this.metrics = metrics;
        this.reporters = List.copyOf(reporters);
        this.randomDelayBelow = randomDelayBelow;
    }

    /**
     * Runs {@code operation} as step {@code stage} of the record of {@code context}, unless the record already failed.
     *
     * @return the operation's result; null if the record failed, now or in an earlier step, and is to be skipped
     * @throws ConnectException "Tolerance exceeded in error handler" when the record failed and
     *                          {@code errors.tolerance=none}; "Unhandled exception in error handler" when the failure
     *                          cannot be tolerated in this stage (a non-retriable exception outside conversions and
     *                          transformations). The cause is the operation's exception. Errors (not Exceptions)
     *                          thrown by the operation propagate unchanged.
     */
    public <V> V execute(ProcessingContext<T> context, Operation<V> operation, Stage stage, Class<?> executingClass) {
        if (context.failed()) {
            log.trace("Skipping stage {} of a record that already failed", stage);
            return null;
        }
        context.position(stage, executingClass);
        long startMs = time.milliseconds();
        for (int attempt = 1; ; attempt++) {
            context.attempt(attempt);
            try {
                return operation.call();
            } catch (RetriableException e) {
                metrics.recordFailure();
                long delayMs = retryDelayMs(attempt, startMs);
                if (delayMs < 0) {
                    return handleFailure(context, e);
                }
                log.debug("Attempt {} of stage {} with class {} failed; retrying in {} ms", attempt, stage,
                        className(executingClass), delayMs, e);
                if (!backOff(delayMs)) {
                    log.debug("Task is stopping; giving up retrying stage {} with class {}", stage,
                            className(executingClass));
                    context.error(e);
                    return null;
                }
                metrics.recordRetry();
            } catch (Exception e) {
                metrics.recordFailure();
                return handleFailure(context, e);
            }
        }
    }

    /**
     * Handles a record that failed outside the operator, typically one a sink task reports through its
     * {@code ErrantRecordReporter}: counts it and tells the reporters.
     *
     * @return completes when every reporter is done with the record
     * @throws ConnectException "Tolerance exceeded in error handler" with {@code errors.tolerance=none}, after the
     *                          reporters were told
     */
    public Future<Void> executeFailed(ProcessingContext<T> context, Stage stage, Class<?> executingClass,
                                      Throwable error) {
        context.position(stage, executingClass);
        context.error(error);
        metrics.recordFailure();
        recordError();
        CompletableFuture<Void> reported = report(context);
        if (toleranceType == ToleranceType.NONE) {
            throw new ConnectException("Tolerance exceeded in error handler", error);
        }
        return reported;
    }

    /** False once a record failed under {@code errors.tolerance=none}: the task must then fail. */
    public boolean withinToleranceLimits() {
        return !toleranceExceeded;
    }

    public ToleranceType toleranceType() {
        return toleranceType;
    }

    /**
     * Ends any back-off now and skips all further ones, so that a stopping or cancelled task does not wait for
     * retries. A record whose retries are cut short is marked failed and skipped, without the tolerance check.
     */
    public void triggerStop() {
        synchronized (stopLock) {
            stopping = true;
            stopLock.notifyAll();
        }
    }

    /** Stops back-offs and closes the reporters; called by the task thread when the task ends. */
    @Override
    public void close() {
        triggerStop();
        for (ErrorReporter<T> reporter : reporters) {
            try {
                reporter.close();
            } catch (Exception e) {
                log.warn("Could not close error reporter {}", reporter.getClass().getName(), e);
            }
        }
    }

    @Override
    public String toString() {
        return "RetryWithToleranceOperator{retryTimeoutMs=" + retryTimeoutMs
                + ", retryDelayMaxMs=" + retryDelayMaxMs
                + ", toleranceType=" + toleranceType.value()
                + '}';
    }

    /**
     * The back-off before attempt {@code failedAttempt + 1}, or -1 if the retry time is used up.
     */
    private long retryDelayMs(int failedAttempt, long startMs) {
        if (retryTimeoutMs == 0) {
            return -1;
        }
        long elapsedMs = time.milliseconds() - startMs;
        boolean forever = retryTimeoutMs < 0;
        if (!forever && elapsedMs >= retryTimeoutMs) {
            return -1;
        }
        long delayMs = exponentialDelayMs(failedAttempt);
        if (delayMs > retryDelayMaxMs) {
            delayMs = retryDelayMaxMs > 0 ? randomDelayBelow.applyAsLong(retryDelayMaxMs) : 0;
        }
        return forever ? delayMs : Math.min(delayMs, retryTimeoutMs - elapsedMs);
    }

    private static long exponentialDelayMs(int failedAttempt) {
        int doublings = failedAttempt - 1;
        // Past 2^40 * 300 ms (ten thousand years) the delay is above any sane maximum; stop before overflowing.
        return doublings >= 40 ? Long.MAX_VALUE : RETRIES_DELAY_MIN_MS << doublings;
    }

    /** Waits {@code delayMs}; false if the wait ended early because the task is stopping or was interrupted. */
    private boolean backOff(long delayMs) {
        try {
            time.waitObject(stopLock, () -> stopping, time.milliseconds() + delayMs);
            return false;
        } catch (TimeoutException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private <V> V handleFailure(ProcessingContext<T> context, Exception error) {
        context.error(error);
        recordError();
        report(context);
        boolean tolerable = error instanceof RetriableException || TOLERABLE_STAGES.contains(context.stage());
        if (!tolerable) {
            throw new ConnectException("Unhandled exception in error handler", error);
        }
        if (toleranceType == ToleranceType.NONE) {
            throw new ConnectException("Tolerance exceeded in error handler", error);
        }
        log.trace("Skipping a record that failed in stage {}", context.stage());
        metrics.recordSkipped();
        return null;
    }

    private void recordError() {
        metrics.recordError();
        if (toleranceType == ToleranceType.NONE) {
            toleranceExceeded = true;
        }
    }

    private CompletableFuture<Void> report(ProcessingContext<T> context) {
        CompletableFuture<?>[] reports = new CompletableFuture<?>[reporters.size()];
        for (int i = 0; i < reports.length; i++) {
            ErrorReporter<T> reporter = reporters.get(i);
            try {
                reports[i] = reporter.report(context);
            } catch (RuntimeException e) {
                // A broken reporter must not hide the record's own error, which the caller is about to handle.
                log.error("Error reporter {} failed", reporter.getClass().getName(), e);
                reports[i] = CompletableFuture.failedFuture(e);
            }
        }
        return CompletableFuture.allOf(reports);
    }

    private static String className(Class<?> type) {
        return type == null ? null : type.getName();
    }
}
