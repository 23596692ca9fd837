package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.apache.kafka.connect.runtime.MetricsTestSupport.names;
import static org.apache.kafka.connect.runtime.MetricsTestSupport.number;
import static org.apache.kafka.connect.runtime.MetricsTestSupport.tags;
import static org.apache.kafka.connect.runtime.MetricsTestSupport.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code connect-worker-metrics} and {@code connector-metrics} groups. */
class WorkerMetricsTest {

    private final MetricsTestSupport.StepClock time = new MetricsTestSupport.StepClock();
    private final Metrics metrics = new Metrics(time);
    private final ConnectMetrics connectMetrics = new ConnectMetrics(metrics);
    private final Map<ConnectorTaskId, String> taskStatuses = new HashMap<>();

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void countsStartupsAndTasksPerStatus() {
        WorkerMetrics worker = new WorkerMetrics(connectMetrics, () -> 1, taskStatuses::size,
                () -> Map.copyOf(taskStatuses));
        worker.recordConnectorStartup(true);
        worker.recordTaskStartup(true);
        worker.recordTaskStartup(true);
        worker.recordTaskStartup(true);
        worker.recordTaskStartup(false);
        worker.connectorAdded("a");
        taskStatuses.put(new ConnectorTaskId("a", 0), "running");
        taskStatuses.put(new ConnectorTaskId("a", 1), "paused");
        taskStatuses.put(new ConnectorTaskId("a", 2), "running");
        taskStatuses.put(new ConnectorTaskId("b", 0), "running");

        String group = WorkerMetrics.GROUP;
        Map<String, String> none = Map.of();
        assertEquals(1.0, number(metrics, group, none, "connector-count"));
        assertEquals(4.0, number(metrics, group, none, "task-count"));
        assertEquals(1.0, number(metrics, group, none, "connector-startup-success-total"));
        assertEquals(1.0, number(metrics, group, none, "connector-startup-success-percentage"));
        assertEquals(0.0, number(metrics, group, none, "connector-startup-failure-percentage"));
        assertEquals(4.0, number(metrics, group, none, "task-startup-attempts-total"));
        assertEquals(1.0, number(metrics, group, none, "task-startup-failure-total"));
        assertEquals(0.75, number(metrics, group, none, "task-startup-success-percentage"));

        Map<String, String> connA = tags("connector", "a");
        assertEquals(3.0, number(metrics, group, connA, "connector-total-task-count"));
        assertEquals(2.0, number(metrics, group, connA, "connector-running-task-count"));
        assertEquals(1.0, number(metrics, group, connA, "connector-paused-task-count"));
        assertEquals(0.0, number(metrics, group, connA, "connector-failed-task-count"));

        worker.connectorRemoved("a");
        assertTrue(metrics.metrics().keySet().stream().noneMatch(name -> name.tags().equals(connA)));
        worker.close();
        assertTrue(names(metrics, group).isEmpty());
    }

    @Test
    void connectorStatusFollowsTheReportedStatusUntilRemoved() {
        ConnectorMetrics connector = new ConnectorMetrics(connectMetrics, "c", "sink", "com.example.Sink", "1.0",
                time);
        List<String> forwarded = new ArrayList<>();
        ConnectorStatus.Listener listener = connector.tracking(new ConnectorStatus.Listener() {
            @Override
            public void onStartup(String name) {
                forwarded.add("startup");
            }

            @Override
            public void onPause(String name) {
            }

            @Override
            public void onResume(String name) {
            }

            @Override
            public void onStop(String name) {
                forwarded.add("stop");
            }

            @Override
            public void onFailure(String name, Throwable cause) {
            }

            @Override
            public void onShutdown(String name) {
            }

            @Override
            public void onDeletion(String name) {
            }

            @Override
            public void onRestart(String name) {
            }
        });
        Map<String, String> tags = tags("connector", "c");
        assertEquals("unassigned", value(metrics, ConnectorMetrics.GROUP, tags, "status"));
        listener.onStartup("c");
        assertEquals("running", value(metrics, ConnectorMetrics.GROUP, tags, "status"));
        listener.onStop("c");
        assertEquals("stopped", value(metrics, ConnectorMetrics.GROUP, tags, "status"));
        assertEquals(List.of("startup", "stop"), forwarded);
        assertEquals("sink", value(metrics, ConnectorMetrics.GROUP, tags, "connector-type"));
        assertEquals("com.example.Sink", value(metrics, ConnectorMetrics.GROUP, tags, "connector-class"));
        assertEquals("1.0", value(metrics, ConnectorMetrics.GROUP, tags, "connector-version"));

        connector.close();
        assertTrue(names(metrics, ConnectorMetrics.GROUP).isEmpty());
    }
}
