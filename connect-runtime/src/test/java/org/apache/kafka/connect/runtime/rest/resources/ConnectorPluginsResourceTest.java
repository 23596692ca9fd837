package org.apache.kafka.connect.runtime.rest.resources;

import org.apache.kafka.connect.runtime.rest.FakeHerder;
import org.apache.kafka.connect.runtime.rest.RestTestClient;
import org.apache.kafka.connect.runtime.rest.RestTestServer;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.apache.kafka.connect.runtime.rest.RestTestClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The {@code /connector-plugins} endpoints over real HTTP. */
class ConnectorPluginsResourceTest {

    private RestTestServer server;
    private RestTestClient client;

    @BeforeEach
    void startServer() {
        server = RestTestServer.start(new FakeHerder());
        client = server.client();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private static void assertError(HttpResponse<String> response, int status, String message) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(status, json(response).get("error_code").asInt());
        assertEquals(message, json(response).get("message").asText());
    }

    @Test
    void listsConnectorPluginsByDefault() {
        HttpResponse<String> response = client.get("/connector-plugins");
        assertEquals(200, response.statusCode());
        assertEquals("[{\"class\":\"org.example.FileSinkConnector\",\"type\":\"sink\",\"version\":\"1.0\"},"
                + "{\"class\":\"org.example.FileSourceConnector\",\"type\":\"source\"}]", response.body());
    }

    @Test
    void listsAllPluginsWhenAsked() {
        assertEquals(3, json(client.get("/connector-plugins?connectorsOnly=false")).size());
        assertEquals(2, json(client.get("/connector-plugins?connectorsOnly=true")).size());
    }

    @Test
    void showsPluginConfigDefinitions() {
        HttpResponse<String> response = client.get("/connector-plugins/FileSink/config");
        assertEquals(200, response.statusCode());
        JsonNode key = json(response).get(0);
        assertEquals("file", key.get("name").asText());
        assertEquals(true, key.get("required").asBoolean());
        assertEquals(-1, key.get("order_in_group").asInt());
        assertEquals(200, client.get("/connector-plugins/FileSink/config?version=1.0").statusCode());

        assertError(client.get("/connector-plugins/Foo/config"), 404, "Unknown plugin Foo.");
        assertError(client.get("/connector-plugins/FileSink/config?version=zz"), 400,
                "Invalid version specification: zz");
    }

    @Test
    void validatesConfigWithErrorsInTheBody() {
        HttpResponse<String> response = client.send("PUT", "/connector-plugins/FileSink/config/validate",
                "{\"connector.class\":\"org.example.FileSinkConnector\"}");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode result = json(response);
        assertEquals("org.example.FileSinkConnector", result.get("name").asText());
        assertEquals(1, result.get("error_count").asInt());
        assertEquals("Must configure one of topics or topics.regex",
                result.at("/configs/0/value/errors/0").asText());
    }

    @Test
    void acceptsPathNameWithOrWithoutConnectorSuffix() {
        String body = "{\"connector.class\":\"org.example.FileSinkConnector\",\"topics\":\"t\"}";
        assertEquals(200, client.send("PUT", "/connector-plugins/FileSinkConnector/config/validate", body)
                .statusCode());
        assertEquals(200, client.send("PUT", "/connector-plugins/org.example.FileSink/config/validate", body)
                .statusCode());
    }

    @Test
    void rejectsConnectorClassNotMatchingThePath() {
        assertError(client.send("PUT", "/connector-plugins/FileSink/config/validate",
                        "{\"connector.class\":\"org.example.OtherConnector\"}"),
                400, "Included connector type org.example.OtherConnector does not match request type FileSink");
    }

    @Test
    void reportsValidationFailureAsWrapped500() {
        assertError(client.send("PUT", "/connector-plugins/FileSink/config/validate", "{\"topics\":\"t\"}"), 500,
                "org.apache.kafka.connect.runtime.rest.errors.BadRequestException: "
                        + "Connector config contains no connector type");
    }
}
