package org.apache.kafka.connect.runtime.errors;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class ErrorHandlingMetricsTest {

    private static final ConnectorTaskId TASK = new ConnectorTaskId("orders-sink", 2);
    private static final Set<String> NAMES = Set.of("total-record-failures", "total-record-errors",
            "total-records-skipped", "total-retries", "total-errors-logged", "deadletterqueue-produce-requests",
            "deadletterqueue-produce-failures", "last-error-timestamp");

    private final Metrics metrics = new Metrics();
    private final ManualTime time = new ManualTime();

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void registersEveryFigureInTheTaskErrorGroupWithConnectorAndTaskTags() {
        new ErrorHandlingMetrics(TASK, metrics, time);

        Set<String> registered = metrics.metrics().keySet().stream()
                .filter(name -> name.group().equals("task-error-metrics"))
                .peek(name -> assertEquals(Map.of("connector", "orders-sink", "task", "2"), name.tags()))
                .map(MetricName::name)
                .collect(Collectors.toSet());
        assertEquals(NAMES, registered);
    }

    @Test
    void countsWhatIsRecorded() {
        ErrorHandlingMetrics errorMetrics = new ErrorHandlingMetrics(TASK, metrics, time);
        assertEquals(0L, value("last-error-timestamp"));

        errorMetrics.recordFailure();
        errorMetrics.recordFailure();
        errorMetrics.recordFailure();
        errorMetrics.recordRetry();
        errorMetrics.recordRetry();
        errorMetrics.recordError();
        errorMetrics.recordSkipped();
        errorMetrics.recordErrorLogged();
        errorMetrics.recordDeadLetterQueueProduceRequest();
        errorMetrics.recordDeadLetterQueueProduceRequest();
        errorMetrics.recordDeadLetterQueueProduceFailed();

        assertEquals(3.0, value("total-record-failures"));
        assertEquals(2.0, value("total-retries"));
        assertEquals(1.0, value("total-record-errors"));
        assertEquals(1.0, value("total-records-skipped"));
        assertEquals(1.0, value("total-errors-logged"));
        assertEquals(2.0, value("deadletterqueue-produce-requests"));
        assertEquals(1.0, value("deadletterqueue-produce-failures"));
        assertEquals(time.milliseconds(), value("last-error-timestamp"));
    }

    @Test
    void tasksOfTheSameConnectorKeepSeparateCounters() {
        ErrorHandlingMetrics task0 = new ErrorHandlingMetrics(new ConnectorTaskId("c", 0), metrics, time);
        new ErrorHandlingMetrics(new ConnectorTaskId("c", 1), metrics, time);
        // "c-1" + task 0 would print like "c" + task 10: the sensors must not be confused.
        new ErrorHandlingMetrics(new ConnectorTaskId("c-1", 0), metrics, time);
        new ErrorHandlingMetrics(new ConnectorTaskId("c", 10), metrics, time);

        task0.recordError();

        assertEquals(1.0, value("c", 0, "total-record-errors"));
        assertEquals(0.0, value("c", 1, "total-record-errors"));
        assertEquals(0.0, value("c-1", 0, "total-record-errors"));
        assertEquals(0.0, value("c", 10, "total-record-errors"));
    }

    @Test
    void closeUnregistersTheMetrics() {
        new ErrorHandlingMetrics(TASK, metrics, time).close();

        assertEquals(0, metrics.metrics().keySet().stream()
                .filter(name -> name.group().equals("task-error-metrics")).count());
    }

    @Test
    void aRestartedTaskReplacesItsPredecessorsMetricsAndSurvivesItsClose() {
        ErrorHandlingMetrics previous = new ErrorHandlingMetrics(TASK, metrics, time);
        previous.recordError();

        ErrorHandlingMetrics current = new ErrorHandlingMetrics(TASK, metrics, time);
        previous.close();
        current.recordError();

        assertEquals(1.0, value("total-record-errors"));
        assertEquals(time.milliseconds(), value("last-error-timestamp"));
    }

    private Object value(String name) {
        return value(TASK.connector(), TASK.task(), name);
    }

    private Object value(String connector, int task, String name) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("connector", connector);
        tags.put("task", Integer.toString(task));
        KafkaMetric metric = metrics.metric(metrics.metricName(name, "task-error-metrics", tags));
        assertNotNull(metric, "metric " + name + " of " + connector + "-" + task + " is not registered");
        return metric.metricValue();
    }
}
