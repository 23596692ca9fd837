package org.apache.kafka.connect.rest.basic.auth.extension;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * A real Jetty + Jersey server on a free local port serving stand-ins for a few Connect endpoints, with whatever
 * the test registers on its resource config (the authentication filter), and a client that can send credentials.
 */
final class AuthTestServer implements AutoCloseable {

    private final Server server = new Server();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI baseUrl;

    AuthTestServer(Consumer<ResourceConfig> customizer) throws Exception {
        ResourceConfig resources = new ResourceConfig();
        resources.register(new JacksonJsonProvider(new ObjectMapper()));
        resources.register(StandInResource.class);
        customizer.accept(resources);

        ServerConnector connector = new ServerConnector(server);
        connector.setHost("localhost");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new ServletContainer(resources)), "/*");
        server.setHandler(context);
        server.start();
        baseUrl = URI.create("http://localhost:" + connector.getLocalPort() + "/");
    }

    /** Sends a request with an {@code Authorization} header when {@code authorization} is not null. */
    HttpResponse<String> send(String method, String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String basic(String user, String password) {
        String token = user + ":" + password;
        return "Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** Stand-ins for a user endpoint, the two internal endpoints and an admin endpoint. */
    @Path("/")
    @Produces(MediaType.APPLICATION_JSON)
    public static class StandInResource {

        @GET
        @Path("connectors")
        public List<String> connectors(@Context SecurityContext security) {
            // Echo the authenticated user to show the filter installed its security context.
            return List.of(security.getUserPrincipal() == null ? "anonymous" : security.getUserPrincipal().getName());
        }

        @POST
        @Path("connectors/{connector}/tasks")
        public String putTaskConfigs(@PathParam("connector") String connector) {
            return "\"tasks of " + connector + "\"";
        }

        @GET
        @Path("connectors/{connector}/tasks")
        public String taskConfigs(@PathParam("connector") String connector) {
            return "\"tasks of " + connector + "\"";
        }

        @POST
        @Path("connectors/{connector}/fence")
        public String postFence(@PathParam("connector") String connector) {
            return "\"fenced " + connector + "\"";
        }

        @PUT
        @Path("connectors/{connector}/fence")
        public String fence(@PathParam("connector") String connector) {
            return "\"fenced " + connector + "\"";
        }

        @PUT
        @Path("connectors/{connector}/pause")
        public String pause(@PathParam("connector") String connector) {
            return "\"paused " + connector + "\"";
        }

        @GET
        @Path("admin/loggers")
        public String loggers() {
            return "{}";
        }
    }
}
