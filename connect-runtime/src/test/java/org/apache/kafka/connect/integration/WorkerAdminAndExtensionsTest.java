package org.apache.kafka.connect.integration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A complete standalone worker serves the admin loggers endpoints and the REST extensions named in
 * {@code rest.extension.classes}, the extension seeing the worker's real connectors through its cluster view.
 */
class WorkerAdminAndExtensionsTest {

    @TempDir
    static Path dir;

    private static EmbeddedConnectStandalone worker;
    private static ConnectRestClient rest;

    @BeforeAll
    static void startWorker() {
        worker = new EmbeddedConnectStandalone(dir)
                .withWorkerProperty("rest.extension.classes", "org.apache.kafka.connect.runtime.rest.TestRestExtension")
                .start();
        rest = worker.rest();
    }

    @AfterAll
    static void stopWorker() {
        if (worker != null) {
            worker.stop();
        }
    }

    @Test
    void loggerLevelsCanBeReadAndChanged() {
        ConnectRestClient.Response root = rest.get("/admin/loggers/root");
        assertEquals(200, root.status(), root.toString());
        assertTrue(root.json().has("level"), root.toString());

        String logger = "org.apache.kafka.connect.integration.admin-test";
        ConnectRestClient.Response changed = rest.put("/admin/loggers/" + logger, Map.of("level", "DEBUG"));
        assertEquals(200, changed.status(), changed.toString());
        assertTrue(changed.rawBody().contains(logger), changed.toString());

        ConnectRestClient.Response read = rest.get("/admin/loggers/" + logger);
        assertEquals("DEBUG", read.json().path("level").asText(), read.toString());
        assertTrue(read.json().path("last_modified").isNumber(), read.toString());

        ConnectRestClient.Response bad = rest.put("/admin/loggers/" + logger, Map.of("level", "LOUD"));
        assertEquals(404, bad.status(), bad.toString());
        assertEquals(404, bad.json().path("error_code").asInt(), bad.toString());
    }

    @Test
    void extensionSeesTheWorkersConnectors() {
        String name = "extension-visible";
        ConnectRestClient.Response created = rest.createConnector(name, Map.of(
                "connector.class", "FileStreamSink",
                "topics", "extension-visible-topic",
                "file", dir.resolve("extension-sink.txt").toString()));
        assertEquals(201, created.status(), created.toString());

        ConnectRestClient.Response seen = rest.get("/test-extension/connectors");
        assertEquals(200, seen.status(), seen.toString());
        assertTrue(seen.rawBody().contains(name), seen.toString());
        assertEquals(200, rest.get("/test-extension/cluster").status());
        assertEquals(204, rest.delete("/connectors/" + name).status());
    }
}
