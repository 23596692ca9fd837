package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.MetricsContext;
import org.apache.kafka.common.metrics.MetricsReporter;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.runtime.MonitorableTestPlugins.MonitoredPolicy;
import org.apache.kafka.connect.runtime.MonitorableTestPlugins.MonitoredPredicate;
import org.apache.kafka.connect.runtime.MonitorableTestPlugins.MonitoredTransformation;
import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.junit.jupiter.api.Test;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Worker-level metrics wiring: the metrics context labels and the plugin metrics of monitorable plugins. */
class WorkerPluginMetricsTest {

    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();
    /** Context labels seen by {@link ContextRecordingReporter}, per worker id (the reporter's client id). */
    private static final Map<String, Map<String, String>> CONTEXTS = new ConcurrentHashMap<>();

    @Test
    void workerGivenTheClusterIdLabelsItsMetricsContextWithIt() {
        String workerId = "labelled-" + UUID.randomUUID();
        Worker worker = newWorker(workerId, new WorkerTestPlugins.AllowAllPolicy(), "cluster-abc");
        try {
            Map<String, String> labels = CONTEXTS.get(workerId);
            assertEquals("cluster-abc", labels.get("kafka.connect.cluster.id"), labels::toString);
            assertEquals("kafka.connect", labels.get("_namespace"));
            assertEquals("blue", labels.get("team"));
            assertEquals("cluster-abc", worker.kafkaClusterId());
        } finally {
            worker.stop();
        }
    }

    @Test
    void workerWithoutClusterIdLeavesTheLabelOut() {
        String workerId = "unlabelled-" + UUID.randomUUID();
        Worker worker = newWorker(workerId, new WorkerTestPlugins.AllowAllPolicy(), null);
        try {
            Map<String, String> labels = CONTEXTS.get(workerId);
            assertFalse(labels.containsKey("kafka.connect.cluster.id"), labels::toString);
            assertNull(labels.get("kafka.connect.group.id"));
        } finally {
            worker.stop();
        }
    }

    @Test
    void distributedWorkerMetricsAlsoCarryTheGroupIdLabel() {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", "localhost:9");
        props.put("group.id", "connect-cluster");
        props.put("key.converter", StringConverter.class.getName());
        props.put("value.converter", StringConverter.class.getName());
        props.put("config.storage.topic", "connect-configs");
        props.put("offset.storage.topic", "connect-offsets");
        props.put("status.storage.topic", "connect-status");
        props.put("metric.reporters", ContextRecordingReporter.class.getName());
        String workerId = "distributed-" + UUID.randomUUID();
        try (ConnectMetrics ignored = new ConnectMetrics(workerId, new DistributedConfig(props), Time.SYSTEM,
                "cluster-xyz")) {
            Map<String, String> labels = CONTEXTS.get(workerId);
            assertEquals("cluster-xyz", labels.get("kafka.connect.cluster.id"), labels::toString);
            assertEquals("connect-cluster", labels.get("kafka.connect.group.id"), labels::toString);
        }
    }

    @Test
    void monitorableOverridePolicyGetsPluginMetricsUntilTheWorkerStops() throws Exception {
        ObjectName policyBean = new ObjectName("kafka.connect:type=plugins,"
                + "config=connector.client.config.override.policy,class=MonitoredPolicy");
        Worker worker = newWorker("policy-" + UUID.randomUUID(), new MonitoredPolicy(), "cluster-abc");
        try {
            assertEquals(0.0, SERVER.getAttribute(policyBean, MonitorableTestPlugins.CALLS));
        } finally {
            worker.stop();
        }
        assertFalse(SERVER.isRegistered(policyBean));
    }

    @Test
    void runningTaskPublishesItsTransformationAndPredicateMetricsUntilItStops() throws Exception {
        try (WorkerFixture fixture = new WorkerFixture()) {
            String connName = "monitored-" + UUID.randomUUID();
            String topic = "plugin-metrics-" + connName;
            fixture.broker.createTopic(topic, 1);
            Map<String, String> props = new HashMap<>();
            props.put("name", connName);
            props.put("connector.class", WorkerTestPlugins.TestSourceConnector.class.getName());
            props.put("tasks.max", "1");
            props.put(WorkerTestPlugins.TOPIC, topic);
            props.put(WorkerTestPlugins.RECORDS, "3");
            props.put("transforms", "watch");
            props.put("transforms.watch.type", MonitoredTransformation.class.getName());
            props.put("transforms.watch.predicate", "all");
            props.put("predicates", "all");
            props.put("predicates.all.type", MonitoredPredicate.class.getName());
            Map<String, String> taskProps = new HashMap<>(props);
            taskProps.put("task.class", WorkerTestPlugins.TestSourceTask.class.getName());
            ConnectorTaskId id = new ConnectorTaskId(connName, 0);

            assertTrue(fixture.worker.startSourceTask(id, props, taskProps, fixture.listener, TargetState.STARTED));
            fixture.listener.awaitEvent(id.toString(), "startup");
            ObjectName transformation = new ObjectName("kafka.connect:type=plugins,connector=" + connName
                    + ",task=0,transformation=watch");
            ObjectName predicate = new ObjectName("kafka.connect:type=plugins,connector=" + connName
                    + ",task=0,predicate=all");
            awaitValue(transformation, 3.0);
            assertEquals(3.0, SERVER.getAttribute(predicate, MonitorableTestPlugins.CALLS));

            fixture.worker.stopAndAwaitTask(id);
            Set<ObjectName> left = SERVER.queryNames(
                    new ObjectName("kafka.connect:type=plugins,connector=" + connName + ",*"), null);
            assertTrue(left.isEmpty(), left::toString);
        }
    }

    private static void awaitValue(ObjectName bean, double expected) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        Object value = null;
        while (System.currentTimeMillis() < deadline) {
            if (SERVER.isRegistered(bean)) {
                value = SERVER.getAttribute(bean, MonitorableTestPlugins.CALLS);
                if (value.equals(expected)) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError(bean + " " + MonitorableTestPlugins.CALLS + " is " + value + ", not " + expected);
    }

    private static Worker newWorker(String workerId, WorkerTestPlugins.AllowAllPolicy policy, String clusterId) {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", "localhost:9");
        props.put("key.converter", StringConverter.class.getName());
        props.put("value.converter", StringConverter.class.getName());
        props.put("offset.storage.file.filename", "unused");
        props.put("metric.reporters", JmxReporter.class.getName() + "," + ContextRecordingReporter.class.getName());
        props.put("metrics.context.team", "blue");
        Plugins plugins = new Plugins(Map.of("plugin.discovery", "service_load"));
        Worker worker = new Worker(workerId, Time.SYSTEM, plugins, new StandaloneConfig(props),
                new MemoryOffsetBackingStore(), policy, null, clusterId);
        worker.start();
        return worker;
    }

    /** Records the metrics context labels it is given, under its client id. */
    public static final class ContextRecordingReporter implements MetricsReporter {
        private String clientId;

        @Override
        public void configure(Map<String, ?> configs) {
            clientId = (String) configs.get("client.id");
        }

        @Override
        public void contextChange(MetricsContext context) {
            CONTEXTS.put(clientId, Map.copyOf(context.contextLabels()));
        }

        @Override
        public void init(List<KafkaMetric> metrics) {
        }

        @Override
        public void metricChange(KafkaMetric metric) {
        }

        @Override
        public void metricRemoval(KafkaMetric metric) {
        }

        @Override
        public void close() {
        }
    }
}
