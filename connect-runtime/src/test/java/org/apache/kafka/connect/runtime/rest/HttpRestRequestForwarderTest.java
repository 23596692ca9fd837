package org.apache.kafka.connect.runtime.rest;

import org.apache.kafka.connect.runtime.rest.RestRequestForwarder.RemoteResponse;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.rest.entities.CreateConnectorRequest;
import org.apache.kafka.connect.runtime.rest.errors.ConnectRestException;

import com.fasterxml.jackson.core.type.TypeReference;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.apache.kafka.connect.runtime.rest.RestTestClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Jetty-based forwarder against real REST servers (and a header-recording server). */
class HttpRestRequestForwarderTest {

    private static final TypeReference<ConnectorInfo> CONNECTOR_INFO = new TypeReference<>() { };
    private static final Map<String, String> FILE_SINK =
            Map.of("connector.class", "org.example.FileSinkConnector", "topics", "t");

    @TempDir
    Path dir;

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private <T extends AutoCloseable> T closing(T resource) {
        resources.add(resource);
        return resource;
    }

    private HttpRestRequestForwarder forwarder(Map<String, String> workerProps) {
        return closing(new HttpRestRequestForwarder(RestTestServer.workerConfig(workerProps),
                new RestRequestTimeouts(10_000, 10_000), failure -> Optional.empty()));
    }

    private RestTestServer leader(Map<String, String> workerProps) {
        return closing(RestTestServer.start(new FakeHerder(), workerProps, RestRequestTimeouts.DEFAULT));
    }

    private static URI url(RestTestServer server, String pathAndQuery) {
        return server.server().advertisedUrl().resolve(pathAndQuery);
    }

    private static CreateConnectorRequest create(String name) {
        return new CreateConnectorRequest(name, FILE_SINK, null);
    }

    @Test
    void forwardTargetDelegatesToTheGivenFunction() {
        URI leaderUrl = URI.create("http://leader:8083/");
        IllegalStateException notLeader = new IllegalStateException("not leader");
        try (HttpRestRequestForwarder forwarder = new HttpRestRequestForwarder(RestTestServer.workerConfig(Map.of()),
                RestRequestTimeouts.DEFAULT, failure -> failure == notLeader ? Optional.of(leaderUrl)
                : Optional.empty())) {
            assertEquals(Optional.of(leaderUrl), forwarder.forwardTarget(notLeader));
            assertEquals(Optional.empty(), forwarder.forwardTarget(new IllegalStateException()));
        }
    }

    @Test
    void createIsForwardedAndAnswersWithTheRemoteStatusAndBody() {
        RestTestServer leader = leader(Map.of());
        HttpRestRequestForwarder forwarder = forwarder(Map.of());

        RemoteResponse<ConnectorInfo> created = forwarder.forward("POST", url(leader, "/connectors?forward=true"),
                null, create("a"), CONNECTOR_INFO);
        assertEquals(201, created.status());
        assertEquals("a", created.body().name());
        assertEquals("t", created.body().config().get("topics"));
        assertEquals(200, leader.client().get("/connectors/a").statusCode(), "created on the leader");

        RemoteResponse<ConnectorInfo> updated = forwarder.forward("PUT", url(leader, "/connectors/a/config"),
                null, FILE_SINK, CONNECTOR_INFO);
        assertEquals(200, updated.status());

        RemoteResponse<Void> deleted = forwarder.forward("DELETE", url(leader, "/connectors/a"), null, null, null);
        assertEquals(204, deleted.status());
        assertNull(deleted.body());
        assertEquals(404, leader.client().get("/connectors/a").statusCode());
    }

    @Test
    void remoteErrorsArePassedThrough() {
        RestTestServer leader = leader(Map.of());
        HttpRestRequestForwarder forwarder = forwarder(Map.of());

        ConnectRestException notFound = assertThrows(ConnectRestException.class, () -> forwarder.forward("POST",
                url(leader, "/connectors/nope/restart?forward=true"), null, null, null));
        assertEquals(404, notFound.statusCode());
        assertEquals(404, notFound.errorCode());
        assertEquals("Unknown connector: nope", notFound.getMessage());

        forwarder.forward("POST", url(leader, "/connectors"), null, create("a"), CONNECTOR_INFO);
        ConnectRestException conflict = assertThrows(ConnectRestException.class,
                () -> forwarder.forward("POST", url(leader, "/connectors"), null, create("a"), CONNECTOR_INFO));
        assertEquals(409, conflict.statusCode());
        assertEquals(409, conflict.errorCode());
        assertEquals("Connector a already exists", conflict.getMessage());
    }

    @Test
    void unreachableTargetIsAnIoError() throws IOException {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        HttpRestRequestForwarder forwarder = forwarder(Map.of());
        ConnectRestException e = assertThrows(ConnectRestException.class, () -> forwarder.forward("GET",
                URI.create("http://localhost:" + freePort + "/connectors"), null, null, null));
        assertEquals(500, e.statusCode());
        assertTrue(e.getMessage().startsWith("IO Error trying to forward REST request: "), e.getMessage());
    }

