package org.apache.kafka.connect.runtime.rest;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.TargetState;
import org.apache.kafka.connect.runtime.health.ConnectClusterStateImpl;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.runtime.rest.errors.ConnectExceptionMapper;
import org.apache.kafka.connect.util.FutureCallback;

import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** REST extensions loaded from {@code rest.extension.classes}, serving over real HTTP what their cluster view sees. */
class RestExtensionsTest {

    private static Plugins plugins;

    @BeforeAll
    static void loadPlugins() {
        plugins = new Plugins(Map.of("plugin.discovery", "service_load"));
    }

    private static RestExtensions load(String classes) {
        return RestExtensions.load(RestTestServer.workerConfig(Map.of("rest.extension.classes", classes,
                "custom.extension.setting", "42")), plugins);
    }

    @Test
    void loadsConfiguresRegistersAndClosesExtensions() throws Exception {
        FakeHerder herder = new FakeHerder();
        FutureCallback<?> created = new FutureCallback<>();
        herder.putConnectorConfig("src", Map.of("name", "src", "connector.class", "FileStreamSource"),
                TargetState.STARTED, false, (e, r) -> created.onCompletion(e, null));
        created.get();

        RestExtensions extensions = load(TestRestExtension.class.getName());
        TestRestExtension extension = (TestRestExtension) extensions.extensions().get(0);
        assertEquals("42", extension.configs.get("custom.extension.setting"));

        ResourceConfig resources = new ResourceConfig();
        resources.register(new JacksonJsonProvider(RestObjectMapper.create()));
        resources.register(new ConnectExceptionMapper());
        extensions.register(resources, new ConnectClusterStateImpl(herder, 5_000));
        assertEquals(1, extension.registrations);
        assertSame(plugins.delegatingLoader(), extension.registerContextLoader);

        Server server = serve(resources);
        try {
            RestTestClient client = new RestTestClient(server.getURI().resolve("/"));
            HttpResponse<String> connectors = client.get("/test-extension/connectors");
            assertEquals(200, connectors.statusCode());
            assertEquals("[\"src\"]", connectors.body());
            assertEquals("\"RUNNING\"", client.get("/test-extension/connectors/src/state").body());
            assertEquals("\"" + FakeHerder.CLUSTER_ID + "\"", client.get("/test-extension/cluster").body());
            HttpResponse<String> missing = client.get("/test-extension/connectors/nope/state");
            assertEquals(404, missing.statusCode());
        } finally {
            server.stop();
        }

        assertFalse(extension.closed);
        extensions.close();
        assertTrue(extension.closed);
    }

    @Test
    void noExtensionsConfigured() {
        RestExtensions extensions = load("");
        assertEquals(List.of(), extensions.extensions());
        ResourceConfig resources = new ResourceConfig();
        extensions.register(resources, null);
        assertTrue(resources.getInstances().isEmpty());
        extensions.close();
    }

    @Test
    void unknownExtensionClassFailsTheLoad() {
        ConnectException e = assertThrows(ConnectException.class, () -> load("com.example.NoSuchExtension"));
        assertTrue(e.getMessage().contains("com.example.NoSuchExtension"), e.getMessage());
    }

    @Test
    void refusesComponentsAlreadyRegistered() {
        ResourceConfig resources = new ResourceConfig();
        ConnectExceptionMapper mapper = new ConnectExceptionMapper();
        resources.register(mapper);
        DuplicateRefusingConfigurable configurable = new DuplicateRefusingConfigurable(resources);

        configurable.register(new ConnectExceptionMapper());
        configurable.register(ConnectExceptionMapper.class);
        configurable.register(TestRestExtension.ClusterStateResource.class);

        assertEquals(1, resources.getInstances().size());
        assertSame(mapper, resources.getInstances().iterator().next());
        assertEquals(java.util.Set.of(TestRestExtension.ClusterStateResource.class), resources.getClasses());
    }

    private static Server serve(ResourceConfig resources) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("localhost");
        server.addConnector(connector);
        ServletContextHandler handler = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        handler.setContextPath("/");
        handler.addServlet(new ServletHolder(new ServletContainer(resources)), "/*");
        server.setHandler(handler);
        server.start();
        return server;
    }
}
