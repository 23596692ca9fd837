package org.apache.kafka.connect.runtime.rest.resources;

import org.apache.kafka.connect.runtime.RestartRequest;
import org.apache.kafka.connect.runtime.TargetState;
import org.apache.kafka.connect.runtime.rest.FakeHerder;
import org.apache.kafka.connect.runtime.rest.RestRequestTimeouts;
import org.apache.kafka.connect.runtime.rest.RestTestClient;
import org.apache.kafka.connect.runtime.rest.RestTestServer;
import org.apache.kafka.connect.runtime.rest.errors.ConnectRestException;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.apache.kafka.connect.runtime.rest.RestTestClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every {@code /connectors} endpoint over real HTTP against an in-memory herder. */
class ConnectorsResourceTest {

    private static final String SINK_CONFIG =
            "{\"connector.class\":\"org.example.FileSinkConnector\",\"tasks.max\":\"2\",\"topics\":\"t\"}";

    private FakeHerder herder;
    private RestTestServer server;
    private RestTestClient client;

    @BeforeEach
    void startServer() {
        herder = new FakeHerder();
        server = RestTestServer.start(herder);
        client = server.client();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private void createSink(String name) {
        HttpResponse<String> response = client.send("POST", "/connectors",
                "{\"name\":\"" + name + "\",\"config\":" + SINK_CONFIG + "}");
        assertEquals(201, response.statusCode(), response.body());
    }

    private static void assertError(HttpResponse<String> response, int status, String message) {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode body = json(response);
        assertEquals(status, body.get("error_code").asInt());
        assertEquals(message, body.get("message").asText());
        assertEquals(2, body.size(), "error body has exactly error_code and message: " + body);
    }

    @Test
    void listsConnectorNames() {
        assertEquals("[]", client.get("/connectors").body());
        createSink("a");
        createSink("b");
        HttpResponse<String> response = client.get("/connectors");
        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(null));
        assertEquals(List.of("a", "b"), List.of(json(response).get(0).asText(), json(response).get(1).asText()));
    }

    @Test
    void expandsStatusAndInfo() {
        createSink("a");
        JsonNode both = json(client.get("/connectors?expand=status&expand=info"));
        assertEquals("RUNNING", both.at("/a/status/connector/state").asText());
        assertEquals("a", both.at("/a/info/name").asText());
        assertEquals("sink", both.at("/a/info/type").asText());

        JsonNode statusOnly = json(client.get("/connectors?expand=status"));
        assertTrue(statusOnly.at("/a/info").isMissingNode());
        assertEquals(2, statusOnly.at("/a/status/tasks").size());
    }

    @Test
    void ignoresUnknownExpansionAndOmitsConnectorsWithoutStatus() {
        createSink("a");
        createSink("b");
        assertEquals("{\"a\":{},\"b\":{}}", client.get("/connectors?expand=bogus").body());

        herder.forgetStatus("b");
        JsonNode expanded = json(client.get("/connectors?expand=status"));
        assertEquals(1, expanded.size());
        assertTrue(expanded.has("a"));
    }

    @Test
    void createsConnectorWith201AndLocation() {
        HttpResponse<String> response = client.send("POST", "/connectors",
                "{\"name\":\" my conn \",\"config\":" + SINK_CONFIG + "}");
        assertEquals(201, response.statusCode(), response.body());
        URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
        assertEquals(server.server().serverUrl().resolve("/connectors/my%20conn"), location);

        JsonNode body = json(response);
        assertEquals("my conn", body.get("name").asText(), "the name is trimmed");
        assertEquals("my conn", body.at("/config/name").asText(), "the name is inserted into the config");
        assertEquals("sink", body.get("type").asText());
        assertEquals("{\"connector\":\"my conn\",\"task\":1}", body.at("/tasks/1").toString());
        assertEquals(TargetState.STARTED, herder.targetState("my conn"));
    }

    @Test
    void createsConnectorInRequestedInitialState() {
        assertEquals(201, client.send("POST", "/connectors",
                "{\"name\":\"p\",\"config\":" + SINK_CONFIG + ",\"initial_state\":\"PAUSED\"}").statusCode());
        assertEquals(TargetState.PAUSED, herder.targetState("p"));
        assertEquals(201, client.send("POST", "/connectors",
                "{\"name\":\"s\",\"config\":" + SINK_CONFIG + ",\"initial_state\":\"stopped\"}").statusCode());
        assertEquals(TargetState.STOPPED, herder.targetState("s"));
    }

