package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.apache.kafka.connect.runtime.MetricsTestSupport.names;
import static org.apache.kafka.connect.runtime.MetricsTestSupport.number;
import static org.apache.kafka.connect.runtime.MetricsTestSupport.tags;
import static org.apache.kafka.connect.runtime.MetricsTestSupport.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskMetricsTest {

    private static final ConnectorTaskId ID = new ConnectorTaskId("conn", 2);
    private static final Map<String, String> TAGS = tags("connector", "conn", "task", "2");

    private final MetricsTestSupport.StepClock time = new MetricsTestSupport.StepClock();
    private final Metrics metrics = new Metrics(time);
    private final TaskMetrics taskMetrics = new TaskMetrics(new ConnectMetrics(metrics), ID, time);
    private final List<String> forwarded = new ArrayList<>();

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void statusAndRatiosFollowTheReportedStatusAndReportsAreForwarded() {
        TaskStatus.Listener listener = taskMetrics.tracking(recording());
        assertEquals("unassigned", status());

        time.sleep(100);
        listener.onStartup(ID);
        assertEquals("running", status());
        time.sleep(300);
        listener.onPause(ID);
        assertEquals("paused", status());
        time.sleep(100);
        assertEquals(0.6, number(metrics, TaskMetrics.GROUP, TAGS, "running-ratio"), 1e-9);
        assertEquals(0.2, number(metrics, TaskMetrics.GROUP, TAGS, "pause-ratio"), 1e-9);

        listener.onResume(ID);
        listener.onFailure(ID, new RuntimeException("boom"));
        assertEquals("failed", status());
        listener.onShutdown(ID);
        assertEquals("unassigned", status());
        assertEquals(List.of("startup", "pause", "resume", "failure", "shutdown"), forwarded);
    }

    @Test
    void commitsAndBatchesAreRecorded() {
        taskMetrics.recordCommitSuccess(20);
        taskMetrics.recordCommitSuccess(40);
        taskMetrics.recordCommitSuccess(30);
        taskMetrics.recordCommitFailure();
        taskMetrics.recordBatch(5);
        taskMetrics.recordBatch(1);

        assertEquals(40.0, number(metrics, TaskMetrics.GROUP, TAGS, "offset-commit-max-time-ms"));
        assertEquals(30.0, number(metrics, TaskMetrics.GROUP, TAGS, "offset-commit-avg-time-ms"));
        assertEquals(0.75, number(metrics, TaskMetrics.GROUP, TAGS, "offset-commit-success-percentage"));
        assertEquals(0.25, number(metrics, TaskMetrics.GROUP, TAGS, "offset-commit-failure-percentage"));
        assertEquals(5.0, number(metrics, TaskMetrics.GROUP, TAGS, "batch-size-max"));
        assertEquals(3.0, number(metrics, TaskMetrics.GROUP, TAGS, "batch-size-avg"));
    }

    @Test
    void closeRemovesTheTaskGroupAndItsStageGroups() {
        taskMetrics.addInfo("task-class", "The class name of the task.", "com.example.Task");
        taskMetrics.addStageInfo(List.of(new TransformationStage<>("upper", new UpperCase(),
                getClass().getClassLoader(), null, null, null, false)));
        assertEquals("com.example.Task", value(metrics, TaskMetrics.GROUP, TAGS, "task-class"));
        Map<String, String> stageTags = tags("connector", "conn", "task", "2", "transform", "upper");
        assertEquals(UpperCase.class.getName(),
                value(metrics, TaskMetrics.TRANSFORM_GROUP, stageTags, "transform-class"));
        assertEquals("undefined", value(metrics, TaskMetrics.TRANSFORM_GROUP, stageTags, "transform-version"));

        taskMetrics.close();

        assertTrue(names(metrics, TaskMetrics.GROUP).isEmpty(), () -> names(metrics, TaskMetrics.GROUP).toString());
        assertTrue(names(metrics, TaskMetrics.TRANSFORM_GROUP).isEmpty());
    }

    private Object status() {
        return value(metrics, TaskMetrics.GROUP, TAGS, "status");
    }

    private TaskStatus.Listener recording() {
        return new TaskStatus.Listener() {
            @Override
            public void onStartup(ConnectorTaskId id) {
                forwarded.add("startup");
            }

            @Override
            public void onPause(ConnectorTaskId id) {
                forwarded.add("pause");
            }

            @Override
            public void onResume(ConnectorTaskId id) {
                forwarded.add("resume");
            }

            @Override
            public void onFailure(ConnectorTaskId id, Throwable cause) {
                forwarded.add("failure");
            }

            @Override
            public void onShutdown(ConnectorTaskId id) {
                forwarded.add("shutdown");
            }

            @Override
            public void onDeletion(ConnectorTaskId id) {
                forwarded.add("deletion");
            }

            @Override
            public void onRestart(ConnectorTaskId id) {
                forwarded.add("restart");
            }
        };
    }

    /** A transformation that does not say its version. */
    static final class UpperCase implements org.apache.kafka.connect.transforms.Transformation<
            org.apache.kafka.connect.source.SourceRecord> {
        @Override
        public org.apache.kafka.connect.source.SourceRecord apply(org.apache.kafka.connect.source.SourceRecord r) {
            return r;
        }

        @Override
        public org.apache.kafka.common.config.ConfigDef config() {
            return new org.apache.kafka.common.config.ConfigDef();
        }

        @Override
        public void close() {
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }
    }
}