    @Test
    void sendsOnlyTheSpecifiedHeadersAndCopiesAuthorization() throws IOException {
        AtomicReference<Headers> seen = new AtomicReference<>();
        AtomicReference<String> seenBody = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", exchange -> {
            seen.set(exchange.getRequestHeaders());
            seenBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer = "{\"message\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        resources.add(() -> server.stop(0));
        URI target = URI.create("http://localhost:" + server.getAddress().getPort() + "/connectors/a/offsets");

        RemoteResponse<Map<String, String>> response = forwarder(Map.of()).forward("PATCH", target,
                "Basic dXNlcjpwYXNz", Map.of("offsets", List.of()), new TypeReference<>() { });

        assertEquals(Map.of("message", "ok"), response.body());
        Headers headers = seen.get();
        assertEquals(List.of("Basic dXNlcjpwYXNz"), headers.get("Authorization"));
        assertEquals(List.of("kafka-connect"), headers.get("User-Agent"));
        assertEquals(List.of("application/json"), headers.get("Accept"));
        assertEquals(List.of("application/json"), headers.get("Content-type"));
        assertEquals("{\"offsets\":[]}", seenBody.get());
        Map<String, List<String>> others = new HashMap<>(headers);
        for (String expected : List.of("Authorization", "User-agent", "Accept", "Content-type", "Content-length",
                "Host")) {
            others.remove(expected);
        }
        assertEquals(Map.of(), others, "no other headers");

        forwarder(Map.of()).forward("PUT", target, null, null, null);
        assertNull(seen.get().getFirst("Authorization"));
        assertNull(seen.get().getFirst("Content-type"), "no body, no content type");
    }

    @Test
    void redirectsAreNotFollowed() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://localhost:1/elsewhere");
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        server.start();
        resources.add(() -> server.stop(0));
        URI target = URI.create("http://localhost:" + server.getAddress().getPort() + "/connectors");

        ConnectRestException e = assertThrows(ConnectRestException.class,
                () -> forwarder(Map.of()).forward("GET", target, null, null, null));
        assertEquals(500, e.statusCode());
        assertTrue(e.getMessage().contains("307"), e.getMessage());
    }

    @Test
    void endToEndThroughAFollowerCopiesTheCallersAuthorizationOnly() {
        RestTestServer leader = leader(Map.of());
        FakeHerder followerHerder = new FakeHerder();
        IllegalStateException notLeader = new IllegalStateException("not the leader");
        followerHerder.failWith("putConnectorConfig", notLeader);
        HttpRestRequestForwarder forwarder = closing(new HttpRestRequestForwarder(
                RestTestServer.workerConfig(Map.of()), RestRequestTimeouts.DEFAULT,
                failure -> failure == notLeader ? Optional.of(leader.server().advertisedUrl()) : Optional.empty()));
        RestTestServer follower = closing(RestTestServer.start(followerHerder, Map.of(), RestRequestTimeouts.DEFAULT,
                forwarder));

        HttpResponse<String> response = follower.client().send("POST", "/connectors",
                "{\"name\":\"a\",\"config\":{\"connector.class\":\"org.example.FileSinkConnector\"}}");
        assertEquals(201, response.statusCode(), response.body());
        assertEquals("a", json(response).get("name").asText());

        HttpResponse<String> again = follower.client().send("POST", "/connectors",
                "{\"name\":\"a\",\"config\":{\"connector.class\":\"org.example.FileSinkConnector\"}}");
        assertEquals(409, again.statusCode());
        assertEquals("Connector a already exists", json(again).get("message").asText());
    }

    @Test
    void forwardsOverHttpsWithTheListenerTlsSettings() {
        TestTlsStores stores = TestTlsStores.generate(dir);
        Map<String, String> tls = new HashMap<>();
        tls.put("listeners", "https://localhost:0");
        tls.put("listeners.https.ssl.keystore.type", "PKCS12");
        tls.put("listeners.https.ssl.keystore.location", stores.keystore(TestTlsStores.SERVER).toString());
        tls.put("listeners.https.ssl.keystore.password", TestTlsStores.PASSWORD);
        tls.put("listeners.https.ssl.key.password", TestTlsStores.PASSWORD);
        tls.put("listeners.https.ssl.truststore.location", stores.truststore().toString());
        tls.put("listeners.https.ssl.truststore.password", TestTlsStores.PASSWORD);
        RestTestServer leader = leader(tls);
        URI leaderUrl = leader.server().advertisedUrl();
        assertEquals("https", leaderUrl.getScheme());

        RemoteResponse<ConnectorInfo> created = forwarder(tls).forward("POST", leaderUrl.resolve("/connectors"),
                null, create("secure"), CONNECTOR_INFO);
        assertEquals(201, created.status());
        assertEquals("secure", created.body().name());

        // Without the truststore the leader's self-signed certificate is not trusted.
        ConnectRestException untrusted = assertThrows(ConnectRestException.class, () -> forwarder(Map.of())
                .forward("GET", leaderUrl.resolve("/connectors"), null, null, null));
        assertEquals(500, untrusted.statusCode());
        assertTrue(untrusted.getMessage().startsWith("IO Error trying to forward REST request: "),
                untrusted.getMessage());
    }

    @Test
    void refusesToForwardOnceClosed() {
        RestTestServer leader = leader(Map.of());
        HttpRestRequestForwarder forwarder = forwarder(Map.of());
        assertEquals(200, forwarder.forward("GET", url(leader, "/connectors"), null, null, null).status());
        forwarder.close();
        ConnectRestException e = assertThrows(ConnectRestException.class,
                () -> forwarder.forward("GET", url(leader, "/connectors"), null, null, null));
        assertEquals(500, e.statusCode());
    }
}