    @Test
    void rejectsDuplicateConnector() {
        createSink("a");
        assertError(client.send("POST", "/connectors", "{\"name\":\"a\",\"config\":" + SINK_CONFIG + "}"),
                409, "Connector a already exists");
    }

    @Test
    void rejectsConfigNameDifferentFromRequestName() {
        assertError(client.send("POST", "/connectors", "{\"name\":\"a\",\"config\":{\"name\":\"b\"}}"),
                400, "Connector name configuration (b) doesn't match connector name in the URL (a)");
    }

    @Test
    void reportsInvalidConfigAsBadRequest() {
        assertError(client.send("POST", "/connectors", "{\"name\":\"a\",\"config\":{\"tasks.max\":\"1\"}}"),
                400, "Connector config contains no connector type");
        HttpResponse<String> noName = client.send("POST", "/connectors", "{\"config\":" + SINK_CONFIG + "}");
        assertEquals(400, noName.statusCode(), "a missing name is treated as empty and fails validation");
    }

    @Test
    void answersMalformedJsonWith500() {
        HttpResponse<String> response = client.send("POST", "/connectors", "{bad");
        assertEquals(500, response.statusCode());
        assertEquals(500, json(response).get("error_code").asInt());
        assertTrue(json(response).get("message").asText().startsWith("Unexpected character ('b'"),
                response.body());
    }

    @Test
    void answersWrongJsonTypesWith500() {
        HttpResponse<String> configNotObject = client.send("POST", "/connectors", "{\"name\":\"a\",\"config\":\"x\"}");
        assertEquals(500, configNotObject.statusCode());
        assertTrue(json(configNotObject).get("message").asText().contains("CreateConnectorRequest[\"config\"]"),
                configNotObject.body());

        HttpResponse<String> nestedValue = client.send("PUT", "/connectors/a/config", "{\"k\":{\"nested\":1}}");
        assertEquals(500, nestedValue.statusCode());
        assertTrue(json(nestedValue).get("message").asText().startsWith("Cannot deserialize value of type "
                + "`java.lang.String` from Object value"), nestedValue.body());

        HttpResponse<String> badState = client.send("POST", "/connectors",
                "{\"name\":\"a\",\"config\":{},\"initial_state\":\"FOO\"}");
        assertEquals(500, badState.statusCode());

        HttpResponse<String> unknownField = client.send("POST", "/connectors", "{\"name\":\"a\",\"zzz\":1}");
        assertEquals(500, unknownField.statusCode());
        assertTrue(json(unknownField).get("message").asText().startsWith("Unrecognized field \"zzz\""),
                unknownField.body());

        HttpResponse<String> array = client.send("POST", "/connectors", "[]");
        assertEquals(500, array.statusCode());
    }

    @Test
    void answersMissingBodyWith500() {
        HttpResponse<String> response = client.send("POST", "/connectors", "", RestTestClient.JSON);
        assertEquals(500, response.statusCode());
        assertEquals(500, json(response).get("error_code").asInt());
        assertEquals(500, client.send("PUT", "/connectors/a/config", "null").statusCode());
    }

    @Test
    void answersUnsupportedMediaTypeWith415() {
        assertError(client.send("POST", "/connectors", "{}", "text/plain"), 415, "HTTP 415 Unsupported Media Type");
    }

    @Test
    void getsConnectorAndConfig() {
        createSink("a");
        JsonNode info = json(client.get("/connectors/a"));
        assertEquals("a", info.get("name").asText());
        assertEquals(2, info.get("tasks").size());

        HttpResponse<String> config = client.get("/connectors/a/config");
        assertEquals(200, config.statusCode());
        assertEquals("org.example.FileSinkConnector", json(config).get("connector.class").asText());
        assertEquals("a", json(config).get("name").asText());
        assertEquals(200, client.get("/connectors/a/").statusCode(), "a trailing slash is accepted");
    }

