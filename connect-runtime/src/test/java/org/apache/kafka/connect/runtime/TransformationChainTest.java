package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.errors.ErrorHandlingMetrics;
import org.apache.kafka.connect.runtime.errors.ProcessingContext;
import org.apache.kafka.connect.runtime.errors.RetryWithToleranceOperator;
import org.apache.kafka.connect.runtime.errors.Stage;
import org.apache.kafka.connect.runtime.errors.ToleranceType;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link TransformationChain} and the {@link TransformationStage}s it runs. */
class TransformationChainTest {

    private static final ConnectorTaskId TASK = new ConnectorTaskId("conn", 0);
    private final Metrics metrics = new Metrics();
    private final ClassLoader pluginLoader = new URLClassLoader(new URL[0], getClass().getClassLoader());

    @AfterEach
    void closeMetrics() {
        metrics.close();
    }

    private RetryWithToleranceOperator<SourceRecord> operator(ToleranceType tolerance) {
        return new RetryWithToleranceOperator<>(0, 0, tolerance, Time.SYSTEM,
                new ErrorHandlingMetrics(TASK, metrics, Time.SYSTEM), List.of());
    }

    private static SourceRecord renamed(SourceRecord record, String topic) {
        return record.newRecord(topic, null, null, null, null, record.value(), record.timestamp());
    }

    private static SourceRecord record(String topic) {
        return new SourceRecord(Map.of(), Map.of(), topic, null, "value");
    }

    @Test
    void stagesRunInOrderAndEachSeesThePreviousResult() {
        TransformationStage<SourceRecord> first = stage(r -> renamed(r, r.topic() + "-a"));
        TransformationStage<SourceRecord> second = stage(r -> renamed(r, r.topic() + "-b"));
        TransformationChain<SourceRecord, SourceRecord> chain = new TransformationChain<>(List.of(first, second),
                operator(ToleranceType.NONE));

        SourceRecord original = record("t");
        assertEquals("t-a-b", chain.apply(new ProcessingContext<>(original), original).topic());
    }

    @Test
    void aDroppedRecordSkipsTheRemainingStages() {
        Recording after = new Recording(r -> r);
        TransformationChain<SourceRecord, SourceRecord> chain = new TransformationChain<>(
                List.of(stage(r -> null), new TransformationStage<>(after, pluginLoader)),
                operator(ToleranceType.NONE));

        SourceRecord original = record("t");
        ProcessingContext<SourceRecord> context = new ProcessingContext<>(original);
        assertNull(chain.apply(context, original));
        assertFalse(context.failed());
        assertEquals(0, after.applied.size());
    }

    @Test
    void aToleratedFailureDropsTheRecordAndMarksItFailed() {
        TransformationChain<SourceRecord, SourceRecord> chain = new TransformationChain<>(
                List.of(stage(r -> {
                    throw new IllegalStateException("boom");
                })), operator(ToleranceType.ALL));

        SourceRecord original = record("t");
        ProcessingContext<SourceRecord> context = new ProcessingContext<>(original);
        assertNull(chain.apply(context, original));
        assertTrue(context.failed());
        assertEquals(Stage.TRANSFORMATION, context.stage());
        assertSame(Recording.class, context.executingClass());
    }

    @Test
    void anUntoleratedFailureFailsTheTask() {
        TransformationChain<SourceRecord, SourceRecord> chain = new TransformationChain<>(
                List.of(stage(r -> {
                    throw new IllegalStateException("boom");
                })), operator(ToleranceType.NONE));

        SourceRecord original = record("t");
        ConnectException e = assertThrows(ConnectException.class,
                () -> chain.apply(new ProcessingContext<>(original), original));
        assertEquals("Tolerance exceeded in error handler", e.getMessage());
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }

