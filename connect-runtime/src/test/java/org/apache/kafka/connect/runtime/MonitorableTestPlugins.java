package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.metrics.Monitorable;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Plugins that implement {@link Monitorable} and count their calls in a metric of their own, so tests can see where
 * the runtime registered their plugin metrics and when it removed them.
 */
final class MonitorableTestPlugins {

    /** The name of the call counter each plugin registers. */
    static final String CALLS = "calls";

    private MonitorableTestPlugins() {
    }

    /** Sensors are named in the worker-wide registry, so each plugin kind names its own. */
    private static Sensor callCounter(PluginMetrics metrics, Object plugin) {
        Sensor sensor = metrics.addSensor(plugin.getClass().getSimpleName() + "-" + CALLS);
        sensor.add(metrics.metricName(CALLS, "Calls so far", new LinkedHashMap<>()), new CumulativeCount());
        return sensor;
    }

    /** Passes records through unchanged. */
    public static class MonitoredTransformation<R extends ConnectRecord<R>> implements Transformation<R>, Monitorable {
        private volatile Sensor calls;

        @Override
        public void withPluginMetrics(PluginMetrics metrics) {
            calls = callCounter(metrics, this);
        }

        @Override
        public R apply(R record) {
            calls.record();
            return record;
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
        }
    }

    /** Matches every record. */
    public static class MonitoredPredicate<R extends ConnectRecord<R>> implements Predicate<R>, Monitorable {
        private volatile Sensor calls;

        @Override
        public void withPluginMetrics(PluginMetrics metrics) {
            calls = callCounter(metrics, this);
        }

        @Override
        public boolean test(R record) {
            calls.record();
            return true;
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
        }
    }

    /** Allows every override, and registers a metric of its own. */
    public static class MonitoredPolicy extends WorkerTestPlugins.AllowAllPolicy implements Monitorable {
        @Override
        public void withPluginMetrics(PluginMetrics metrics) {
            callCounter(metrics, this);
        }
    }
}
