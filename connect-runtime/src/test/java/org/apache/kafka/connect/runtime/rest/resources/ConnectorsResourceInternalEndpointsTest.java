package org.apache.kafka.connect.runtime.rest.resources;

import org.apache.kafka.connect.runtime.distributed.InternalRequestSignature;
import org.apache.kafka.connect.runtime.distributed.NotLeaderException;
import org.apache.kafka.connect.runtime.distributed.RequestTargetException;
import org.apache.kafka.connect.runtime.rest.FakeHerder;
import org.apache.kafka.connect.runtime.rest.FakeHerder.InternalRequest;
import org.apache.kafka.connect.runtime.rest.HttpRestRequestForwarder;
import org.apache.kafka.connect.runtime.rest.RestRequestTimeouts;
import org.apache.kafka.connect.runtime.rest.RestTestServer;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import static org.apache.kafka.connect.runtime.rest.RestTestClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The internal endpoints {@code POST /connectors/{c}/tasks} and {@code PUT /connectors/{c}/fence} over real HTTP: the
 * herder gets the request's signature built from the exact body bytes and headers, and a request the herder says
 * belongs to the leader is forwarded there by the distributed worker's forwarder.
 */
class ConnectorsResourceInternalEndpointsTest {

    private static final String ALGORITHM = "HmacSHA256";
    private static final SecretKey SESSION_KEY = key((byte) 1);
    private static final SecretKey OTHER_KEY = key((byte) 2);
    private static final String SINK_CONFIG =
            "{\"connector.class\":\"org.example.FileSinkConnector\",\"tasks.max\":\"1\",\"topics\":\"t\"}";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private FakeHerder herder;
    private RestTestServer server;

