package org.apache.kafka.connect.runtime.rest.resources;

import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.Loggers;
import org.apache.kafka.connect.runtime.LoggersTestAccess;
import org.apache.kafka.connect.runtime.rest.FakeHerder;
import org.apache.kafka.connect.runtime.rest.RestObjectMapper;
import org.apache.kafka.connect.runtime.rest.RestTestClient;
import org.apache.kafka.connect.runtime.rest.errors.ConnectExceptionMapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;

import static org.apache.kafka.connect.runtime.rest.RestTestClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /admin/loggers} over real HTTP, served the way the REST server serves it, on a private Logback context. */
class LoggersResourceTest {

    private LoggerContext context;
    private FakeHerder herder;
    private Server server;
    private RestTestClient client;

    @BeforeEach
    void start() throws Exception {
        context = new LoggerContext();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
        context.getLogger("org.example.Quiet").setLevel(Level.WARN);
        Loggers loggers = LoggersTestAccess.loggers(context, Time.SYSTEM);
        herder = new FakeHerder();

        ResourceConfig resources = new ResourceConfig();
        resources.register(new JacksonJsonProvider(RestObjectMapper.create()));
        resources.register(new ConnectExceptionMapper());
        // As the REST server wires it: the resource as a class, its Loggers and Herder injected (no Jersey instance
        // warning).
        resources.register(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(loggers).to(Loggers.class);
                bind(herder).to(Herder.class);
            }
        });
        resources.register(LoggersResource.class);
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("localhost");
        server.addConnector(connector);
        ServletContextHandler handler = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        handler.setContextPath("/");
        handler.addServlet(new ServletHolder(new ServletContainer(resources)), "/*");
        server.setHandler(handler);
        server.start();
        client = new RestTestClient(URI.create("http://localhost:" + connector.getLocalPort() + "/"));
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void listsLoggersWithLevelAndLastModified() {
        HttpResponse<String> response = client.get("/admin/loggers");
        assertEquals(200, response.statusCode());
        JsonNode all = json(response);
        assertEquals("{\"level\":\"INFO\",\"last_modified\":null}", all.get("root").toString());
        assertEquals("WARN", all.get("org.example.Quiet").get("level").asText());
        assertEquals("INFO", all.get("org.example").get("level").asText());
    }

    @Test
    void setsDebugOnALoggerAndItsDescendants() {
        context.getLogger("org.example.Quiet.Inner");
        HttpResponse<String> response = client.send("PUT", "/admin/loggers/org.example.Quiet", "{\"level\": \"DEBUG\"}");
        assertEquals(200, response.statusCode());
        assertEquals("[\"org.example.Quiet\",\"org.example.Quiet.Inner\"]", response.body());
        assertTrue(context.getLogger("org.example.Quiet.Inner").isDebugEnabled());

        JsonNode level = json(client.get("/admin/loggers/org.example.Quiet.Inner"));
        assertEquals("DEBUG", level.get("level").asText());
        assertTrue(level.get("last_modified").asLong() > 0);
        assertEquals("DEBUG", json(client.get("/admin/loggers")).get("org.example.Quiet").get("level").asText());
    }

    @Test
    void readsRootByAnyCase() {
        assertEquals("INFO", json(client.get("/admin/loggers/ROOT")).get("level").asText());
        assertEquals("INFO", json(client.get("/admin/loggers/root")).get("level").asText());
    }

    @Test
    void unknownLoggerIs404() {
        HttpResponse<String> response = client.get("/admin/loggers/com.nowhere.Thing");
        assertEquals(404, response.statusCode());
        assertEquals("{\"error_code\":404,\"message\":\"Logger com.nowhere.Thing not found.\"}", response.body());
    }

    @Test
    void badLevelsAnswerWithTheErrorShape() {
        HttpResponse<String> unknown = client.send("PUT", "/admin/loggers/org.example", "{\"level\": \"LOUD\"}");
        assertEquals(404, unknown.statusCode());
        assertEquals("{\"error_code\":404,\"message\":\"invalid log level 'LOUD'.\"}", unknown.body());

        HttpResponse<String> missing = client.send("PUT", "/admin/loggers/org.example", "{}");
        assertEquals(400, missing.statusCode());
        assertEquals("Desired 'level' parameter was not specified in request.", json(missing).get("message").asText());

        HttpResponse<String> empty = client.send("PUT", "/admin/loggers/org.example", "{\"level\": \"\"}");
        assertEquals(500, empty.statusCode());
        assertEquals(500, json(empty).get("error_code").asInt());
    }

    @Test
    void clusterScopeIsHandedToTheHerderWith204() {
        HttpResponse<String> cluster =
                client.send("PUT", "/admin/loggers/org.example.Quiet?scope=cluster", "{\"level\": \"trace\"}");
        assertEquals(204, cluster.statusCode());
        assertEquals("", cluster.body());
        assertEquals(List.of(List.of("org.example.Quiet", "trace")), herder.clusterLoggerLevels());
        // The herder applies it (distributed: when it reads the change back from the config topic), not the resource.
        assertFalse(context.getLogger("org.example.Quiet").isTraceEnabled());

        HttpResponse<String> invalid =
                client.send("PUT", "/admin/loggers/org.example?scope=cluster", "{\"level\": \"LOUD\"}");
        assertEquals(404, invalid.statusCode());
        assertEquals(1, herder.clusterLoggerLevels().size(), "an invalid level never reaches the herder");
    }

    @Test
    void unknownScopeActsAsWorkerScope() {
        HttpResponse<String> odd =
                client.send("PUT", "/admin/loggers/org.example.Quiet?scope=galaxy", "{\"level\": \"ERROR\"}");
        assertEquals(200, odd.statusCode());
        assertEquals("[\"org.example.Quiet\"]", odd.body());
    }
}
