package org.apache.kafka.connect.runtime;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.MetricsReporter;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.runtime.distributed.DistributedConfig;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The worker's metrics registry: one {@link Metrics} in the JMX domain {@code kafka.connect}, reported through the
 * configured {@code metric.reporters} (JmxReporter by default), sampled as {@code metrics.num.samples},
 * {@code metrics.sample.window.ms} and {@code metrics.recording.level} say, with the {@code metrics.context.*} labels
 * plus {@code kafka.connect.cluster.id} (the Kafka cluster's id) and, for a distributed worker,
 * {@code kafka.connect.group.id}.
 * Also registers the worker's {@code app-info} MBean. Groups of metrics ({@link MetricGroup}) are created here.
 * Thread-safe.
 */
public final class ConnectMetrics implements AutoCloseable {

    /** The JMX domain and metrics context namespace of Connect. */
    public static final String JMX_PREFIX = "kafka.connect";
    /** Metrics context label naming the Kafka cluster the worker uses. */
    static final String CLUSTER_ID_LABEL = JMX_PREFIX + ".cluster.id";
    /** Metrics context label naming the Connect cluster (the group) a distributed worker belongs to. */
    static final String GROUP_ID_LABEL = JMX_PREFIX + ".group.id";

    private final String workerId;
    private final Metrics metrics;
    /** Makes the sensor names of group instances unique, so an old instance can never remove a newer one's. */
    private final AtomicLong groupInstances = new AtomicLong();

    /** Metrics whose context has no cluster id label, for workers that do not know the Kafka cluster id yet. */
    public ConnectMetrics(String workerId, WorkerConfig config, Time time) {
        this(workerId, config, time, null);
    }

    /**
     * @param kafkaClusterId the id of the worker's Kafka cluster, the {@code kafka.connect.cluster.id} label; null
     *                       to leave the label out
     */
    public ConnectMetrics(String workerId, WorkerConfig config, Time time, String kafkaClusterId) {
        this.workerId = workerId;
        MetricConfig metricConfig = new MetricConfig()
                .samples(config.getInt(WorkerConfig.METRICS_NUM_SAMPLES_CONFIG))
                .timeWindow(config.getLong(WorkerConfig.METRICS_SAMPLE_WINDOW_MS_CONFIG), TimeUnit.MILLISECONDS)
                .recordLevel(Sensor.RecordingLevel.forName(
                        config.getString(WorkerConfig.METRICS_RECORDING_LEVEL_CONFIG)));
        List<MetricsReporter> reporters = config.getConfiguredInstances(WorkerConfig.METRIC_REPORTER_CLASSES_CONFIG,
                MetricsReporter.class, Map.of(CommonClientConfigs.CLIENT_ID_CONFIG, workerId));
        Map<String, Object> contextLabels = new HashMap<>(
                config.originalsWithPrefix(WorkerConfig.METRICS_CONTEXT_PREFIX));
        // The worker's identity labels win over user labels of the same name.
        if (kafkaClusterId != null) {
            contextLabels.put(CLUSTER_ID_LABEL, kafkaClusterId);
        }
        if (config instanceof DistributedConfig distributed) {
            contextLabels.put(GROUP_ID_LABEL, distributed.getString(DistributedConfig.GROUP_ID_CONFIG));
        }
        this.metrics = new Metrics(metricConfig, reporters, time, new KafkaMetricsContext(JMX_PREFIX, contextLabels));
        AppInfoParser.registerAppInfo(JMX_PREFIX, workerId, metrics, time.milliseconds());
    }

    /** A registry without reporters, for tasks and connectors built outside a worker (tests, tools). */
    ConnectMetrics(Metrics metrics) {
        this.workerId = null;
        this.metrics = metrics;
    }

    /** The underlying registry, for metrics kept outside groups (task error metrics, plugin metrics). */
    public Metrics metrics() {
        return metrics;
    }

    /**
     * A group of metrics named {@code kafka.connect:type=<group>,<tag>=<value>...}; tags in the order given.
     *
     * @param tagKeysAndValues alternating tag names and values
     */
    public MetricGroup group(String group, String... tagKeysAndValues) {
        if (tagKeysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("Tags must come in name/value pairs");
        }
        Map<String, String> tags = new java.util.LinkedHashMap<>();
        for (int i = 0; i < tagKeysAndValues.length; i += 2) {
            tags.put(tagKeysAndValues[i], tagKeysAndValues[i + 1]);
        }
        return new MetricGroup(metrics, group, tags, groupInstances.incrementAndGet());
    }

    @Override
    public void close() {
        if (workerId != null) {
            AppInfoParser.unregisterAppInfo(JMX_PREFIX, workerId, metrics);
        }
        Utils.closeQuietly(metrics, "worker metrics");
    }
}
