package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.MetricsContext;
import org.apache.kafka.common.metrics.MetricsReporter;
import org.apache.kafka.common.metrics.Monitorable;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.junit.jupiter.api.Test;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.apache.kafka.connect.runtime.MetricsTestSupport.tags;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectMetricsTest {

    /** What the reporters created by these tests saw; a reporter is created by class name, so it cannot be handed one. */
    private static final List<String> REPORTED = new CopyOnWriteArrayList<>();

    private final MetricsTestSupport.StepClock time = new MetricsTestSupport.StepClock();

    @Test
    void groupsAreJmxBeansOfTheKafkaConnectDomainAndGoAwayOnClose() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try (ConnectMetrics connectMetrics = new ConnectMetrics("worker-jmx-test", workerConfig(Map.of()), time)) {
            assertTrue(server.isRegistered(new ObjectName("kafka.connect:type=app-info,id=worker-jmx-test")));

            MetricGroup group = connectMetrics.group("connector-metrics", "connector", "jmx-test");
            group.addImmutableGauge("connector-type", "type", "source");
            ObjectName name = new ObjectName("kafka.connect:type=connector-metrics,connector=jmx-test");
            assertEquals("source", server.getAttribute(name, "connector-type"));

            group.close();
            assertFalse(server.isRegistered(name));
        }
        assertFalse(server.isRegistered(new ObjectName("kafka.connect:type=app-info,id=worker-jmx-test")));
    }

    @Test
    void configuredReportersAreCreatedConfiguredWithTheWorkerSettingsAndSeeTheMetrics() {
        REPORTED.clear();
        Map<String, String> props = new HashMap<>();
        props.put("metric.reporters", RecordingReporter.class.getName());
        props.put("metrics.context.team", "blue");
        props.put("custom.setting", "x");
        try (ConnectMetrics connectMetrics = new ConnectMetrics("worker-1", workerConfig(props), time)) {
            connectMetrics.group("connect-worker-metrics").addImmutableGauge("connector-count", "count", 0);
        }
        assertTrue(REPORTED.contains("configure custom.setting=x client.id=worker-1"), REPORTED::toString);
        assertTrue(REPORTED.contains("context _namespace=kafka.connect team=blue"), REPORTED::toString);
        assertTrue(REPORTED.contains("add connect-worker-metrics connector-count"), REPORTED::toString);
        assertTrue(REPORTED.contains("close"), REPORTED::toString);
    }

    @Test
    void monitorableConvertersGetPluginMetricsTaggedWithTheirRoleUntilClosed() throws Exception {
        Metrics metrics = new Metrics(time);
        MonitoredConverter key = new MonitoredConverter();
        TaskConverters converters = new TaskConverters(key, new StringConverter(), new StringConverter());
        converters.attachPluginMetrics(metrics, new ConnectorTaskId("conn", 1));

        key.counter.record();
        Map<String, String> expectedTags = tags("connector", "conn", "task", "1", "converter", "key", "kind", "calls");
        KafkaMetric metric = metrics.metric(metrics.metricName("conversions", "plugins", "", expectedTags));
        assertEquals(1.0, metric.metricValue());

        converters.keyConverter().close();
        assertTrue(metrics.metrics().keySet().stream().noneMatch(name -> name.group().equals("plugins")));
        metrics.close();
    }

    private static WorkerConfig workerConfig(Map<String, String> extra) {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", "localhost:9092");
        props.put("key.converter", StringConverter.class.getName());
        props.put("value.converter", StringConverter.class.getName());
        props.put("offset.storage.file.filename", "/tmp/unused-offsets");
        props.putAll(extra);
        return new StandaloneConfig(props);
    }

    /** A converter that registers a metric of its own. */
    static final class MonitoredConverter extends StringConverter implements Monitorable {
        org.apache.kafka.common.metrics.Sensor counter;

        @Override
        public void withPluginMetrics(PluginMetrics metrics) {
            java.util.LinkedHashMap<String, String> tags = new java.util.LinkedHashMap<>();
            tags.put("kind", "calls");
            counter = metrics.addSensor("conversions");
            counter.add(metrics.metricName("conversions", "conversions so far", tags), new CumulativeCount());
        }
    }

    /** Records its life in {@link #REPORTED}. */
    public static final class RecordingReporter implements MetricsReporter {
        @Override
        public void configure(Map<String, ?> configs) {
            REPORTED.add("configure custom.setting=" + configs.get("custom.setting") + " client.id="
                    + configs.get("client.id"));
        }

        @Override
        public void contextChange(MetricsContext context) {
            REPORTED.add("context _namespace=" + context.contextLabels().get("_namespace") + " team="
                    + context.contextLabels().get("team"));
        }

        @Override
        public void init(List<KafkaMetric> metrics) {
        }

        @Override
        public void metricChange(KafkaMetric metric) {
            REPORTED.add("add " + metric.metricName().group() + " " + metric.metricName().name());
        }

        @Override
        public void metricRemoval(KafkaMetric metric) {
        }

        @Override
        public void close() {
            REPORTED.add("close");
        }
    }
}
