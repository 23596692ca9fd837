package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.apache.kafka.connect.runtime.MetricsTestSupport.names;
import static org.apache.kafka.connect.runtime.MetricsTestSupport.number;
import static org.apache.kafka.connect.runtime.MetricsTestSupport.tags;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code source-task-metrics} and {@code sink-task-metrics} groups. */
class TaskKindMetricsTest {

    private static final ConnectorTaskId ID = new ConnectorTaskId("conn", 0);
    private static final Map<String, String> TAGS = tags("connector", "conn", "task", "0");

    private final MetricsTestSupport.StepClock time = new MetricsTestSupport.StepClock();
    private final Metrics metrics = new Metrics(time);
    private final ConnectMetrics connectMetrics = new ConnectMetrics(metrics);

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void sourceCountsMoveAsBatchesArePolledAndWritten() {
        SourceTaskMetrics source = new SourceTaskMetrics(connectMetrics, ID);
        source.recordPoll(3, 10);
        source.recordPoll(5, 30);
        source.recordWrite(1);
        source.recordWrite(1);
        source.recordActiveRecords(6);
        source.recordActiveRecords(2);

        String group = SourceTaskMetrics.GROUP;
        assertEquals(8.0, number(metrics, group, TAGS, "source-record-poll-total"));
        assertTrue(number(metrics, group, TAGS, "source-record-poll-rate") > 0);
        assertEquals(2.0, number(metrics, group, TAGS, "source-record-write-total"));
        assertEquals(30.0, number(metrics, group, TAGS, "poll-batch-max-time-ms"));
        assertEquals(20.0, number(metrics, group, TAGS, "poll-batch-avg-time-ms"));
        assertEquals(2.0, number(metrics, group, TAGS, "source-record-active-count"));
        assertEquals(6.0, number(metrics, group, TAGS, "source-record-active-count-max"));
        assertEquals(4.0, number(metrics, group, TAGS, "source-record-active-count-avg"));

        source.close();
        assertTrue(names(metrics, group).isEmpty(), () -> names(metrics, group).toString());
    }

    @Test
    void sinkCountsMoveAsRecordsAreReadPutAndCommitted() {
        SinkTaskMetrics sink = new SinkTaskMetrics(connectMetrics, ID);
        sink.recordRead(4);
        sink.recordSend(3);
        sink.recordPut(12);
        sink.recordLag(7);
        sink.partitionCount(2);
        sink.commitSeqNo(5);
        sink.recordCommitCompleted();
        sink.recordCommitSkipped();
        sink.recordActiveRecords(4);

        String group = SinkTaskMetrics.GROUP;
        assertEquals(4.0, number(metrics, group, TAGS, "sink-record-read-total"));
        assertEquals(3.0, number(metrics, group, TAGS, "sink-record-send-total"));
        assertEquals(12.0, number(metrics, group, TAGS, "put-batch-max-time-ms"));
        assertEquals(7.0, number(metrics, group, TAGS, "sink-record-lag-max"));
        assertEquals(2.0, number(metrics, group, TAGS, "partition-count"));
        assertEquals(5.0, number(metrics, group, TAGS, "offset-commit-seq-no"));
        assertEquals(1.0, number(metrics, group, TAGS, "offset-commit-completion-total"));
        assertEquals(1.0, number(metrics, group, TAGS, "offset-commit-skip-total"));
        assertEquals(4.0, number(metrics, group, TAGS, "sink-record-active-count"));

        sink.close();
        assertTrue(names(metrics, group).isEmpty(), () -> names(metrics, group).toString());
    }

    @Test
    void aNewInstanceForTheSameTaskReplacesTheOldOnesMetrics() {
        SourceTaskMetrics old = new SourceTaskMetrics(connectMetrics, ID);
        old.recordPoll(3, 1);
        SourceTaskMetrics replacement = new SourceTaskMetrics(connectMetrics, ID);
        replacement.recordPoll(1, 1);
        assertEquals(1.0, number(metrics, SourceTaskMetrics.GROUP, TAGS, "source-record-poll-total"));
        replacement.close();
        old.close();
    }
}
