package org.apache.kafka.connect.runtime.errors;

import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryWithToleranceOperatorTest {

    private static final ConnectorTaskId TASK = new ConnectorTaskId("conn", 0);
    private static final long NO_RETRIES = 0;
    private static final long FOREVER = -1;
    private static final long DELAY_MAX = 60_000;

    private final ManualTime time = new ManualTime();
    private final Metrics metrics = new Metrics();
    private final ErrorHandlingMetrics errorMetrics = new ErrorHandlingMetrics(TASK, metrics, time);
    private final RecordingReporter reporter = new RecordingReporter();
    private final ProcessingContext<String> context = new ProcessingContext<>("record");

    @AfterEach
    void closeMetrics() {
        metrics.close();
    }

    // ---- success and retries -------------------------------------------------------------------------------------

    @Test
    void returnsTheResultOfASuccessfulOperation() {
        RetryWithToleranceOperator<String> operator = operator(NO_RETRIES, ToleranceType.NONE);

        assertEquals("converted", operator.execute(context, () -> "converted", Stage.VALUE_CONVERTER, String.class));

        assertFalse(context.failed());
        assertEquals(1, context.attempt());
        assertEquals(Stage.VALUE_CONVERTER, context.stage());
        assertEquals(0.0, metric("total-record-failures"));
        assertTrue(reporter.reports.isEmpty());
    }

    @Test
    void withZeroRetryTimeoutARetriableFailureIsNotRetried() {
        RetryWithToleranceOperator<String> operator = operator(NO_RETRIES, ToleranceType.ALL);
        AtomicInteger calls = new AtomicInteger();

        assertNull(operator.execute(context, failRetriably(calls), Stage.TRANSFORMATION, String.class));

        assertEquals(1, calls.get());
        assertTrue(context.failed());
        assertEquals(List.of(), time.waits());
        assertEquals(0.0, metric("total-retries"));
    }

    @Test
    void backOffDoublesFromThreeHundredMillisAndIsCappedByTheRemainingRetryTime() {
        RetryWithToleranceOperator<String> operator = operator(60_000, ToleranceType.ALL);
        AtomicInteger calls = new AtomicInteger();

        assertNull(operator.execute(context, failRetriably(calls), Stage.TRANSFORMATION, String.class));

        // 300 + 600 + ... + 19200 = 38100 ms spent; 38400 would overrun the 60 s budget, so 21900 is waited.
        assertEquals(List.of(300L, 600L, 1200L, 2400L, 4800L, 9600L, 19200L, 21900L), time.waits());
        assertEquals(9, calls.get());
        assertEquals(9, context.attempt());
        assertEquals(9.0, metric("total-record-failures"));
        assertEquals(8.0, metric("total-retries"));
        assertEquals(1.0, metric("total-record-errors"));
        assertEquals(1.0, metric("total-records-skipped"));
    }

    @Test
    void timeSpentInTheOperationCountsAgainstTheRetryTimeout() {
        RetryWithToleranceOperator<String> operator = operator(1_000, ToleranceType.ALL);
        AtomicInteger calls = new AtomicInteger();

        operator.execute(context, () -> {
            calls.incrementAndGet();
            time.sleep(250);
            throw new RetriableException("broker unavailable");
        }, Stage.KAFKA_PRODUCE, String.class);

        // 250 (call) + 300 (wait) + 250 + 200 (capped: 1000 - 800) + 250: over budget, no more retries.
        assertEquals(List.of(300L, 200L), time.waits());
        assertEquals(3, calls.get());
    }

    @Test
    void aDelayAboveTheMaximumIsReplacedByARandomOneBelowTheMaximum() {
        List<Long> bounds = new ArrayList<>();
        RetryWithToleranceOperator<String> operator = new RetryWithToleranceOperator<>(5_000, 1_000,
                ToleranceType.ALL, time, errorMetrics, List.of(reporter), bound -> {
                    bounds.add(bound);
                    return 123L;
                });

        operator.execute(context, failRetriably(new AtomicInteger()), Stage.TRANSFORMATION, String.class);

        // 300 and 600 are below the 1000 ms maximum; 1200 and more are not.
        assertEquals(List.of(300L, 600L, 123L, 123L), time.waits().subList(0, 4));
        assertTrue(bounds.stream().allMatch(bound -> bound == 1_000L), bounds.toString());
        assertEquals(5_000, time.waits().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void theRealRandomDelayStaysBelowTheMaximum() {
        RetryWithToleranceOperator<String> operator = new RetryWithToleranceOperator<>(100_000, 250,
                ToleranceType.ALL, time, errorMetrics, List.of(reporter));

        operator.execute(context, failRetriably(new AtomicInteger()), Stage.TRANSFORMATION, String.class);

        List<Long> waits = time.waits();
        assertTrue(waits.size() > 100, "expected many short waits, got " + waits.size());
        // The last wait may be cut short by the deadline; every other one is random in [0, 250).
        assertTrue(waits.subList(0, waits.size() - 1).stream().allMatch(wait -> wait >= 0 && wait < 250),
                waits.toString());
    }

    @Test
    void negativeRetryTimeoutRetriesUntilTheOperationSucceeds() {
        RetryWithToleranceOperator<String> operator = new RetryWithToleranceOperator<>(FOREVER, DELAY_MAX,
                ToleranceType.NONE, time, errorMetrics, List.of(reporter), bound -> 7L);
        AtomicInteger calls = new AtomicInteger();

        String result = operator.execute(context, () -> {
            if (calls.incrementAndGet() <= 20) {
                throw new RetriableException("not yet");
            }
            return "finally";
        }, Stage.TASK_POLL, String.class);

        assertEquals("finally", result);
        assertFalse(context.failed());
        assertEquals(21, context.attempt());
        List<Long> expected = new ArrayList<>(List.of(300L, 600L, 1200L, 2400L, 4800L, 9600L, 19200L, 38400L));
        while (expected.size() < 20) {
            expected.add(7L); // 76800 ms and beyond exceed the 60 s maximum
        }
        assertEquals(expected, time.waits());
        assertEquals(20.0, metric("total-record-failures"));
        assertEquals(20.0, metric("total-retries"));
        assertEquals(0.0, metric("total-record-errors"));
        assertTrue(reporter.reports.isEmpty());
    }

    @Test
    void nonRetriableFailuresAreNeverRetried() {
        RetryWithToleranceOperator<String> operator = operator(FOREVER, ToleranceType.ALL);
        AtomicInteger calls = new AtomicInteger();

        operator.execute(context, () -> {
            calls.incrementAndGet();
            throw new DataException("not a number");
        }, Stage.VALUE_CONVERTER, String.class);

        assertEquals(1, calls.get());
        assertEquals(List.of(), time.waits());
    }

    // ---- tolerance -------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = Stage.class, names = {"TRANSFORMATION", "KEY_CONVERTER", "VALUE_CONVERTER", "HEADER_CONVERTER"})
    void toleranceAllSkipsARecordThatFailedInATolerableStage(Stage stage) {
        RetryWithToleranceOperator<String> operator = operator(NO_RETRIES, ToleranceType.ALL);
        DataException error = new DataException("bad data");

        assertNull(operator.execute(context, () -> {
            throw error;
        }, stage, Integer.class));

        assertSame(error, context.error());
        assertTrue(operator.withinToleranceLimits());
        assertEquals(1.0, metric("total-record-failures"));
        assertEquals(1.0, metric("total-record-errors"));
        assertEquals(1.0, metric("total-records-skipped"));
        assertEquals(time.milliseconds(), metric("last-error-timestamp"));
        assertEquals(List.of(stage + " " + Integer.class.getName() + " attempt=1 " + error), reporter.reports);
    }

    @ParameterizedTest
    @EnumSource(value = Stage.class, names = {"TASK_POLL", "TASK_PUT", "KAFKA_PRODUCE", "KAFKA_CONSUME"})
    void aNonRetriableFailureOutsideConversionAndTransformationIsNeverTolerated(Stage stage) {
        RetryWithToleranceOperator<String> operator = operator(NO_RETRIES, ToleranceType.ALL);
        IllegalStateException error = new IllegalStateException("task bug");

        ConnectException thrown = assertThrows(ConnectException.class, () -> operator.execute(context, () -> {
            throw error;
        }, stage, Integer.class));

        assertEquals("Unhandled exception in error handler", thrown.getMessage());
        assertSame(error, thrown.getCause());
        assertTrue(context.failed());
        assertEquals(1, reporter.reports.size(), "reporters still hear about the record");
        assertEquals(1.0, metric("total-record-errors"));
        assertEquals(0.0, metric("total-records-skipped"));
    }

    @ParameterizedTest
    @EnumSource(Stage.class)
    void exhaustedRetriableFailuresAreTolerableInEveryStage(Stage stage) {
        RetryWithToleranceOperator<String> operator = operator(1_000, ToleranceType.ALL);

        assertNull(operator.execute(context, failRetriably(new AtomicInteger()), stage, Integer.class));

        assertTrue(context.error() instanceof RetriableException);
        assertEquals(1.0, metric("total-records-skipped"));
    }

    @Test
    void toleranceNoneFailsTheTaskOnTheFirstError() {
        RetryWithToleranceOperator<String> operator = operator(NO_RETRIES, ToleranceType.NONE);
        DataException error = new DataException("bad data");

        ConnectException thrown = assertThrows(ConnectException.class, () -> operator.execute(context, () -> {
            throw error;
        }, Stage.TRANSFORMATION, Integer.class));

        assertEquals("Tolerance exceeded in error handler", thrown.getMessage());
        assertSame(error, thrown.getCause());
        assertFalse(operator.withinToleranceLimits());
        assertEquals(1, reporter.reports.size(), "reported before the task fails");
        assertEquals(1.0, metric("total-record-errors"));
        assertEquals(0.0, metric("total-records-skipped"));
    }

    @Test
    void toleranceNoneAppliesToExhaustedRetriesToo() {
        RetryWithToleranceOperator<String> operator = operator(1_000, ToleranceType.NONE);

        ConnectException thrown = assertThrows(ConnectException.class,
                () -> operator.execute(context, failRetriably(new AtomicInteger()), Stage.KAFKA_PRODUCE, String.class));

        assertEquals("Tolerance exceeded in error handler", thrown.getMessage());
        assertTrue(thrown.getCause() instanceof RetriableException);
        assertEquals(List.of(300L, 600L, 100L), time.waits());
    }

    @Test
    void aRecordThatAlreadyFailedSkipsLaterStages() {
        RetryWithToleranceOperator<String> operator = operator(NO_RETRIES, ToleranceType.ALL);
        operator.execute(context, () -> {
            throw new DataException("bad key");
        }, Stage.KEY_CONVERTER, String.class);
        AtomicInteger laterCalls = new AtomicInteger();

        assertNull(operator.execute(context, () -> "value-" + laterCalls.incrementAndGet(), Stage.VALUE_CONVERTER,
                Integer.class));

        assertEquals(0, laterCalls.get());
        assertEquals(Stage.KEY_CONVERTER, context.stage(), "the context still tells where the record failed");
        assertEquals(1.0, metric("total-record-errors"));
        assertEquals(1, reporter.reports.size());
    }

    @Test
    void eachRecordHasItsOwnContext() {
        RetryWithToleranceOperator<String> operator = operator(NO_RETRIES, ToleranceType.ALL);
        operator.execute(context, () -> {
            throw new DataException("bad");
        }, Stage.TRANSFORMATION, String.class);

        ProcessingContext<String> next = new ProcessingContext<>("next record");
        assertEquals("fine", operator.execute(next, () -> "fine", Stage.TRANSFORMATION, String.class));
    }

    @Test
    void errorsThatAreNotExceptionsPropagateUntouched() {
        RetryWithToleranceOperator<String> operator = operator(FOREVER, ToleranceType.ALL);

        assertThrows(StackOverflowError.class, () -> operator.execute(context, () -> {
            throw new StackOverflowError();
        }, Stage.TRANSFORMATION, String.class));

        assertFalse(context.failed());
        assertTrue(reporter.reports.isEmpty());
        assertEquals(0.0, metric("total-record-failures"));
    }

    @Test
    void reportersRunInOrderAndABrokenOneDoesNotHideTheFailure() {
        List<String> calls = new ArrayList<>();
        ErrorReporter<String> broken = ctx -> {
            calls.add("broken");
            throw new IllegalStateException("reporter bug");
        };
        ErrorReporter<String> working = ctx -> {
            calls.add("working");
            return CompletableFuture.completedFuture(null);
        };
        RetryWithToleranceOperator<String> operator = new RetryWithToleranceOperator<>(NO_RETRIES, DELAY_MAX,
                ToleranceType.ALL, time, errorMetrics, List.of(broken, working));

        assertNull(operator.execute(context, () -> {
            throw new DataException("bad");
        }, Stage.TRANSFORMATION, String.class));

        assertEquals(List.of("broken", "working"), calls);
        assertEquals(1.0, metric("total-records-skipped"));
    }

    // ---- stopping --------------------------------------------------------------------------------------------------

    @Test
    void afterTriggerStopRetriableFailuresAreNotRetriedAndTheRecordIsMarkedFailed() {
        RetryWithToleranceOperator<String> operator = operator(FOREVER, ToleranceType.NONE);
        AtomicInteger calls = new AtomicInteger();
        operator.triggerStop();

        assertNull(operator.execute(context, failRetriably(calls), Stage.TASK_PUT, String.class));

        assertEquals(1, calls.get());
        assertTrue(context.failed());
        assertEquals(List.of(), time.waits());
        assertTrue(operator.withinToleranceLimits(), "a stop is not a tolerance failure");
        assertTrue(reporter.reports.isEmpty());
        assertEquals(0.0, metric("total-record-errors"));
    }

    @Test
    void triggerStopEndsABackOffInProgress() {
        RetryWithToleranceOperator<String> operator = operator(FOREVER, ToleranceType.NONE);
        AtomicInteger calls = new AtomicInteger();
        time.duringWait(operator::triggerStop);

        assertNull(operator.execute(context, failRetriably(calls), Stage.TRANSFORMATION, String.class));

        assertEquals(1, calls.get());
        assertEquals(List.of(300L), time.waits());
        assertTrue(context.error() instanceof RetriableException);
        assertEquals(0.0, metric("total-retries"));
    }

    @Test
    void triggerStopFromAnotherThreadWakesABackOffOnTheSystemClock() throws Exception {
        RetryWithToleranceOperator<String> operator = new RetryWithToleranceOperator<>(FOREVER, DELAY_MAX,
                ToleranceType.NONE, Time.SYSTEM, errorMetrics, List.of(reporter), bound -> bound - 1);
        CountDownLatch secondAttempt = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        AtomicReference<Object> outcome = new AtomicReference<>("not finished");
        Thread task = new Thread(() -> outcome.set(operator.execute(context, () -> {
            if (calls.incrementAndGet() == 2) {
                secondAttempt.countDown();
            }
            throw new RetriableException("unavailable");
        }, Stage.TASK_PUT, String.class)));
        task.start();

        // The second back-off is 600 ms; the third would be 1200 ms: stopping must not wait for it.
        assertTrue(secondAttempt.await(10, TimeUnit.SECONDS));
        long stopNanos = System.nanoTime();
        operator.triggerStop();
        task.join(10_000);

        assertFalse(task.isAlive());
        assertTrue(System.nanoTime() - stopNanos < TimeUnit.MILLISECONDS.toNanos(500),
                "the back-off was not cut short");
        assertNull(outcome.get());
        assertTrue(context.failed());
    }

    @Test
    void anInterruptEndsTheBackOffAndKeepsTheInterruptFlag() throws Exception {
        RetryWithToleranceOperator<String> operator = new RetryWithToleranceOperator<>(FOREVER, DELAY_MAX,
                ToleranceType.NONE, Time.SYSTEM, errorMetrics, List.of(reporter));
        CountDownLatch firstAttempt = new CountDownLatch(1);
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread task = new Thread(() -> {
            operator.execute(context, () -> {
                firstAttempt.countDown();
                throw new RetriableException("unavailable");
            }, Stage.TASK_PUT, String.class);
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        task.start();

        assertTrue(firstAttempt.await(10, TimeUnit.SECONDS));
        task.interrupt();
        task.join(10_000);

        assertFalse(task.isAlive());
        assertEquals(Boolean.TRUE, stillInterrupted.get());
        assertTrue(context.failed());
    }

    // ---- failures reported from outside ----------------------------------------------------------------------------

    @Test
    void executeFailedReportsTheErrorAndReturnsTheReportersFuture() {
        CompletableFuture<Void> dlqWrite = new CompletableFuture<>();
        RetryWithToleranceOperator<String> operator = new RetryWithToleranceOperator<>(NO_RETRIES, DELAY_MAX,
                ToleranceType.ALL, time, errorMetrics, List.of(reporter, ctx -> dlqWrite));
        IllegalArgumentException error = new IllegalArgumentException("cannot write row");

        Future<Void> reported = operator.executeFailed(context, Stage.TASK_PUT, Integer.class, error);

        assertFalse(reported.isDone(), "done only when every reporter is");
        dlqWrite.complete(null);
        assertTrue(reported.isDone());
        assertEquals(List.of("TASK_PUT " + Integer.class.getName() + " attempt=0 " + error), reporter.reports);
        assertTrue(operator.withinToleranceLimits());
        assertEquals(1.0, metric("total-record-failures"));
        assertEquals(1.0, metric("total-record-errors"));
    }

    @Test
    void executeFailedWithToleranceNoneReportsThenThrows() {
        RetryWithToleranceOperator<String> operator = operator(NO_RETRIES, ToleranceType.NONE);
        IllegalArgumentException error = new IllegalArgumentException("cannot write row");

        ConnectException thrown = assertThrows(ConnectException.class,
                () -> operator.executeFailed(context, Stage.TASK_PUT, Integer.class, error));

        assertEquals("Tolerance exceeded in error handler", thrown.getMessage());
        assertSame(error, thrown.getCause());
        assertEquals(1, reporter.reports.size());
        assertFalse(operator.withinToleranceLimits());
    }

    @Test
    void closeClosesTheReporters() {
        operator(NO_RETRIES, ToleranceType.ALL).close();

        assertTrue(reporter.closed);
    }

    @Test
    void toStringShowsTheSettings() {
        assertEquals("RetryWithToleranceOperator{retryTimeoutMs=0, retryDelayMaxMs=60000, toleranceType=all}",
                operator(NO_RETRIES, ToleranceType.ALL).toString());
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private RetryWithToleranceOperator<String> operator(long retryTimeoutMs, ToleranceType tolerance) {
        return new RetryWithToleranceOperator<>(retryTimeoutMs, DELAY_MAX, tolerance, time, errorMetrics,
                List.of(reporter));
    }

    private static Operation<String> failRetriably(AtomicInteger calls) {
        return () -> {
            calls.incrementAndGet();
            throw new RetriableException("try again");
        };
    }

    private Object metric(String name) {
        return metrics.metric(metrics.metricName(name, ErrorHandlingMetrics.GROUP,
                Map.of("connector", TASK.connector(), "task", "0"))).metricValue();
    }

    /** Remembers what each report saw: stage, executing class, attempt and error. */
    private static final class RecordingReporter implements ErrorReporter<String> {
        final List<String> reports = new ArrayList<>();
        boolean closed;

        @Override
        public CompletableFuture<Void> report(ProcessingContext<String> context) {
            reports.add(context.stage() + " " + context.executingClass().getName() + " attempt=" + context.attempt()
                    + " " + context.error());
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
