package org.apache.kafka.connect.runtime.errors;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.util.ConnectorTaskId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The error counters of one task, in the metric group {@code task-error-metrics} tagged {@code connector} and
 * {@code task} (JMX: {@code kafka.connect:type=task-error-metrics,connector=<c>,task=<n>}).
 * <p>
 * Recorded from the task thread, from connector threads that report errant records and from the DLQ producer's I/O
 * thread; Kafka's sensors are thread-safe, and the last error time is a volatile field.
 */
public class ErrorHandlingMetrics implements AutoCloseable {

    public static final String GROUP = "task-error-metrics";

    private final Metrics metrics;
    private final Time time;
    private final Map<String, String> tags;
    private final String sensorPrefix;
    private final List<Sensor> sensors = new ArrayList<>();

    private final Sensor recordFailures;
    private final Sensor recordErrors;
    private final Sensor recordsSkipped;
    private final Sensor retries;
    private final Sensor errorsLogged;
    private final Sensor deadLetterQueueProduceRequests;
    private final Sensor deadLetterQueueProduceFailures;
    private final MetricName lastErrorTimestampName;
    private final KafkaMetric lastErrorTimestamp;
    private volatile long lastErrorTimeMs = 0L;

    /**
     * Registers the metrics of task {@code id} in {@code metrics}. Metrics left behind by an earlier instance for the
     * same task (a restart racing with the old instance's shutdown) are replaced.
     */
    public ErrorHandlingMetrics(ConnectorTaskId id, Metrics metrics, Time time) {
        this.metrics = metrics;
        this.time = time;
        this.tags = new LinkedHashMap<>();
        tags.put("connector", id.connector());
        tags.put("task", Integer.toString(id.task()));
        // Sensor names are global to the Metrics instance; the tags keep tasks of different connectors apart.
        this.sensorPrefix = GROUP + ":connector=" + id.connector() + ",task=" + id.task() + ":";

        recordFailures = counter("total-record-failures",
                "The number of failed attempts to process a record in this task, counting each retried attempt.");
        recordErrors = counter("total-record-errors",
                "The number of records in this task whose processing failed for good (after any retries).");
        recordsSkipped = counter("total-records-skipped",
                "The number of records skipped by this task because of errors.");
        retries = counter("total-retries",
                "The number of retried operations in this task.");
        errorsLogged = counter("total-errors-logged",
                "The number of errors this task wrote to the log.");
        deadLetterQueueProduceRequests = counter("deadletterqueue-produce-requests",
                "The number of records this task attempted to write to the dead letter queue.");
        deadLetterQueueProduceFailures = counter("deadletterqueue-produce-failures",
                "The number of records this task failed to write to the dead letter queue.");

        lastErrorTimestampName = metrics.metricName("last-error-timestamp", GROUP,
                "The epoch time in milliseconds of this task's most recent error, 0 if it had none.", tags);
        metrics.removeMetric(lastErrorTimestampName);
        lastErrorTimestamp = metrics.addMetricIfAbsent(lastErrorTimestampName, null,
                (Gauge<Long>) (config, now) -> lastErrorTimeMs);
    }

    /** One attempt to process a record failed (it may still be retried). */
    public void recordFailure() {
        recordFailures.record();
    }

    /** A record failed for good; also sets {@code last-error-timestamp}. */
    public void recordError() {
        lastErrorTimeMs = time.milliseconds();
        recordErrors.record();
    }

    public void recordSkipped() {
        recordsSkipped.record();
    }

    public void recordRetry() {
        retries.record();
    }

    public void recordErrorLogged() {
        errorsLogged.record();
    }

    public void recordDeadLetterQueueProduceRequest() {
        deadLetterQueueProduceRequests.record();
    }

    public void recordDeadLetterQueueProduceFailed() {
        deadLetterQueueProduceFailures.record();
    }

    /** Unregisters this task's metrics, unless a newer instance for the same task has replaced them. */
    @Override
    public void close() {
        for (Sensor sensor : sensors) {
            if (metrics.getSensor(sensor.name()) == sensor) {
                metrics.removeSensor(sensor.name());
            }
        }
        if (metrics.metric(lastErrorTimestampName) == lastErrorTimestamp) {
            metrics.removeMetric(lastErrorTimestampName);
        }
    }

    private Sensor counter(String name, String description) {
        String sensorName = sensorPrefix + name;
        metrics.removeSensor(sensorName);
        Sensor sensor = metrics.sensor(sensorName);
        sensor.add(metrics.metricName(name, GROUP, description, tags), new CumulativeSum());
        sensors.add(sensor);
        return sensor;
    }
}
