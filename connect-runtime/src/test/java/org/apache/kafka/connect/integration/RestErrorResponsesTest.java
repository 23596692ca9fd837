package org.apache.kafka.connect.integration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every failure of the REST API answers a Connect error body {@code {"error_code": .., "message": ..}} with the
 * status and message the REST contract gives, against the real herder of a standalone worker.
 */
class RestErrorResponsesTest {

    @TempDir
    static Path dir;

    private static EmbeddedConnectStandalone worker;
    private static ConnectRestClient rest;

    @BeforeAll
    static void startWorker() {
        worker = new EmbeddedConnectStandalone(dir).start();
        rest = worker.rest();
    }

    @AfterAll
    static void stopWorker() {
        if (worker != null) {
            worker.stop();
        }
    }

    @Test
    void malformedJsonBodyIsAServerErrorWithErrorBody() {
        ConnectRestClient.Response response = rest.sendRaw("/connectors", "POST", "{\"name\": \"broken\", \"config\": {");
        assertErrorBody(500, response);
        assertNotNull(response.errorMessage(), response.toString());
        assertEquals(404, rest.get("/connectors/broken").status(), "nothing was created");
    }

    @Test
    void bodyOfTheWrongShapeIsAServerErrorWithErrorBody() {
        ConnectRestClient.Response response = rest.sendRaw("/connectors", "POST",
                "{\"name\": \"wrong-types\", \"config\": [\"not\", \"a\", \"map\"]}");
        assertErrorBody(500, response);
        assertEquals(404, rest.get("/connectors/wrong-types").status(), "nothing was created");
    }

    @Test
    void unknownConnectorIsNotFound() {
        ConnectRestClient.Response info = rest.get("/connectors/missing");
        assertErrorBody(404, info);
        assertEquals("Connector missing not found", info.errorMessage());

        ConnectRestClient.Response config = rest.get("/connectors/missing/config");
        assertErrorBody(404, config);
        assertEquals("Connector missing not found", config.errorMessage());

        ConnectRestClient.Response status = rest.get("/connectors/missing/status");
        assertErrorBody(404, status);
        assertEquals("No status found for connector missing", status.errorMessage());

        ConnectRestClient.Response pause = rest.put("/connectors/missing/pause", null);
        assertErrorBody(404, pause);
        assertEquals("Unknown connector missing", pause.errorMessage());

        ConnectRestClient.Response restart = rest.post("/connectors/missing/restart", null);
        assertErrorBody(404, restart);
        assertEquals("Unknown connector: missing", restart.errorMessage());

        assertErrorBody(404, rest.delete("/connectors/missing"));
        assertErrorBody(404, rest.get("/connectors/missing/tasks"));
    }

    @Test
    void duplicateCreateIsAConflict() {
        Map<String, String> config = failOnDemandConfig();
        ConnectRestClient.Response first = rest.createConnector("twice", config);
        assertEquals(201, first.status(), first.toString());
        try {
            ConnectRestClient.Response second = rest.createConnector("twice", config);
            assertErrorBody(409, second);
            assertEquals("Connector twice already exists", second.errorMessage());

            // PUT on the existing name is an update (200), not a conflict.
            ConnectRestClient.Response updated = rest.put("/connectors/twice/config", config);
            assertEquals(200, updated.status(), updated.toString());
        } finally {
            assertEquals(204, rest.delete("/connectors/twice").status());
        }
    }

    @Test
    void invalidConfigIsABadRequestListingTheErrors() {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "org.apache.kafka.connect.file.FileStreamSinkConnector");
        config.put("tasks.max", "1");
        ConnectRestClient.Response response = rest.createConnector("no-topics", config);
        assertErrorBody(400, response);
        // The sink rule attaches its error to both keys, topics and topics.regex: two errors.
        assertEquals("Connector configuration is invalid and contains the following 2 error(s):\n"
                + "Must configure one of topics or topics.regex\n"
                + "Must configure one of topics or topics.regex\n"
                + "You can also find the above list of errors at the endpoint "
                + "`/connector-plugins/{connectorType}/config/validate`", response.errorMessage());
        assertEquals(404, rest.get("/connectors/no-topics").status(), "nothing was created");
    }

    @Test
    void unknownConnectorClassIsABadRequest() {
        Map<String, String> config = Map.of("connector.class", "com.example.NoSuchConnector", "tasks.max", "1");
        ConnectRestClient.Response response = rest.createConnector("ghost", config);
        assertErrorBody(400, response);
        assertTrue(response.errorMessage().startsWith("Failed to find any class that implements Connector and "
                + "which name matches com.example.NoSuchConnector, available connectors are: "), response.toString());
        assertTrue(response.errorMessage().contains("FileStreamSinkConnector"), "lists the installed connectors");
    }

    @Test
    void configWithoutConnectorClassIsABadRequest() {
        ConnectRestClient.Response response = rest.createConnector("classless", Map.of("tasks.max", "1"));
        assertErrorBody(400, response);
        assertEquals("Connector config contains no connector type", response.errorMessage());
    }

    @Test
    void nameInConfigMustMatchTheRequestName() {
        Map<String, String> config = new HashMap<>(failOnDemandConfig());
        config.put("name", "other");
        ConnectRestClient.Response response = rest.createConnector("mine", config);
        assertErrorBody(400, response);
        assertEquals("Connector name configuration (other) doesn't match connector name in the URL (mine)",
                response.errorMessage());
    }

    @Test
    void unknownPathIsNotFoundWithErrorBody() {
        assertErrorBody(404, rest.get("/no/such/resource"));
        assertErrorBody(404, rest.get("/connectors/missing/tasks/not-a-number/status"));
    }

    private Map<String, String> failOnDemandConfig() {
        return Map.of(
                "connector.class", FailOnDemandSourceConnector.class.getName(),
                "tasks.max", "1",
                FailOnDemandSourceConnector.FAIL_FILE_CONFIG, dir.resolve("never-created").toString());
    }

    /** The status, and a body of exactly {@code error_code} (equal to the status) and {@code message}. */
    private static void assertErrorBody(int status, ConnectRestClient.Response response) {
        assertEquals(status, response.status(), response.toString());
        assertTrue(response.json().isObject(), "a JSON error body: " + response);
        assertEquals(status, response.json().path("error_code").asInt(), response.toString());
        assertTrue(response.json().has("message"), response.toString());
        assertEquals(2, response.json().size(), "only error_code and message: " + response);
        assertFalse(response.rawBody().isBlank());
    }
}
