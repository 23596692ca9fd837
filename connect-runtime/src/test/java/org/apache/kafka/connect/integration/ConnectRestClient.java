package org.apache.kafka.connect.integration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A minimal client of a worker's REST API for the end-to-end tests: every call answers the status code and the
 * parsed body, so tests can assert on error responses as easily as on successful ones.
 */
final class ConnectRestClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final URI baseUrl;
    private final HttpClient http;

    ConnectRestClient(URI baseUrl) {
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** The answer of the worker: HTTP status, raw body text and the body parsed as JSON (missing if empty). */
    record Response(int status, String rawBody, JsonNode json) {

        /** The {@code message} of a Connect error body, or null. */
        String errorMessage() {
            JsonNode message = json.get("message");
            return message == null || message.isNull() ? null : message.asText();
        }

        @Override
        public String toString() {
            return status + " " + rawBody;
        }
    }

    Response get(String path) {
        return send(path, "GET", null);
    }

    Response delete(String path) {
        return send(path, "DELETE", null);
    }

    /** POST with {@code body} as JSON, or with no body at all if it is null. */
    Response post(String path, Object body) {
        return send(path, "POST", body == null ? null : toJson(body));
    }

    /** PUT with {@code body} as JSON, or with no body at all if it is null. */
    Response put(String path, Object body) {
        return send(path, "PUT", body == null ? null : toJson(body));
    }

    /** Sends a body exactly as given, e.g. malformed JSON. */
    Response sendRaw(String path, String method, String body) {
        return send(path, method, body);
    }

    /** POST /connectors with {@code name} and {@code config}; the caller asserts the answer. */
    Response createConnector(String name, Map<String, String> config) {
        return post("/connectors", Map.of("name", name, "config", config));
    }

    private Response send(String path, String method, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve(path))
                .timeout(TIMEOUT)
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), parse(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + method + " " + path, e);
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            // Not JSON (e.g. an HTML error page): tests then see a missing node and can print the raw body.
            return MissingNode.getInstance();
        }
    }

    private static String toJson(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialize request body " + body, e);
        }
    }
}
