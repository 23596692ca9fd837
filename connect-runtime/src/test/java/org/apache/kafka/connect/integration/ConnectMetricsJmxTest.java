package org.apache.kafka.connect.integration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A standalone worker in this JVM publishes its metrics through JMX under {@code kafka.connect}: the counts move as
 * records flow through a file source and a file sink, and a connector's MBeans go away when it is deleted.
 */
class ConnectMetricsJmxTest {

    private static final MBeanServer MBEANS = ManagementFactory.getPlatformMBeanServer();

    @TempDir
    Path dir;

    private EmbeddedConnectStandalone worker;

    @BeforeEach
    void startWorker() {
        worker = new EmbeddedConnectStandalone(dir).start();
    }

    @AfterEach
    void stopWorker() {
        if (worker != null) {
            worker.stop();
        }
    }

    @Test
    void recordCountsMoveInTheTaskMBeansAndConnectorMBeansGoWithTheConnector() throws Exception {
        String topic = "metrics-" + UUID.randomUUID();
        Path input = dir.resolve("input.txt");
        Path output = dir.resolve("output.txt");
        Files.writeString(input, "one\ntwo\nthree\n");
        ConnectRestClient rest = worker.rest();

        String source = "metrics-source-" + UUID.randomUUID();
        assertEquals(201, rest.createConnector(source, FileStreamPipelineTest.sourceConfig(input, topic)).status());
        Waits.connectorState(rest, source, "RUNNING", 1, "RUNNING");
        ObjectName sourceTask = name("source-task-metrics", "connector", source, "task", "0");
        waitForAtLeast(sourceTask, "source-record-poll-total", 3);
        waitForAtLeast(sourceTask, "source-record-write-total", 3);

        String sink = "metrics-sink-" + UUID.randomUUID();
        assertEquals(201, rest.createConnector(sink, sinkConfig(topic, output)).status());
        Waits.connectorState(rest, sink, "RUNNING", 1, "RUNNING");
        Waits.fileLines(output, List.of("one", "two", "three"));
        ObjectName sinkTask = name("sink-task-metrics", "connector", sink, "task", "0");
        waitForAtLeast(sinkTask, "sink-record-read-total", 3);
        waitForAtLeast(sinkTask, "sink-record-send-total", 3);

        LineFiles.append(input, "four");
        Waits.fileLines(output, List.of("one", "two", "three", "four"));
        waitForAtLeast(sourceTask, "source-record-poll-total", 4);
        waitForAtLeast(sinkTask, "sink-record-read-total", 4);

        ObjectName connectorMetrics = name("connector-metrics", "connector", source);
        assertEquals("running", MBEANS.getAttribute(connectorMetrics, "status"));
        assertEquals("source", MBEANS.getAttribute(connectorMetrics, "connector-type"));
        assertEquals("org.apache.kafka.connect.file.FileStreamSourceConnector",
                MBEANS.getAttribute(connectorMetrics, "connector-class"));
        ObjectName taskMetrics = name("connector-task-metrics", "connector", sink, "task", "0");
        assertEquals("running", MBEANS.getAttribute(taskMetrics, "status"));
        assertEquals("sink", MBEANS.getAttribute(taskMetrics, "connector-type"));
        ObjectName worker = new ObjectName("kafka.connect:type=connect-worker-metrics");
        assertEquals(2.0, ((Number) MBEANS.getAttribute(worker, "connector-count")).doubleValue());
        assertEquals(2.0, ((Number) MBEANS.getAttribute(worker, "task-count")).doubleValue());
        assertEquals(1.0, ((Number) MBEANS.getAttribute(name("connect-worker-metrics", "connector", sink),
                "connector-running-task-count")).doubleValue());
        assertTrue(MBEANS.isRegistered(name("task-error-metrics", "connector", sink, "task", "0")));

        assertEquals(204, rest.delete("/connectors/" + source).status());
        ObjectName ofSource = new ObjectName("kafka.connect:connector=" + source + ",*");
        Waits.until("the source connector's MBeans are unregistered",
                () -> MBEANS.queryNames(ofSource, null).isEmpty(), () -> MBEANS.queryNames(ofSource, null));
        assertFalse(MBEANS.isRegistered(name("connector-task-metrics", "connector", source, "task", "0")));
        assertTrue(MBEANS.isRegistered(sinkTask), "the sink's metrics stay");
    }

    private static Map<String, String> sinkConfig(String topic, Path output) {
        Map<String, String> sink = new HashMap<>();
        sink.put("connector.class", "org.apache.kafka.connect.file.FileStreamSinkConnector");
        sink.put("tasks.max", "1");
        sink.put("topics", topic);
        sink.put("file", output.toString());
        sink.put("transforms", "unwrap");
        sink.put("transforms.unwrap.type", "org.apache.kafka.connect.transforms.ExtractField$Value");
        sink.put("transforms.unwrap.field", "line");
        return sink;
    }

    private static ObjectName name(String type, String... tags) throws MalformedObjectNameException {
        StringBuilder name = new StringBuilder("kafka.connect:type=").append(type);
        for (int i = 0; i < tags.length; i += 2) {
            name.append(',').append(tags[i]).append('=').append(tags[i + 1]);
        }
        return new ObjectName(name.toString());
    }

    private static void waitForAtLeast(ObjectName mbean, String attribute, double expected) {
        Waits.until(mbean + " " + attribute + " >= " + expected,
                () -> value(mbean, attribute) >= expected, () -> value(mbean, attribute));
    }

    private static double value(ObjectName mbean, String attribute) {
        try {
            return ((Number) MBEANS.getAttribute(mbean, attribute)).doubleValue();
        } catch (javax.management.InstanceNotFoundException e) {
            return -1;
        } catch (Exception e) {
            throw new AssertionError("Cannot read " + attribute + " of " + mbean, e);
        }
    }
}
