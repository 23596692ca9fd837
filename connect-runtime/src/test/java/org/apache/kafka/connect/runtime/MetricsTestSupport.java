package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.utils.Time;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Reads metrics of a {@link Metrics} registry by group, tags and name, as the unit tests of the metric groups do. */
final class MetricsTestSupport {

    private MetricsTestSupport() {
    }

    /** A clock that only moves when a test sleeps on it. */
    static final class StepClock implements Time {
        private final AtomicLong nowMs = new AtomicLong(1_000_000L);

        @Override
        public long milliseconds() {
            return nowMs.get();
        }

        @Override
        public long nanoseconds() {
            return TimeUnit.MILLISECONDS.toNanos(nowMs.get());
        }

        @Override
        public void sleep(long ms) {
            nowMs.addAndGet(ms);
        }

        @Override
        public void waitObject(Object obj, Supplier<Boolean> condition, long deadlineMs) {
            throw new UnsupportedOperationException("not used by the metrics tests");
        }
    }

    static Map<String, String> tags(String... keysAndValues) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            tags.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return tags;
    }

    static Object value(Metrics metrics, String group, Map<String, String> tags, String name) {
        KafkaMetric metric = metrics.metric(new MetricName(name, group, "", tags));
        if (metric == null) {
            throw new AssertionError("No metric " + name + " in " + group + tags + "; registered: "
                    + names(metrics, group));
        }
        return metric.metricValue();
    }

    static double number(Metrics metrics, String group, Map<String, String> tags, String name) {
        return ((Number) value(metrics, group, tags, name)).doubleValue();
    }

    /** The names of the metrics registered in {@code group}, whatever their tags. */
    static Set<String> names(Metrics metrics, String group) {
        return metrics.metrics().keySet().stream()
                .filter(name -> name.group().equals(group))
                .map(MetricName::name)
                .collect(Collectors.toSet());
    }
}
