package org.apache.kafka.connect.runtime.rest;

import org.apache.kafka.common.config.ConfigException;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CORS, configured response headers, TRACE, and the hooks for admin resources and REST extensions. */
class RestServerHttpFeaturesTest {

    private static final String ORIGIN = "http://ui.example.com";

    private static RestServer start(Map<String, String> props, Object adminResource) {
        RestServer server = new RestServer(RestTestServer.workerConfig(props));
        if (adminResource != null) {
            server.registerAdminResource(adminResource);
        }
        server.initializeServer();
        server.initializeResources(new FakeHerder());
        return server;
    }

    /** Sends a request with the given headers; java.net.http lets a test set {@code Origin} freely. */
    private static HttpResponse<String> send(URI url, String method, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> preflight(URI url, String origin, String method) {
        return send(url, "OPTIONS", "Origin", origin, "Access-Control-Request-Method", method);
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    private static Set<String> methods(HttpResponse<?> response) {
        String value = header(response, "Access-Control-Allow-Methods");
        Set<String> methods = new HashSet<>();
        if (value != null) {
            for (String method : value.split(",")) {
                methods.add(method.trim());
            }
        }
        return methods;
    }

    @Test
    void answersCorsRequestsFromAllowedOriginsWithDefaultMethods() {
        RestServer server = start(Map.of("access.control.allow.origin", ORIGIN), null);
        try {
            URI connectors = server.serverUrl().resolve("/connectors");
            HttpResponse<String> allowed = preflight(connectors, ORIGIN, "POST");
            assertEquals(200, allowed.statusCode());
            assertEquals(ORIGIN, header(allowed, "Access-Control-Allow-Origin"));
            assertEquals(Set.of("GET", "POST", "HEAD"), methods(allowed));

            HttpResponse<String> simple = send(connectors, "GET", "Origin", ORIGIN);
            assertEquals(200, simple.statusCode());
            assertEquals("[]", simple.body());
            assertEquals(ORIGIN, header(simple, "Access-Control-Allow-Origin"));

            HttpResponse<String> other = send(connectors, "GET", "Origin", "http://evil.example.com");
            assertEquals(null, header(other, "Access-Control-Allow-Origin"));
            HttpResponse<String> otherPreflight = preflight(connectors, "http://evil.example.com", "POST");
            assertEquals(null, header(otherPreflight, "Access-Control-Allow-Origin"));
            HttpResponse<String> deleteMethod = preflight(connectors, ORIGIN, "DELETE");
            assertFalse(methods(deleteMethod).contains("DELETE"), deleteMethod.headers().toString());
        } finally {
            server.stop();
        }
    }

    @Test
    void allowsConfiguredMethodsAndWildcardOrigins() {
        RestServer server = start(Map.of("access.control.allow.origin", "*",
                "access.control.allow.methods", "GET, PUT,DELETE"), null);
        try {
            URI connectors = server.serverUrl().resolve("/connectors");
            HttpResponse<String> preflight = preflight(connectors, "http://anything.example.org", "DELETE");
            assertEquals("http://anything.example.org", header(preflight, "Access-Control-Allow-Origin"));
            assertEquals(Set.of("GET", "PUT", "DELETE"), methods(preflight));
        } finally {
            server.stop();
        }

        RestServer glob = start(Map.of("access.control.allow.origin", "https://*.example.com"), null);
        try {
            URI root = glob.serverUrl();
            assertEquals("https://a.example.com",
                    header(send(root, "GET", "Origin", "https://a.example.com"), "Access-Control-Allow-Origin"));
            // The dot is literal, not a regular expression.
            assertEquals(null, header(send(root, "GET", "Origin", "https://a.exampleXcom"),
                    "Access-Control-Allow-Origin"));
        } finally {
            glob.stop();
        }
    }

    @Test
    void hasNoCorsHandlerWithoutAllowedOrigins() {
        RestServer server = start(Map.of(), null);
        try {
            URI connectors = server.serverUrl().resolve("/connectors");
            HttpResponse<String> response = send(connectors, "GET", "Origin", ORIGIN);
            assertEquals(200, response.statusCode());
            assertEquals(null, header(response, "Access-Control-Allow-Origin"));
            assertEquals(null, header(preflight(connectors, ORIGIN, "POST"), "Access-Control-Allow-Origin"));
        } finally {
            server.stop();
        }
    }

    @Test
    void addsConfiguredHeadersToEveryResponseOfTheMainContext() {
        Map<String, String> props = new HashMap<>();
        props.put("response.http.headers.config", "set X-Frame-Options:DENY,\"add Cache-Control: no-cache, no-store\","
                + "setDate Expires:31540000000,addDate X-Checked:0");
        props.put("admin.listeners", "http://localhost:0");
        RestServer server = start(props, DummyAdminResource.class);
        try {
            for (String path : List.of("/", "/connectors", "/nope")) {
                HttpResponse<String> response = send(server.serverUrl().resolve(path), "GET");
                assertEquals("DENY", header(response, "X-Frame-Options"), path);
                assertEquals(List.of("no-cache, no-store"), response.headers().allValues("Cache-Control"), path);
                ZonedDateTime expires = ZonedDateTime.parse(header(response, "Expires"),
                        DateTimeFormatter.RFC_1123_DATE_TIME);
                assertTrue(expires.isAfter(ZonedDateTime.now().plusDays(364)), expires.toString());
                ZonedDateTime checked = ZonedDateTime.parse(header(response, "X-Checked"),
                        DateTimeFormatter.RFC_1123_DATE_TIME);
                assertTrue(checked.isAfter(ZonedDateTime.now().minusMinutes(5)), checked.toString());
            }
            // Like Apache, the rules apply to the main context only.
            HttpResponse<String> admin = send(server.adminUrl().resolve("/admin/dummy"), "GET");
            assertEquals(200, admin.statusCode());
            assertEquals(null, header(admin, "X-Frame-Options"));
        } finally {
            server.stop();
        }
    }

    @Test
    void rejectsDateRulesWhoseValueIsNotAnOffset() {
        ConfigException e = assertThrows(ConfigException.class, () -> new RestServer(RestTestServer.workerConfig(
                Map.of("response.http.headers.config", "setDate Expires:tomorrow"))));
        assertTrue(e.getMessage().contains("setDate Expires:tomorrow"), e.getMessage());
    }

    @Test
    void doesNotServeTrace() {
        RestServer server = start(Map.of("access.control.allow.origin", "*",
                "response.http.headers.config", "set X-Frame-Options:DENY"), null);
        try {
            for (String path : List.of("/", "/connectors", "/connector-plugins")) {
                HttpResponse<String> trace = send(server.serverUrl().resolve(path), "TRACE");
                assertEquals(405, trace.statusCode(), path);
                assertEquals(405, RestTestClient.json(trace).get("error_code").asInt(), path);
            }
        } finally {
            server.stop();
        }
    }

    @Test
    void servesAdminResourcesOnTheRegularListenersWhenAdminListenersAreUnset() {
        RestServer server = start(Map.of(), DummyAdminResource.class);
        try {
            assertEquals(server.serverUrl(), server.adminUrl());
            HttpResponse<String> dummy = send(server.serverUrl().resolve("/admin/dummy"), "GET");
            assertEquals(200, dummy.statusCode(), dummy.body());
            assertEquals("dummy", RestTestClient.json(dummy).get("admin").asText());
        } finally {
            server.stop();
        }
    }

    @Test
    void servesNoAdminResourcesWhenAdminListenersAreEmpty() {
        RestServer server = start(Map.of("admin.listeners", ""), new DummyAdminResource());
        try {
            assertEquals(404, send(server.serverUrl().resolve("/admin/dummy"), "GET").statusCode());
            assertEquals(200, send(server.serverUrl().resolve("/connectors"), "GET").statusCode());
        } finally {
            server.stop();
        }
    }

    @Test
    void customizesTheMainAndTheSeparateAdminContexts() {
        RestServer server = new RestServer(
                RestTestServer.workerConfig(Map.of("admin.listeners", "http://localhost:0")));
        server.registerAdminResource(DummyAdminResource.class);
        List<Boolean> calls = new ArrayList<>();
        server.addResourceConfigCustomizer((resources, adminContext) -> {
            calls.add(adminContext);
            resources.register(new ContextHeaderFilter(adminContext ? "admin" : "main"));
        });
        server.initializeServer();
        server.initializeResources(new FakeHerder());
        try {
            assertEquals(List.of(false, true), calls);
            assertEquals("main", header(send(server.serverUrl().resolve("/connectors"), "GET"), "X-Context"));
            assertEquals("admin", header(send(server.adminUrl().resolve("/admin/dummy"), "GET"), "X-Context"));
            assertThrows(IllegalStateException.class, () -> server.registerAdminResource(DummyAdminResource.class));
            assertThrows(IllegalStateException.class, () -> server.addResourceConfigCustomizer((r, a) -> { }));
        } finally {
            server.stop();
        }
    }

    @Test
    void customizesASingleContextWhenAdminEndpointsShareTheListeners() {
        RestServer server = new RestServer(RestTestServer.workerConfig(Map.of()));
        List<Boolean> calls = new ArrayList<>();
        server.addResourceConfigCustomizer((resources, adminContext) -> calls.add(adminContext));
        server.initializeServer();
        server.initializeResources(new FakeHerder());
        try {
            assertEquals(List.of(false), calls);
        } finally {
            server.stop();
        }
    }

    /** Stands in for an admin endpoint such as {@code /admin/loggers}. */
    @Path("/admin/dummy")
    @Produces(MediaType.APPLICATION_JSON)
    public static class DummyAdminResource {
        @GET
        public Map<String, String> get() {
            return Map.of("admin", "dummy");
        }
    }

    /** Stands in for a REST extension's filter: tags responses with the context it was registered in. */
    private static final class ContextHeaderFilter implements ContainerResponseFilter {
        private final String context;

        ContextHeaderFilter(String context) {
            this.context = context;
        }

        @Override
        public void filter(ContainerRequestContext request, ContainerResponseContext response) {
            response.getHeaders().putSingle("X-Context", context);
        }
    }
}
