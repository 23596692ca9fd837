package org.apache.kafka.connect.runtime.rest;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.apache.kafka.connect.runtime.rest.RestTestClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Listeners, advertised URL, admin listeners, Jetty-level answers, request log and shutdown of the REST server. */
class RestServerTest {

    private static RestServer started(Map<String, String> props) {
        RestServer server = new RestServer(RestTestServer.workerConfig(props));
        server.initializeServer();
        return server;
    }

    private static void assertError(HttpResponse<String> response, int status, String message) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(status, json(response).get("error_code").asInt());
        assertEquals(message, json(response).get("message").asText());
    }

    @Test
    void bindsAFreePortAndAdvertisesIt() {
        RestServer server = started(Map.of());
        try {
            assertTrue(server.boundPort() > 0);
            URI expected = URI.create("http://localhost:" + server.boundPort() + "/");
            assertEquals(expected, server.serverUrl());
            assertEquals(expected, server.advertisedUrl());
            assertEquals(expected, server.adminUrl(), "admin endpoints share the listeners when unset");
        } finally {
            server.stop();
        }
    }

    @Test
    void advertisesConfiguredHostPortAndListener() {
        RestServer server = started(Map.of("rest.advertised.host.name", "adv.example",
                "rest.advertised.port", "9999", "rest.advertised.listener", "HTTPS"));
        try {
            assertEquals(URI.create("https://adv.example:9999/"), server.advertisedUrl());
            assertEquals(URI.create("http://localhost:" + server.boundPort() + "/"), server.serverUrl());
        } finally {
            server.stop();
        }
    }

    @Test
    void advertisesTheFirstListenerAndThisMachineForAllInterfaces() throws Exception {
        RestServer server = started(Map.of("listeners", "HTTP://:0,http://localhost:0"));
        try {
            String host = InetAddress.getLocalHost().getHostAddress();
            assertEquals(URI.create("http://" + host + ":" + server.boundPort() + "/"), server.advertisedUrl());
        } finally {
            server.stop();
        }
    }

    @Test
    void rejectsMalformedListeners() {
        String format = "Listener doesn't have the right format (protocol://hostname:port).";
        for (String listener : List.of("localhost:8083", "http://localhost", "http://localhost:abc", "http://[::1")) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> new RestServer(RestTestServer.workerConfig(Map.of("listeners", listener))), listener);
            assertEquals(format, e.getMessage(), listener);
        }
        ConfigException protocol = assertThrows(ConfigException.class,
                () -> new RestServer(RestTestServer.workerConfig(Map.of("listeners", "ftp://localhost:21"))));
        assertEquals("Listener protocol must be either \"http\" or \"https\".", protocol.getMessage());
    }

    @Test
    void failsClearlyWhenThePortIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("localhost"))) {
            RestServer server = new RestServer(RestTestServer.workerConfig(
                    Map.of("listeners", "http://localhost:" + taken.getLocalPort())));
            ConnectException e = assertThrows(ConnectException.class, server::initializeServer);
            assertEquals("Unable to initialize REST server", e.getMessage());
        }
    }

    @Test
    void answersUnknownPathsAndMethodsWithErrorBodies() {
        try (RestTestServer server = RestTestServer.start(new FakeHerder())) {
            RestTestClient client = server.client();
            assertError(client.get("/nope"), 404, "HTTP 404 Not Found");
            assertError(client.get("/application.wadl"), 404, "HTTP 404 Not Found");
            assertError(client.send("DELETE", "/", null), 405, "HTTP 405 Method Not Allowed");
            assertError(client.send("TRACE", "/connectors", null), 405, "HTTP 405 Method Not Allowed");
            // Servlet 6 refuses ambiguous paths before any resource runs; like Apache, Jetty's own error page.
            assertEquals(400, client.get("/connectors/a%2Fb").statusCode());
            assertEquals(400, client.get("/connectors/a//b").statusCode());
        }
    }

    @Test
    void answers404UntilResourcesAreInstalled() {
        RestServer server = started(Map.of());
        try {
            RestTestClient client = new RestTestClient(server.serverUrl());
            assertEquals(404, client.get("/connectors").statusCode());
            server.initializeResources(new FakeHerder());
            assertEquals(200, client.get("/connectors").statusCode());
        } finally {
            server.stop();
        }
    }

    @Test
    void servesAdminEndpointsOnlyOnSeparateAdminListeners() {
        Map<String, String> props = new HashMap<>();
        props.put("admin.listeners", "http://localhost:0");
        RestServer server = started(props);
        try {
            server.initializeResources(new FakeHerder());
            URI admin = server.adminUrl();
            assertNotEquals(server.serverUrl(), admin);
            assertEquals(200, new RestTestClient(server.serverUrl()).get("/connectors").statusCode());
            assertError(new RestTestClient(admin).get("/connectors"), 404, "HTTP 404 Not Found");
        } finally {
            server.stop();
        }
    }

    @Test
    void hasNoAdminUrlWhenAdminListenersAreDisabled() {
        RestServer server = started(Map.of("admin.listeners", ""));
        try {
            assertNull(server.adminUrl());
        } finally {
            server.stop();
        }
    }

    @Test
    void logsEveryRequestWithLatency() {
        Logger logger = (Logger) LoggerFactory.getLogger(RestServer.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try (RestTestServer server = RestTestServer.start(new FakeHerder())) {
            server.client().get("/connectors");
        } finally {
            logger.detachAppender(appender);
        }
        List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(line -> line.contains("\"GET /connectors HTTP/1.1\"")).toList();
        assertEquals(1, lines.size(), "one line per request: " + appender.list);
        assertTrue(lines.get(0).matches("^\\S+ - - \\[.+] \"GET /connectors HTTP/1\\.1\" 200 2 \"[^\"]*\" \"[^\"]*\" \\d+$"),
                lines.get(0));
    }

    @Test
    void releasesThePortWhenStopped() throws IOException {
        RestServer server = started(Map.of());
        int port = server.boundPort();
        server.stop();
        try (ServerSocket rebound = new ServerSocket(port, 1, InetAddress.getByName("localhost"))) {
            assertEquals(port, rebound.getLocalPort());
        }
    }
}
