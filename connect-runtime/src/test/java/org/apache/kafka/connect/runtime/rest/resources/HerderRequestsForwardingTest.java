package org.apache.kafka.connect.runtime.rest.resources;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.rest.FakeHerder;
import org.apache.kafka.connect.runtime.rest.RestRequestForwarder;
import org.apache.kafka.connect.runtime.rest.RestRequestTimeouts;
import org.apache.kafka.connect.runtime.rest.RestTestClient;
import org.apache.kafka.connect.runtime.rest.RestTestServer;
import org.apache.kafka.connect.runtime.rest.errors.ConnectRestException;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.apache.kafka.connect.runtime.rest.RestTestClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The forwarding hook: a "follower" server whose herder refuses writes forwards them to a "leader" server, adding the
 * {@code forward} hop parameter, and answers with the leader's status and body.
 */
class HerderRequestsForwardingTest {

    /** What the follower's herder answers when the request belongs to the leader. */
    private static final class NotLeaderException extends ConnectException {
        NotLeaderException() {
            super("not the leader");
        }
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final List<URI> forwardedUrls = new CopyOnWriteArrayList<>();
    private RestTestServer leader;
    private RestTestServer follower;

    @BeforeEach
    void startServers() {
        leader = RestTestServer.start(new FakeHerder());
        FakeHerder followerHerder = new FakeHerder();
        NotLeaderException notLeader = new NotLeaderException();
        for (String op : List.of("putConnectorConfig", "restartConnector", "restartConnectorAndTasks",
                "deleteConnectorConfig")) {
            followerHerder.failWith(op, notLeader);
        }
        follower = RestTestServer.start(followerHerder, Map.of(), RestRequestTimeouts.DEFAULT, new TestForwarder());
    }

    @AfterEach
    void stopServers() {
        follower.close();
        leader.close();
    }

    /** Forwards with the test client; a remote error status is thrown as ConnectRestException, as the contract asks. */
    private final class TestForwarder implements RestRequestForwarder {
        @Override
        public Optional<URI> forwardTarget(Throwable failure) {
            return failure instanceof NotLeaderException ? Optional.of(leader.server().advertisedUrl())
                    : Optional.empty();
        }

        @Override
        public <T> RemoteResponse<T> forward(String method, URI url, String authorization, Object body,
                                             TypeReference<T> responseType) {
            forwardedUrls.add(url);
            try {
                URI base = URI.create(url.getScheme() + "://" + url.getAuthority() + "/");
                String pathAndQuery = url.getRawPath() + "?" + url.getRawQuery();
                HttpResponse<String> response = new RestTestClient(base).send(method, pathAndQuery.substring(1),
                        body == null ? null : mapper.writeValueAsString(body));
                if (response.statusCode() >= 400) {
                    throw new ConnectRestException(response.statusCode(), json(response).get("error_code").asInt(),
                            json(response).get("message").asText());
                }
                T result = responseType == null || response.body().isEmpty()
                        ? null : mapper.readValue(response.body(), responseType);
                return new RemoteResponse<>(response.statusCode(), result);
            } catch (IOException e) {
                throw new ConnectRestException(500, "IO Error trying to forward REST request: " + e.getMessage(), e);
            }
        }
    }

    @Test
    void forwardsCreateToTheLeaderWithForwardTrue() {
        HttpResponse<String> response = follower.client().send("POST", "/connectors",
                "{\"name\":\"a\",\"config\":{\"connector.class\":\"org.example.FileSinkConnector\"}}");
        assertEquals(201, response.statusCode(), response.body());
        assertEquals("a", json(response).get("name").asText());
        assertEquals(List.of(leader.server().advertisedUrl().resolve("/connectors?forward=true")), forwardedUrls);
        assertEquals(200, leader.client().get("/connectors/a").statusCode(), "created on the leader");

        HttpResponse<String> updated = follower.client().send("PUT", "/connectors/a/config",
                "{\"connector.class\":\"org.example.FileSinkConnector\"}");
        assertEquals(200, updated.statusCode(), "the leader's 200 means updated: " + updated.body());
    }

    @Test
    void keepsOtherQueryParametersAndCountsHops() {
        leader.client().send("POST", "/connectors",
                "{\"name\":\"a\",\"config\":{\"connector.class\":\"org.example.FileSinkConnector\"}}");
        HttpResponse<String> response = follower.client().send("POST",
                "/connectors/a/restart?includeTasks=true&forward=true&onlyFailed=false", null);
        assertEquals(202, response.statusCode(), response.body());
        assertEquals("RESTARTING", json(response).at("/connector/state").asText());
        assertEquals(leader.server().advertisedUrl().resolve(
                "/connectors/a/restart?includeTasks=true&onlyFailed=false&forward=false"), forwardedUrls.get(0));
    }

    @Test
    void refusesAThirdHop() {
        HttpResponse<String> response = follower.client().send("DELETE", "/connectors/a?forward=false", null);
        assertEquals(409, response.statusCode());
        assertEquals("Cannot complete request because of a conflicting operation (e.g. worker rebalance)",
                json(response).get("message").asText());
        assertTrue(forwardedUrls.isEmpty());
    }

    @Test
    void passesRemoteErrorsThrough() {
        HttpResponse<String> response = follower.client().send("POST", "/connectors/nope/restart", null);
        assertEquals(404, response.statusCode());
        assertEquals("Unknown connector: nope", json(response).get("message").asText());
    }
}
