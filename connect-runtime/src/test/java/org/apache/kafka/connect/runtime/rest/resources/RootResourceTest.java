package org.apache.kafka.connect.runtime.rest.resources;

import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.apache.kafka.connect.runtime.rest.FakeHerder;
import org.apache.kafka.connect.runtime.rest.RestRequestTimeouts;
import org.apache.kafka.connect.runtime.rest.RestTestServer;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.apache.kafka.connect.runtime.rest.RestTestClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code GET /} and {@code GET /health} over real HTTP. */
class RootResourceTest {

    private FakeHerder herder;
    private RestTestServer server;

    @BeforeEach
    void startServer() {
        herder = new FakeHerder();
        server = RestTestServer.start(herder, Map.of(), new RestRequestTimeouts(5_000, 300));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void servesWorkerVersionAndClusterId() {
        HttpResponse<String> response = server.client().get("/");
        assertEquals(200, response.statusCode());
        JsonNode info = json(response);
        assertEquals(AppInfoParser.getVersion(), info.get("version").asText());
        assertEquals(AppInfoParser.getCommitId(), info.get("commit").asText());
        assertEquals(FakeHerder.CLUSTER_ID, info.get("kafka_cluster_id").asText());
    }

    @Test
    void reportsHealthyWorker() {
        HttpResponse<String> response = server.client().get("/health");
        assertEquals(200, response.statusCode());
        assertEquals("{\"status\":\"healthy\",\"message\":\"Worker has completed startup and is ready to handle "
                + "requests.\"}", response.body());
    }

    @Test
    void reportsStartingWorkerWith503() {
        herder.ready(false);
        HttpResponse<String> response = server.client().get("/health");
        assertEquals(503, response.statusCode());
        assertEquals("starting", json(response).get("status").asText());
        assertEquals("Worker is still starting up.", json(response).get("message").asText());

        herder.hang("healthCheck");
        assertEquals(503, server.client().get("/health").statusCode(), "a busy herder during start-up is starting");
    }

    @Test
    void reportsStuckWorkerAsUnhealthyWith500() {
        herder.hang("healthCheck");
        HttpResponse<String> response = server.client().get("/health");
        assertEquals(500, response.statusCode());
        assertEquals("unhealthy", json(response).get("status").asText());
        assertEquals("Worker was unable to handle this request and may be unable to handle other requests.",
                json(response).get("message").asText());
    }
}