    @Test
    void answersUnknownConnectorWith404() {
        assertError(client.get("/connectors/nope"), 404, "Connector nope not found");
        assertError(client.get("/connectors/nope/config"), 404, "Connector nope not found");
        assertError(client.get("/connectors/nope/tasks"), 404, "Connector nope not found");
        assertError(client.get("/connectors/nope/status"), 404, "No status found for connector nope");
        assertError(client.send("DELETE", "/connectors/nope", null), 404, "Connector nope not found");
    }

    @Test
    void putConfigCreatesThenUpdates() {
        HttpResponse<String> created = client.send("PUT", "/connectors/a/config", SINK_CONFIG);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(server.server().serverUrl().resolve("/connectors/a"),
                URI.create(created.headers().firstValue("Location").orElseThrow()));
        assertEquals("a", json(created).at("/config/name").asText());

        HttpResponse<String> updated = client.send("PUT", "/connectors/a/config",
                SINK_CONFIG.replace("\"tasks.max\":\"2\"", "\"tasks.max\":\"3\""));
        assertEquals(200, updated.statusCode(), updated.body());
        assertFalse(updated.headers().firstValue("Location").isPresent());
        assertEquals(3, json(updated).get("tasks").size());
    }

    @Test
    void putConfigRejectsDifferentName() {
        assertError(client.send("PUT", "/connectors/a/config", "{\"name\":\"q\"}"), 400,
                "Connector name configuration (q) doesn't match connector name in the URL (a)");
    }

    @Test
    void patchesConfig() {
        createSink("a");
        HttpResponse<String> response = client.send("PATCH", "/connectors/a/config",
                "{\"topics\":null,\"extra\":\"x\"}");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("x", json(response).at("/config/extra").asText());
        assertFalse(herder.storedConfig("a").containsKey("topics"), "a null value removes the key");
        assertError(client.send("PATCH", "/connectors/nope/config", "{}"), 404, "Connector nope not found");
    }

    @Test
    void showsConnectorAndTaskStatus() {
        createSink("a");
        herder.setTaskState("a", 1, "FAILED");
        HttpResponse<String> response = client.get("/connectors/a/status");
        assertEquals(200, response.statusCode());
        JsonNode status = json(response);
        assertEquals("{\"state\":\"RUNNING\",\"worker_id\":\"" + FakeHerder.WORKER_ID + "\",\"version\":\"1.0\"}",
                status.get("connector").toString(), "no trace when there is none");
        assertEquals(0, status.at("/tasks/0/id").asInt());
        assertEquals("FAILED", status.at("/tasks/1/state").asText());
        assertEquals("java.lang.RuntimeException: boom", status.at("/tasks/1/trace").asText());
        assertEquals("sink", status.get("type").asText());

        JsonNode task = json(client.get("/connectors/a/tasks/0/status"));
        assertEquals("{\"id\":0,\"state\":\"RUNNING\",\"worker_id\":\"" + FakeHerder.WORKER_ID
                + "\",\"version\":\"1.0\"}", task.toString());
        assertError(client.get("/connectors/a/tasks/7/status"), 404, "No status found for task a-7");
        assertError(client.get("/connectors/a/tasks/abc/status"), 404, "HTTP 404 Not Found");
    }

    @Test
    void listsTaskConfigs() {
        createSink("a");
        JsonNode tasks = json(client.get("/connectors/a/tasks"));
        assertEquals(2, tasks.size());
        assertEquals("{\"connector\":\"a\",\"task\":1}", tasks.at("/1/id").toString());
        assertEquals("org.example.FileSinkConnectorTask", tasks.at("/1/config/task.class").asText());
    }

    @Test
    void restartsConnectorOnlyWith204() {
        createSink("a");
        HttpResponse<String> response = client.send("POST", "/connectors/a/restart", null);
        assertEquals(204, response.statusCode());
        assertEquals("", response.body());
        assertEquals(List.of(new RestartRequest("a", false, false)), herder.restartRequests());
        assertError(client.send("POST", "/connectors/nope/restart", null), 404, "Unknown connector: nope");
    }