    @BeforeEach
    void startServer() {
        herder = new FakeHerder();
        server = RestTestServer.start(herder);
        createConnector(server, "c");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private static SecretKey key(byte fill) {
        byte[] material = new byte[32];
        Arrays.fill(material, fill);
        return new SecretKeySpec(material, ALGORITHM);
    }

    private static void createConnector(RestTestServer target, String name) {
        HttpResponse<String> created = target.client().send("POST", "/connectors",
                "{\"name\":\"" + name + "\",\"config\":" + SINK_CONFIG + "}");
        assertEquals(201, created.statusCode(), created.body());
    }

    /** Sends {@code body} as it is, with {@code headers} added. */
    private HttpResponse<String> send(RestTestServer target, String method, String path, byte[] body,
                                      Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.server().serverUrl().resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private InternalRequest onlyInternalRequest(FakeHerder target) {
        List<InternalRequest> received = target.internalRequests();
        assertEquals(1, received.size(), received.toString());
        return received.get(0);
    }

    @Test
    void taskConfigsReachTheHerderWithTheSignatureOfTheRawBody() {
        // Unusual spacing: a signature over re-serialized JSON would not match.
        byte[] body = "[ {\"k\" : \"v\"},\n {\"k\":\"w\", \"n\": \"1\"} ]".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = send(server, "POST", "/connectors/c/tasks", body,
                InternalRequestSignature.sign(SESSION_KEY, ALGORITHM, body));
        assertEquals(204, response.statusCode(), response.body());

        InternalRequest received = onlyInternalRequest(herder);
        assertEquals("putTaskConfigs", received.operation());
        assertEquals("c", received.connector());
        assertEquals(List.of(Map.of("k", "v"), Map.of("k", "w", "n", "1")), received.taskConfigs());
        assertEquals(ALGORITHM, received.signature().algorithm());
        assertTrue(received.signature().isValid(SESSION_KEY));
        assertFalse(received.signature().isValid(OTHER_KEY));
    }

    @Test
    void aSignatureOfOtherBytesDoesNotValidate() {
        byte[] signed = "[{\"k\":\"v\"}]".getBytes(StandardCharsets.UTF_8);
        byte[] sent = "[{\"k\":\"x\"}]".getBytes(StandardCharsets.UTF_8);
        assertEquals(204, send(server, "POST", "/connectors/c/tasks", sent,
                InternalRequestSignature.sign(SESSION_KEY, ALGORITHM, signed)).statusCode());
        assertFalse(onlyInternalRequest(herder).signature().isValid(SESSION_KEY));
    }

    @Test
    void aRequestWithoutBothSignatureHeadersGivesTheHerderNoSignature() {
        byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
        Map<String, String> signed = InternalRequestSignature.sign(SESSION_KEY, ALGORITHM, body);
        assertEquals(204, send(server, "POST", "/connectors/c/tasks", body, Map.of()).statusCode());
        assertEquals(204, send(server, "POST", "/connectors/c/tasks", body, Map.of(
                InternalRequestSignature.SIGNATURE_HEADER, signed.get(InternalRequestSignature.SIGNATURE_HEADER)))
                .statusCode());

        List<InternalRequest> received = herder.internalRequests();
        assertEquals(2, received.size());
        assertEquals(List.of(), received.get(0).taskConfigs());
        assertNull(received.get(0).signature());
        assertNull(received.get(1).signature());
    }

    @Test
    void unreadableTaskConfigsAreA500AndNeverReachTheHerder() {
        for (String body : List.of("[{\"k\":", "{\"k\":\"v\"}", "[{\"k\":{\"nested\":1}}]", "")) {
            HttpResponse<String> response = send(server, "POST", "/connectors/c/tasks",
                    body.getBytes(StandardCharsets.UTF_8), Map.of());
            assertEquals(500, response.statusCode(), body);
            JsonNode error = json(response);
            assertEquals(500, error.get("error_code").asInt());
            assertFalse(error.get("message").asText().isEmpty());
            assertEquals(2, error.size(), response.body());
        }
        assertTrue(herder.internalRequests().isEmpty());
    }

    @Test
    void herderFailuresOfTaskConfigsAreAnswered() {
        assertEquals(404, send(server, "POST", "/connectors/nope/tasks", "[]".getBytes(StandardCharsets.UTF_8),
                Map.of()).statusCode());
    }

    @Test
    void fencingPassesTheSignatureOfTheEmptyBody() {
        byte[] empty = new byte[0];
        HttpResponse<String> response = send(server, "PUT", "/connectors/c/fence", empty,
                InternalRequestSignature.sign(SESSION_KEY, ALGORITHM, empty));
        assertEquals(204, response.statusCode(), response.body());

        InternalRequest received = onlyInternalRequest(herder);
        assertEquals("fenceZombieSourceTasks", received.operation());
        assertEquals("c", received.connector());
        assertTrue(received.signature().isValid(SESSION_KEY));

        assertEquals(204, send(server, "PUT", "/connectors/c/fence", empty, Map.of()).statusCode());
        assertNull(herder.internalRequests().get(1).signature());
        assertEquals(404, send(server, "PUT", "/connectors/nope/fence", empty, Map.of()).statusCode());
    }

    /**
     * With the distributed worker's wiring ({@link HttpRestRequestForwarder} asking
     * {@link RequestTargetException#forwardTarget}), a follower forwards internal requests to the leader. Only the
     * {@code Authorization} header travels with a forwarded request (rest-api.md §1.2), so the leader sees no
     * signature.
     */
    @Test
    void aFollowerForwardsInternalRequestsToTheLeader() {
        FakeHerder followerHerder = new FakeHerder();
        String leaderUrl = server.server().advertisedUrl().toString();
        followerHerder.failWith("putTaskConfigs", new NotLeaderException("not the leader", leaderUrl));
        followerHerder.failWith("fenceZombieSourceTasks", new NotLeaderException("not the leader", leaderUrl));
        try (HttpRestRequestForwarder forwarder = new HttpRestRequestForwarder(RestTestServer.workerConfig(Map.of()),
                RestRequestTimeouts.DEFAULT, RequestTargetException::forwardTarget);
             RestTestServer follower = RestTestServer.start(followerHerder, Map.of(), RestRequestTimeouts.DEFAULT,
                     forwarder)) {
            byte[] body = "[{\"k\":\"v\"}]".getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> tasks = send(follower, "POST", "/connectors/c/tasks", body,
                    InternalRequestSignature.sign(SESSION_KEY, ALGORITHM, body));
            assertEquals(204, tasks.statusCode(), tasks.body());
            HttpResponse<String> fence = send(follower, "PUT", "/connectors/c/fence", new byte[0], Map.of());
            assertEquals(204, fence.statusCode(), fence.body());
        }
        List<InternalRequest> atLeader = herder.internalRequests();
        assertEquals(2, atLeader.size(), atLeader.toString());
        assertEquals(List.of(Map.of("k", "v")), atLeader.get(0).taskConfigs());
        assertNull(atLeader.get(0).signature());
        assertEquals("fenceZombieSourceTasks", atLeader.get(1).operation());
    }

    @Test
    void aLeaderWithUnknownUrlIsA409() {
        herder.failWith("putTaskConfigs", new NotLeaderException("not the leader", null));
        try (HttpRestRequestForwarder forwarder = new HttpRestRequestForwarder(RestTestServer.workerConfig(Map.of()),
                RestRequestTimeouts.DEFAULT, RequestTargetException::forwardTarget);
             RestTestServer follower = RestTestServer.start(herder, Map.of(), RestRequestTimeouts.DEFAULT,
                     forwarder)) {
            HttpResponse<String> response = send(follower, "POST", "/connectors/c/tasks",
                    "[]".getBytes(StandardCharsets.UTF_8), Map.of());
            assertEquals(409, response.statusCode(), response.body());
            assertEquals("Cannot complete request momentarily due to no known leader URL, likely because a "
                    + "rebalance was underway.", json(response).get("message").asText());
        }
    }
}
