package org.apache.kafka.connect.integration;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Secrets given to a connector through config providers, password-type keys and credentials in URLs never show up
 * in a REST answer or in the worker's log, while the connector and its tasks run with the resolved values.
 */
class ConfigProviderSecretsTest {

    private static final String CONNECTOR = "secret-source";
    private static final String FILE_PASSWORD = "Pa55-from-FILE-9f3a";
    private static final String URL_PASSWORD = "url-S3CRET-77c1";
    private static final String DIR_TOKEN = "t0ken-from-DIR-42de";
    private static final String BAD_URL_SECRET = "bad-URL-s3cret-0b9e";
    private static final String LITERAL_PASSWORD = "literal-PASSWORD-5d21";

    /** Loggers made verbose for the test, with their levels before. */
    private static final List<String> VERBOSE_LOGGERS = List.of("org.apache.kafka.connect",
            "org.apache.kafka.common.config", "org.apache.kafka.clients");

    @TempDir
    Path dir;

    private EmbeddedConnectStandalone worker;
    private ConnectRestClient rest;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Map<String, Level> previousLevels = new HashMap<>();
    private Path secretsFile;
    private Path secretsDir;

    @BeforeEach
    void startWorker() throws IOException {
        captureLogs();
        secretsFile = dir.resolve("secrets.properties");
        Files.writeString(secretsFile, "db.password=" + FILE_PASSWORD + "\nurl.password=" + URL_PASSWORD
                + "\nbad.url=ftp://app:" + BAD_URL_SECRET + "@db.example.com\n");
        secretsDir = Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(secretsDir.resolve("api-token"), DIR_TOKEN);
        worker = new EmbeddedConnectStandalone(dir.resolve("worker"))
                .withWorkerProperty("config.providers", "file,dir,ttl")
                .withWorkerProperty("config.providers.file.class", "FileConfigProvider")
                .withWorkerProperty("config.providers.dir.class",
                        "org.apache.kafka.common.config.provider.DirectoryConfigProvider")
                .withWorkerProperty("config.providers.ttl.class", TtlConfigProvider.class.getName())
                .withWorkerProperty("config.providers.ttl.param.ttl.ms", "1000")
                .start();
        rest = worker.rest();
    }

