package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The metrics of one group and tag set, e.g. {@code connector-task-metrics} of {@code connector=c,task=0}, which are
 * registered and removed together: a connector's or task's metrics go when it stops ({@link #close()}).
 * <p>
 * If metrics of the same names are still registered (an old instance racing with its replacement), the newer
 * instance replaces them; the worker closes a connector's or task's groups before it creates its successor's, so
 * closing an old instance does not meet metrics of a newer one in practice. Gauges are only removed by the instance
 * that registered them. Thread-safe.
 */
public final class MetricGroup implements AutoCloseable {

    private final Metrics metrics;
    private final String group;
    private final Map<String, String> tags;
    private final String sensorPrefix;
    private final List<KafkaMetric> gauges = new ArrayList<>();
    private final List<Sensor> sensors = new ArrayList<>();
    private boolean closed;

    MetricGroup(Metrics metrics, String group, Map<String, String> tags, long instance) {
        this.metrics = metrics;
        this.group = group;
        this.tags = Collections.unmodifiableMap(tags);
        StringBuilder prefix = new StringBuilder(group);
        tags.forEach((key, value) -> prefix.append(':').append(key).append('=').append(value));
        this.sensorPrefix = prefix.append('#').append(instance).append(':').toString();
    }

    public String groupName() {
        return group;
    }

    public Map<String, String> tags() {
        return tags;
    }

    public MetricName metricName(String name, String description) {
        return metrics.metricName(name, group, description, tags);
    }

    /** Registers a gauge; {@code value} is read on the reporter's thread, so it must be thread-safe. */
    public synchronized <T> void addGauge(String name, String description, Gauge<T> value) {
        MetricName metricName = metricName(name, description);
        metrics.removeMetric(metricName);
        gauges.add(metrics.addMetricIfAbsent(metricName, null, value));
    }

    /** A gauge whose value never changes (class names, versions, types). */
    public <T> void addImmutableGauge(String name, String description, T value) {
        addGauge(name, description, (config, now) -> value);
    }

    /** A sensor of this group; name its stats with {@link #replaceable}. */
    public synchronized Sensor sensor(String name) {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
        Sensor sensor = metrics.sensor(sensorPrefix + name);
        sensors.add(sensor);
        return sensor;
    }

    /** Frees {@code metricName} for a stat of one of this group's sensors. */
    MetricName replaceable(String name, String description) {
        MetricName metricName = metricName(name, description);
        metrics.removeMetric(metricName);
        return metricName;
    }

    /** Removes the group's metrics (those not taken over by a newer instance). Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (KafkaMetric gauge : gauges) {
            if (metrics.metric(gauge.metricName()) == gauge) {
                metrics.removeMetric(gauge.metricName());
            }
        }
        // A sensor's metrics go with it; a newer instance's sensors have names of their own.
        sensors.forEach(sensor -> metrics.removeSensor(sensor.name()));
        gauges.clear();
        sensors.clear();
    }

    @Override
    public String toString() {
        return "MetricGroup{" + group + tags + '}';
    }
}
