package org.apache.kafka.connect.integration;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Apache's released connect-file jar, installed in {@code plugin.path}, runs isolated on our worker.
 *
 * <p>Both copies of {@code org.apache.kafka.connect.file.*} report the worker's Kafka version (their
 * {@code version()} is {@code AppInfoParser.getVersion()}), and on equal versions the class path copy wins. So the
 * Apache copy is exercised by a worker whose class path lacks our connect-file (the usual deployment: connectors
 * only in {@code plugin.path}), and the tie rule by a worker that sees both.
 */
class ApachePluginIsolationTest {

    private static final String JAR_PROPERTY = "connect.test.apache.connect.file.jar";
    private static final String SOURCE = "org.apache.kafka.connect.file.FileStreamSourceConnector";
    private static final String SINK = "org.apache.kafka.connect.file.FileStreamSinkConnector";
    private static final String PLUGIN_CLASS_LOADER = "org.apache.kafka.connect.runtime.isolation.PluginClassLoader";

    @TempDir
    Path dir;

    private Path pluginPath;
    private Path apacheJar;

    @BeforeEach
    void installApacheConnectFile() throws IOException {
        String jar = System.getProperty(JAR_PROPERTY);
        assertNotNull(jar, "Set the system property " + JAR_PROPERTY + " to Apache's connect-file-4.3.1.jar "
                + "(the Maven build sets it)");
        pluginPath = dir.resolve("plugins");
        apacheJar = Files.createDirectories(pluginPath.resolve("apache-connect-file"))
                .resolve("connect-file-4.3.1.jar");
        Files.copy(Path.of(jar), apacheJar);
    }

    @Test
    void apacheFileConnectorsRunIsolatedFromPluginPath() throws IOException {
        try (EmbeddedConnectStandalone worker = new EmbeddedConnectStandalone(dir.resolve("isolated-worker"))
                .withWorkerProperty("plugin.path", pluginPath.toString())
                .hidingFromClasspath(SOURCE, SINK)) {
            worker.start();
            ConnectRestClient rest = worker.rest();

            JsonNode plugins = rest.get("/connector-plugins").json();
            String sourceVersion = pluginVersion(plugins, SOURCE);
            assertNotNull(sourceVersion, "Apache's source connector is discovered in plugin.path: " + plugins);
            assertNotNull(pluginVersion(plugins, SINK), "Apache's sink connector is discovered: " + plugins);

            String topic = "apache-file-" + UUID.randomUUID();
            Path input = dir.resolve("input.txt");
            Path output = dir.resolve("output.txt");
            Files.writeString(input, "foo\nbar\n");
            ConnectRestClient.Response source = rest.createConnector("apache-source",
                    FileStreamPipelineTest.sourceConfig(input, topic));
            assertEquals(201, source.status(), source.toString());
            JsonNode status = Waits.connectorState(rest, "apache-source", "RUNNING", 1, "RUNNING");
            assertEquals(sourceVersion, status.path("connector").path("version").asText(), status.toString());

            assertEquals(List.of("{\"line\":\"foo\",\"data_source\":\"test-file-source\"}",
                    "{\"line\":\"bar\",\"data_source\":\"test-file-source\"}"),
                    TopicClient.readValues(topic, 2, Waits.TIMEOUT));
            assertTaskThreadRunsIn("apache-source", apacheJar);

            Map<String, String> sink = new HashMap<>();
            sink.put("connector.class", "FileStreamSink");
            sink.put("tasks.max", "1");
            sink.put("topics", topic);
            sink.put("file", output.toString());
            sink.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
            sink.put("value.converter.schemas.enable", "false");
            sink.put("transforms", "unwrap");
            sink.put("transforms.unwrap.type", "org.apache.kafka.connect.transforms.ExtractField$Value");
            sink.put("transforms.unwrap.field", "line");
            ConnectRestClient.Response created = rest.createConnector("apache-sink", sink);
            assertEquals(201, created.status(), created.toString());
            Waits.connectorState(rest, "apache-sink", "RUNNING", 1, "RUNNING");
            Waits.fileLines(output, List.of("foo", "bar"));
            assertTaskThreadRunsIn("apache-sink", apacheJar);
        }
    }

    @Test
    void classpathCopyWinsOverAnEqualVersionInPluginPath() throws IOException {
        try (EmbeddedConnectStandalone worker = new EmbeddedConnectStandalone(dir)
                .withWorkerProperty("plugin.path", pluginPath.toString())) {
            worker.start();
            ConnectRestClient rest = worker.rest();
            JsonNode plugins = rest.get("/connector-plugins").json();
            assertEquals(1, entries(plugins, SOURCE).size(),
                    "copies of one version are listed once: " + plugins);

            String topic = "tie-" + UUID.randomUUID();
            Path input = dir.resolve("input.txt");
            Files.writeString(input, "foo\n");
            ConnectRestClient.Response created = rest.createConnector("tie-source",
                    FileStreamPipelineTest.sourceConfig(input, topic));
            assertEquals(201, created.status(), created.toString());
            Waits.connectorState(rest, "tie-source", "RUNNING", 1, "RUNNING");
            assertEquals(1, TopicClient.readAll(topic, 1, Waits.TIMEOUT).size());
            Optional<Thread> thread = taskThread("tie-source");
            assertTrue(thread.isPresent(), "task thread task-thread-tie-source-0 exists");
            for (int i = 0; i < 20; i++) {
                ClassLoader loader = thread.get().getContextClassLoader();
                assertFalse(loader != null && loader.getClass().getName().equals(PLUGIN_CLASS_LOADER),
                        "the class path copy runs, not the plugin.path one: " + loader);
                sleep(50);
            }
        }
    }

    /**
     * The task thread ({@code task-thread-<connector>-0}) runs with a plugin class loader over the jar as its
     * context loader. It briefly swaps to other loaders around converter and transformation calls, so sample.
     */
    private static void assertTaskThreadRunsIn(String connector, Path jar) {
        List<String> seen = new ArrayList<>();
        Waits.until("task thread of " + connector + " runs with the plugin loader of " + jar, () -> {
            Optional<Thread> thread = taskThread(connector);
            ClassLoader loader = thread.map(Thread::getContextClassLoader).orElse(null);
            seen.add(String.valueOf(loader));
            return loader instanceof URLClassLoader urls
                    && loader.getClass().getName().equals(PLUGIN_CLASS_LOADER)
                    && List.of(urls.getURLs()).stream().map(URL::getPath).anyMatch(p -> p.endsWith(jar.toString()));
        }, () -> seen.subList(Math.max(0, seen.size() - 3), seen.size()));
    }

    private static Optional<Thread> taskThread(String connector) {
        String name = "task-thread-" + connector + "-0";
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst();
    }

    private static List<JsonNode> entries(JsonNode plugins, String className) {
        List<JsonNode> found = new ArrayList<>();
        plugins.forEach(p -> {
            if (className.equals(p.path("class").asText())) {
                found.add(p);
            }
        });
        return found;
    }

    private static String pluginVersion(JsonNode plugins, String className) {
        List<JsonNode> found = entries(plugins, className);
        return found.isEmpty() ? null : found.get(0).path("version").asText();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