    private void captureLogs() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        for (String name : VERBOSE_LOGGERS) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            previousLevels.put(name, logger.getLevel());
            logger.setLevel(name.equals("org.apache.kafka.connect") ? Level.DEBUG : Level.INFO);
        }
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void stopWorker() {
        try {
            if (worker != null) {
                worker.stop();
            }
        } finally {
            Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            root.detachAppender(logs);
            logs.stop();
            previousLevels.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
        }
    }

    private Map<String, String> connectorConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", SecretRecordingSourceConnector.class.getName());
        config.put("tasks.max", "2");
        config.put("db.password", "${file:" + secretsFile + ":db.password}");
        config.put("db.url", "jdbc:foo://app:${file:" + secretsFile + ":url.password}@db.example.com/orders");
        config.put("api.token", "${dir:" + secretsDir + ":api-token}");
        return config;
    }

    @Test
    void secretsReachTheTasksButNoRestAnswerAndNoLogLine() {
        Map<String, String> config = connectorConfig();
        config.put("config.action.reload", "none");
        List<ConnectRestClient.Response> answers = new ArrayList<>();

        ConnectRestClient.Response created = rest.createConnector(CONNECTOR, config);
        assertEquals(201, created.status(), created.toString());
        answers.add(created);
        Waits.connectorState(rest, CONNECTOR, "RUNNING", 2, "RUNNING");

        Map<String, String> taskConfig = SecretRecordingSourceConnector.starts(
                SecretRecordingSourceConnector.TASK_STARTS, CONNECTOR).get(0);
        assertEquals(FILE_PASSWORD, taskConfig.get("db.password"));
        assertEquals("jdbc:foo://app:" + URL_PASSWORD + "@db.example.com/orders", taskConfig.get("db.url"));
        assertEquals(DIR_TOKEN, taskConfig.get("api.token"));
        assertEquals(FILE_PASSWORD, SecretRecordingSourceConnector.starts(
                SecretRecordingSourceConnector.CONNECTOR_STARTS, CONNECTOR).get(0).get("db.password"));

        String base = "/connectors/" + CONNECTOR;
        String plugin = "/connector-plugins/" + SecretRecordingSourceConnector.class.getName();
        for (String path : List.of("/connectors", "/connectors?expand=info", "/connectors?expand=status",
                "/connectors?expand=info&expand=status", base, base + "/config", base + "/status", base + "/tasks",
                base + "/tasks/0/status", base + "/topics", base + "/offsets", plugin + "/config")) {
            answers.add(expectOk(rest.get(path)));
        }

        // Stored task configs carry the placeholders again, as submitted.
        JsonNode tasks = rest.get(base + "/tasks").json();
        assertEquals(config.get("db.password"), tasks.get(0).path("config").path("db.password").asText());
        assertEquals(config.get("db.url"), tasks.get(1).path("config").path("db.url").asText());
        assertEquals(config.get("api.token"), tasks.get(0).path("config").path("api.token").asText());
        assertEquals(config, jsonMap(rest.get(base + "/config").json(), config.keySet()));

        Map<String, String> named = new LinkedHashMap<>(config);
        named.put("name", CONNECTOR);
        ConnectRestClient.Response valid = rest.put(plugin + "/config/validate", named);
        answers.add(expectOk(valid));
        assertEquals(0, valid.json().path("error_count").asInt(), valid.toString());

        Map<String, String> invalid = new LinkedHashMap<>(named);
        invalid.put("db.url", "${file:" + secretsFile + ":bad.url}");
        invalid.put("legacy.password", LITERAL_PASSWORD);
        ConnectRestClient.Response rejected = rest.put(plugin + "/config/validate", invalid);
        answers.add(expectOk(rejected));
        assertEquals(1, rejected.json().path("error_count").asInt(), rejected.toString());
        assertTrue(rejected.rawBody().contains("the value resolved from the config provider reference failed "
                + "validation"), rejected.toString());
        ConnectRestClient.Response refused = rest.put(base + "/config", invalid);
        assertEquals(400, refused.status(), refused.toString());
        answers.add(refused);

        answers.add(rest.post(base + "/restart?includeTasks=true", null));
        answers.add(rest.put(base + "/pause", null));
        answers.add(rest.put(base + "/resume", null));
        Waits.connectorState(rest, CONNECTOR, "RUNNING", 2, "RUNNING");
        answers.add(expectOk(rest.get(base + "/status")));

        for (ConnectRestClient.Response answer : answers) {
            assertNoSecret("REST answer " + answer, answer.rawBody());
            assertFalse(answer.rawBody().contains(LITERAL_PASSWORD), "literal password in " + answer);
        }
        worker.stop();
        assertFalse(logs.list.isEmpty(), "the log capture works");
        for (ILoggingEvent event : logs.list) {
            String text = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()))
                    + event.getMDCPropertyMap();
            assertNoSecret("log line of " + event.getLoggerName() + ": " + text, text);
            assertFalse(text.contains(LITERAL_PASSWORD), "literal password in log line " + text);
        }
    }

    @Test
    void connectorsRestartWhenTheirProviderValuesExpireUnlessReloadIsNone() {
        Map<String, String> reloading = new LinkedHashMap<>(connectorConfig());
        reloading.put("api.token", "${ttl:/rotating:token}");
        assertEquals(201, rest.createConnector("reloading", reloading).status());
        Map<String, String> fixed = new LinkedHashMap<>(reloading);
        fixed.put("config.action.reload", "none");
        assertEquals(201, rest.createConnector("fixed", fixed).status());
        Waits.connectorState(rest, "reloading", "RUNNING", 2, "RUNNING");
        Waits.connectorState(rest, "fixed", "RUNNING", 2, "RUNNING");

        Waits.until("connector 'reloading' was restarted after its token's TTL", () ->
                SecretRecordingSourceConnector.starts(SecretRecordingSourceConnector.CONNECTOR_STARTS, "reloading")
                        .size() >= 3, () -> SecretRecordingSourceConnector.CONNECTOR_STARTS.keySet());
        assertEquals("value-token", SecretRecordingSourceConnector.starts(
                SecretRecordingSourceConnector.CONNECTOR_STARTS, "reloading").get(2).get("api.token"));
        assertEquals(1, SecretRecordingSourceConnector.starts(
                SecretRecordingSourceConnector.CONNECTOR_STARTS, "fixed").size(), "config.action.reload=none");
    }

    private static ConnectRestClient.Response expectOk(ConnectRestClient.Response response) {
        assertEquals(200, response.status(), response.toString());
        return response;
    }

    private static Map<String, String> jsonMap(JsonNode json, Iterable<String> keys) {
        Map<String, String> map = new LinkedHashMap<>();
        keys.forEach(key -> map.put(key, json.path(key).asText()));
        return map;
    }

    private static void assertNoSecret(String where, String text) {
        for (String secret : List.of(FILE_PASSWORD, URL_PASSWORD, DIR_TOKEN, BAD_URL_SECRET)) {
            assertFalse(text.contains(secret), "secret " + secret + " in " + where);
        }
    }
}