    @Test
    void restartsConnectorAndTasksWith202AndPlan() {
        createSink("a");
        herder.setTaskState("a", 1, "FAILED");
        HttpResponse<String> failedOnly = client.send("POST",
                "/connectors/a/restart?includeTasks=true&onlyFailed=true", null);
        assertEquals(202, failedOnly.statusCode(), failedOnly.body());
        JsonNode plan = json(failedOnly);
        assertEquals("RUNNING", plan.at("/connector/state").asText());
        assertEquals("RUNNING", plan.at("/tasks/0/state").asText());
        assertEquals("RESTARTING", plan.at("/tasks/1/state").asText());

        JsonNode all = json(client.send("POST", "/connectors/a/restart?includeTasks=true", null));
        assertEquals("RESTARTING", all.at("/connector/state").asText());
        assertEquals("RESTARTING", all.at("/tasks/0/state").asText());
        assertEquals(List.of(new RestartRequest("a", true, true), new RestartRequest("a", false, true)),
                herder.restartRequests());

        assertEquals(202, client.send("POST", "/connectors/a/restart?onlyFailed=true", null).statusCode());
        assertError(client.send("POST", "/connectors/nope/restart?includeTasks=true", null), 404,
                "Unknown connector: nope");
    }

    @Test
    void restartsTaskWith204() {
        createSink("a");
        herder.setTaskState("a", 0, "FAILED");
        HttpResponse<String> response = client.send("POST", "/connectors/a/tasks/0/restart", null);
        assertEquals(204, response.statusCode());
        assertEquals("RUNNING", json(client.get("/connectors/a/tasks/0/status")).get("state").asText());
        assertError(client.send("POST", "/connectors/a/tasks/5/restart", null), 404, "Unknown task: a-5");
        assertError(client.send("POST", "/connectors/nope/tasks/0/restart", null), 404, "Unknown connector: nope");
    }

    @Test
    void pausesAndResumesWith202() {
        createSink("a");
        HttpResponse<String> paused = client.send("PUT", "/connectors/a/pause", null);
        assertEquals(202, paused.statusCode());
        assertEquals("", paused.body());
        assertEquals(TargetState.PAUSED, herder.targetState("a"));
        assertEquals(202, client.send("PUT", "/connectors/a/resume", null).statusCode());
        assertEquals(TargetState.STARTED, herder.targetState("a"));
        assertError(client.send("PUT", "/connectors/nope/pause", null), 404, "Unknown connector nope");
    }

    @Test
    void stopsAndDeletesWith204() {
        createSink("a");
        HttpResponse<String> stopped = client.send("PUT", "/connectors/a/stop", null);
        assertEquals(204, stopped.statusCode());
        assertEquals(TargetState.STOPPED, herder.targetState("a"));
        assertError(client.send("PUT", "/connectors/nope/stop", null), 404, "Unknown connector nope");

        HttpResponse<String> deleted = client.send("DELETE", "/connectors/a", null);
        assertEquals(204, deleted.statusCode());
        assertEquals("", deleted.body());
        assertEquals(404, client.get("/connectors/a").statusCode());
    }

    @Test
    void showsAndResetsActiveTopics() {
        createSink("a");
        herder.setActiveTopics("a", List.of("t1", "t2"));
        assertEquals("{\"a\":{\"topics\":[\"t1\",\"t2\"]}}", client.get("/connectors/a/topics").body());
        assertEquals("{\"nope\":{\"topics\":[]}}", client.get("/connectors/nope/topics").body());

        assertEquals(202, client.send("PUT", "/connectors/a/topics/reset", null).statusCode());
        assertEquals("{\"a\":{\"topics\":[]}}", client.get("/connectors/a/topics").body());
    }

    @Test
    void refusesTopicsWhenTrackingIsDisabled() {
        try (RestTestServer noTracking = RestTestServer.start(herder, Map.of("topic.tracking.enable", "false"),
                RestRequestTimeouts.DEFAULT)) {
            assertError(noTracking.client().get("/connectors/a/topics"), 403, "Topic tracking is disabled.");
            assertError(noTracking.client().send("PUT", "/connectors/a/topics/reset", null), 403,
                    "Topic tracking is disabled.");
        }
        try (RestTestServer noReset = RestTestServer.start(herder, Map.of("topic.tracking.allow.reset", "false"),
                RestRequestTimeouts.DEFAULT)) {
            assertEquals(200, noReset.client().get("/connectors/a/topics").statusCode());
            assertError(noReset.client().send("PUT", "/connectors/a/topics/reset", null), 403,
                    "Topic tracking reset is disabled.");
        }
    }

