package org.apache.kafka.connect.integration;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Target states (pause, resume, stop) and task failure and restart, driven over REST on a standalone worker. */
class ConnectorLifecycleTest {

    @TempDir
    Path dir;

    private EmbeddedConnectStandalone worker;
    private ConnectRestClient rest;

    @BeforeEach
    void startWorker() {
        worker = new EmbeddedConnectStandalone(dir).start();
        rest = worker.rest();
    }

    @AfterEach
    void stopWorker() {
        if (worker != null) {
            worker.stop();
        }
    }

    @Test
    void pausedAndStoppedConnectorsMoveNoRecordsUntilResumed() throws IOException {
        String topic = "lifecycle-" + UUID.randomUUID();
        Path input = dir.resolve("input.txt");
        Files.writeString(input, "1\n2\n");
        assertEquals(201, rest.createConnector("paused-source",
                FileStreamPipelineTest.sourceConfig(input, topic)).status());
        Waits.connectorState(rest, "paused-source", "RUNNING", 1, "RUNNING");
        assertEquals(2, TopicClient.readAll(topic, 2, Waits.TIMEOUT).size());

        ConnectRestClient.Response paused = rest.put("/connectors/paused-source/pause", null);
        assertEquals(202, paused.status(), paused.toString());
        Waits.connectorState(rest, "paused-source", "PAUSED", 1, "PAUSED");
        LineFiles.append(input, "3");
        // A negative check needs some wait: a paused task would have polled the new line well within 3 s.
        assertEquals(2, TopicClient.readAll(topic, 3, Duration.ofSeconds(3)).size(),
                "a paused source task must not produce");

        ConnectRestClient.Response resumed = rest.put("/connectors/paused-source/resume", null);
        assertEquals(202, resumed.status(), resumed.toString());
        Waits.connectorState(rest, "paused-source", "RUNNING", 1, "RUNNING");
        assertEquals(3, TopicClient.readAll(topic, 3, Waits.TIMEOUT).size());

        ConnectRestClient.Response stopped = rest.put("/connectors/paused-source/stop", null);
        assertEquals(204, stopped.status(), stopped.toString());
        Waits.connectorState(rest, "paused-source", "STOPPED", 0, "none");
        ConnectRestClient.Response tasks = rest.get("/connectors/paused-source/tasks");
        assertEquals(200, tasks.status(), tasks.toString());
        assertEquals(0, tasks.json().size(), "a stopped connector has no task configs: " + tasks);
        assertEquals(0, rest.get("/connectors/paused-source").json().path("tasks").size());
        LineFiles.append(input, "4");
        assertEquals(3, TopicClient.readAll(topic, 4, Duration.ofSeconds(3)).size(),
                "a stopped connector has no task to produce");

        ConnectRestClient.Response restarted = rest.put("/connectors/paused-source/resume", null);
        assertEquals(202, restarted.status(), restarted.toString());
        Waits.connectorState(rest, "paused-source", "RUNNING", 1, "RUNNING");
        List<String> values = TopicClient.readValues(topic, 4, Waits.TIMEOUT);
        assertEquals(4, values.size(), values.toString());
        assertTrue(values.get(3).contains("\"line\":\"4\""), values.toString());
    }

    @Test
    void failedTaskReportsItsTraceAndRunsAgainAfterRestart() throws IOException {
        Path failFile = dir.resolve("fail-now");
        Map<String, String> config = Map.of(
                "connector.class", FailOnDemandSourceConnector.class.getName(),
                "tasks.max", "1",
                FailOnDemandSourceConnector.FAIL_FILE_CONFIG, failFile.toString());
        ConnectRestClient.Response created = rest.createConnector("flaky", config);
        assertEquals(201, created.status(), created.toString());
        Waits.connectorState(rest, "flaky", "RUNNING", 1, "RUNNING");

        Files.createFile(failFile);
        JsonNode status = Waits.connectorState(rest, "flaky", "RUNNING", 1, "FAILED");
        String trace = status.path("tasks").get(0).path("trace").asText();
        assertTrue(trace.contains(IllegalStateException.class.getName() + ": "
                + FailOnDemandSourceConnector.FAILURE_MESSAGE), trace);
        assertTrue(trace.contains("FailOnDemandTask.poll"), "the trace is the full stack trace: " + trace);
        ConnectRestClient.Response taskStatus = rest.get("/connectors/flaky/tasks/0/status");
        assertEquals(200, taskStatus.status(), taskStatus.toString());
        assertEquals("FAILED", taskStatus.json().path("state").asText());
        assertEquals(0, taskStatus.json().path("id").asInt());
        assertEquals(trace, taskStatus.json().path("trace").asText());

        Files.delete(failFile);
        ConnectRestClient.Response restart = rest.post("/connectors/flaky/tasks/0/restart", null);
        assertEquals(204, restart.status(), restart.toString());
        JsonNode running = Waits.connectorState(rest, "flaky", "RUNNING", 1, "RUNNING");
        assertFalse(running.path("tasks").get(0).has("trace"), "no trace once running again: " + running);
        assertEquals("1.0-test", running.path("tasks").get(0).path("version").asText(), running.toString());

        // The KIP-745 variant answers the restart plan: only the failed task restarts.
        Files.createFile(failFile);
        Waits.connectorState(rest, "flaky", "RUNNING", 1, "FAILED");
        Files.delete(failFile);
        ConnectRestClient.Response plan = rest.post("/connectors/flaky/restart?includeTasks=true&onlyFailed=true",
                null);
        assertEquals(202, plan.status(), plan.toString());
        assertEquals("RUNNING", plan.json().path("connector").path("state").asText(), plan.toString());
        assertEquals("RESTARTING", plan.json().path("tasks").get(0).path("state").asText(), plan.toString());
        Waits.connectorState(rest, "flaky", "RUNNING", 1, "RUNNING");

        ConnectRestClient.Response unknownTask = rest.post("/connectors/flaky/tasks/7/restart", null);
        assertEquals(404, unknownTask.status(), unknownTask.toString());
        // The spec words it "Unknown task: flaky-7"; Apache's standalone herder says "Task flaky-7 not found".
        assertTrue(unknownTask.errorMessage().contains("flaky-7"), unknownTask.toString());
    }
}
