package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.runtime.MonitorableTestPlugins.MonitoredPredicate;
import org.apache.kafka.connect.runtime.MonitorableTestPlugins.MonitoredTransformation;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransformationStagePluginMetricsTest {

    private static final ClassLoader LOADER = TransformationStagePluginMetricsTest.class.getClassLoader();
    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    private final ConnectMetrics connectMetrics = new ConnectMetrics("stage-metrics-test", new StandaloneConfig(Map.of(
            "bootstrap.servers", "localhost:9092",
            "key.converter", StringConverter.class.getName(),
            "value.converter", StringConverter.class.getName(),
            "offset.storage.file.filename", "/tmp/unused-offsets")), new MetricsTestSupport.StepClock());

    @AfterEach
    void tearDown() {
        connectMetrics.close();
    }

    @Test
    void monitorableTransformationAndPredicateGetJmxMetricsTaggedWithTheirAliasesUntilClosed() throws Exception {
        TransformationStage<SourceRecord> stage = new TransformationStage<>("mask",
                new MonitoredTransformation<SourceRecord>(), LOADER, "always", new MonitoredPredicate<SourceRecord>(),
                LOADER, false);
        stage.attachPluginMetrics(connectMetrics.metrics(), new ConnectorTaskId("conn", 2));

        stage.apply(record());
        stage.apply(record());

        ObjectName transformation = onlyBean("kafka.connect:type=plugins,connector=conn,task=2,transformation=mask,*");
        assertEquals(2.0, SERVER.getAttribute(transformation, MonitorableTestPlugins.CALLS));
        ObjectName predicate = onlyBean("kafka.connect:type=plugins,connector=conn,task=2,predicate=always,*");
        assertEquals(2.0, SERVER.getAttribute(predicate, MonitorableTestPlugins.CALLS));

        stage.close();
        assertTrue(SERVER.queryNames(new ObjectName("kafka.connect:type=plugins,connector=conn,*"), null).isEmpty());
    }

    @Test
    void pluginsThatAreNotMonitorableGetNoMetrics() throws Exception {
        Predicate<SourceRecord> plainPredicate = new Predicate<>() {
            @Override
            public boolean test(SourceRecord record) {
                return false;
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
        };
        TransformationStage<SourceRecord> stage = new TransformationStage<>("mask",
                new MonitoredTransformation<SourceRecord>(), LOADER, "has-h", plainPredicate, LOADER, true);
        stage.attachPluginMetrics(connectMetrics.metrics(), new ConnectorTaskId("plain", 0));

        stage.apply(record());

        assertEquals(1, SERVER.queryNames(new ObjectName("kafka.connect:type=plugins,connector=plain,*"), null)
                .size());
        onlyBean("kafka.connect:type=plugins,connector=plain,task=0,transformation=mask,*");
        stage.close();
    }

    private static ObjectName onlyBean(String pattern) throws Exception {
        Set<ObjectName> names = SERVER.queryNames(new ObjectName(pattern), null);
        assertEquals(1, names.size(), () -> "MBeans matching " + pattern + ": " + names);
        return names.iterator().next();
    }

    private static SourceRecord record() {
        return new SourceRecord(Map.of(), Map.of(), "topic", null, "value");
    }
}