    @Test
    void altersAndResetsOffsets() {
        createSink("a");
        String offsets = "{\"offsets\":[{\"partition\":{\"kafka_topic\":\"t\",\"kafka_partition\":0},"
                + "\"offset\":{\"kafka_offset\":5}}]}";
        assertError(client.send("PATCH", "/connectors/a/offsets", offsets), 400,
                "Connectors must be in the STOPPED state before their offsets can be modified. This can be done for "
                        + "the specified connector by issuing a 'PUT' request to the '/connectors/a/stop' endpoint");
        client.send("PUT", "/connectors/a/stop", null);

        HttpResponse<String> altered = client.send("PATCH", "/connectors/a/offsets", offsets);
        assertEquals(200, altered.statusCode(), altered.body());
        assertEquals("{\"message\":\"The offsets for this connector have been altered successfully\"}",
                altered.body());
        assertEquals(Map.of("kafka_offset", 5),
                herder.storedOffsets("a").get(Map.of("kafka_topic", "t", "kafka_partition", 0)));
        assertEquals(RestTestClient.json(offsets), json(client.get("/connectors/a/offsets")));

        HttpResponse<String> reset = client.send("DELETE", "/connectors/a/offsets", null);
        assertEquals(200, reset.statusCode());
        assertEquals("The offsets for this connector have been reset successfully",
                json(reset).get("message").asText());
        assertEquals("{\"offsets\":[]}", client.get("/connectors/a/offsets").body());
    }

    @Test
    void requiresOffsetsInAlterRequest() {
        createSink("a");
        String message = "Partitions / offsets need to be provided for an alter offsets request";
        assertError(client.send("PATCH", "/connectors/a/offsets", "{\"offsets\":[]}"), 400, message);
        assertError(client.send("PATCH", "/connectors/a/offsets", "{}"), 400, message);
        assertError(client.get("/connectors/nope/offsets"), 404, "Connector nope not found");
    }

    @Test
    void passesHerderFailuresThrough() {
        createSink("a");
        herder.failWith("connectorConfig", new IllegalStateException("boom"));
        assertError(client.get("/connectors/a/config"), 500, "boom");
        herder.failWith("taskConfigs", new ConnectRestException(409, "Cannot complete request momentarily"));
        assertError(client.get("/connectors/a/tasks"), 409, "Cannot complete request momentarily");
        herder.failWith("connectorInfo", new ConnectRestException(502, 4242, "remote said no"));
        HttpResponse<String> remote = client.get("/connectors/a");
        assertEquals(502, remote.statusCode());
        assertEquals(4242, json(remote).get("error_code").asInt());
    }

    @Test
    void timesOutWith500() {
        try (RestTestServer quick = RestTestServer.start(herder, Map.of(), new RestRequestTimeouts(300, 300))) {
            herder.hang("connectorInfo");
            long start = System.nanoTime();
            assertError(quick.client().get("/connectors/a"), 500, "Request timed out");
            assertTrue(System.nanoTime() - start >= 300_000_000L, "waited for the request timeout");
        }
    }

    @Test
    void internalEndpointsAnswer500WhenTheHerderDoesNotSupportThem() {
        createSink("a");
        String message = "Kafka Connect in standalone mode does not support externally setting task configurations.";
        herder.failWith("putTaskConfigs", new UnsupportedOperationException(message));
        assertError(client.send("POST", "/connectors/a/tasks", "[{\"k\":\"v\"}]"), 500, message);
        herder.failWith("fenceZombieSourceTasks", new UnsupportedOperationException("no fencing here"));
        assertError(client.send("PUT", "/connectors/a/fence", null), 500, "no fencing here");
    }

    @Test
    void doesNotServeRemovedTasksConfigEndpoint() {
        createSink("a");
        assertError(client.get("/connectors/a/tasks-config"), 404, "HTTP 404 Not Found");
    }

    @Test
    void answersWrongMethodWith405() {
        assertError(client.send("DELETE", "/connectors", null), 405, "HTTP 405 Method Not Allowed");
        assertError(client.send("GET", "/connectors/a/restart", null), 405, "HTTP 405 Method Not Allowed");
    }
}