    @Test
    void predicateAndNegateDecideWhichRecordsAreTransformed() {
        Function<SourceRecord, SourceRecord> rename = r -> renamed(r, "renamed");
        for (boolean negate : new boolean[]{false, true}) {
            for (boolean matches : new boolean[]{false, true}) {
                TransformationStage<SourceRecord> stage = new TransformationStage<>("alias", new Recording(rename),
                        pluginLoader, "p", new FixedPredicate(matches), pluginLoader, negate);
                String topic = stage.apply(record("t")).topic();
                assertEquals(matches != negate ? "renamed" : "t", topic, "matches=" + matches + " negate=" + negate);
            }
        }
    }

    @Test
    void pluginsRunWithTheirOwnContextLoader() {
        ClassLoader caller = Thread.currentThread().getContextClassLoader();
        Recording transformation = new Recording(r -> r);
        FixedPredicate predicate = new FixedPredicate(true);
        ClassLoader predicateLoader = new URLClassLoader(new URL[0], getClass().getClassLoader());
        TransformationStage<SourceRecord> stage = new TransformationStage<>("alias", transformation, pluginLoader,
                "p", predicate, predicateLoader, false);

        stage.apply(record("t"));

        assertSame(pluginLoader, transformation.loaders.get(0));
        assertSame(predicateLoader, predicate.loaders.get(0));
        assertSame(caller, Thread.currentThread().getContextClassLoader());
    }

    @Test
    void closingTheChainClosesEveryTransformationAndPredicateDespiteFailures() {
        Recording failsToClose = new Recording(r -> r);
        failsToClose.failOnClose = true;
        Recording second = new Recording(r -> r);
        FixedPredicate predicate = new FixedPredicate(true);
        TransformationChain<SourceRecord, SourceRecord> chain = new TransformationChain<>(List.of(
                new TransformationStage<>("a", failsToClose, pluginLoader, "p", predicate, pluginLoader, false),
                new TransformationStage<>(second, pluginLoader)), operator(ToleranceType.NONE));

        chain.close();

        assertTrue(failsToClose.closed);
        assertTrue(predicate.closed);
        assertTrue(second.closed);
    }

    @Test
    void aStageWithoutPredicateIgnoresNegate() {
        TransformationStage<SourceRecord> stage = new TransformationStage<>("a", new Recording(r -> null),
                pluginLoader, null, null, null, true);

        assertFalse(stage.negate());
        assertNull(stage.apply(record("t")));
        assertNull(stage.predicateClass());
        assertEquals("undefined", stage.transformVersion());
    }

    private TransformationStage<SourceRecord> stage(Function<SourceRecord, SourceRecord> function) {
        return new TransformationStage<>(new Recording(function), pluginLoader);
    }

    /** Applies a function and records the context loader of each call. */
    static final class Recording implements Transformation<SourceRecord> {
        final Function<SourceRecord, SourceRecord> function;
        final List<SourceRecord> applied = new ArrayList<>();
        final List<ClassLoader> loaders = new ArrayList<>();
        boolean failOnClose;
        boolean closed;

        Recording(Function<SourceRecord, SourceRecord> function) {
            this.function = function;
        }

        @Override
        public SourceRecord apply(SourceRecord record) {
            applied.add(record);
            loaders.add(Thread.currentThread().getContextClassLoader());
            return function.apply(record);
        }

        @Override
        public ConfigDef config() {
            return new ConfigDef();
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }

        @Override
        public void close() {
            closed = true;
            if (failOnClose) {
                throw new IllegalStateException("cannot close");
            }
        }
    }

    /** Matches every record, or none. */
    static final class FixedPredicate implements Predicate<SourceRecord> {
        final boolean matches;
        final List<ClassLoader> loaders = new ArrayList<>();
        boolean closed;

        FixedPredicate(boolean matches) {
            this.matches = matches;
        }

        @Override
        public boolean test(SourceRecord record) {
            loaders.add(Thread.currentThread().getContextClassLoader());
            return matches;
        }

        @Override
        public ConfigDef config() {
            return new ConfigDef();
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
