package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.isolation.LoaderSwap;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerConfigTransformerTest {

    private static Plugins plugins;

    @TempDir
    Path dir;

    @BeforeAll
    static void discoverPlugins() {
        plugins = new Plugins(Map.of("plugin.discovery", "service_load"));
    }

    private static WorkerConfig workerConfig(Map<String, String> extra) {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", "localhost:9092");
        props.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("offset.storage.file.filename", "/tmp/offsets");
        props.putAll(extra);
        try (LoaderSwap swap = plugins.withClassLoader(plugins.delegatingLoader())) {
            return new StandaloneConfig(props);
        }
    }

    private Path secretsFile() throws IOException {
        Path file = dir.resolve("secrets.properties");
        Files.writeString(file, "db.password=s3cr3t\nuser=alice\n");
        return file;
    }

    @Test
    void providersAreCreatedByAliasOrClassNameAndResolveVariables() throws IOException {
        Path file = secretsFile();
        Files.writeString(dir.resolve("token"), "t0ken");
        WorkerConfig config = workerConfig(Map.of(
                "config.providers", "file,dir,env",
                "config.providers.file.class", "FileConfigProvider",
                "config.providers.dir.class", "org.apache.kafka.common.config.provider.DirectoryConfigProvider",
                "config.providers.env.class", "EnvVarConfigProvider"));
        try (WorkerConfigTransformer transformer = WorkerConfigTransformer.create(config, plugins, null)) {
            assertEquals(Set.of("file", "dir", "env"), transformer.providerNames());
            Map<String, String> raw = new HashMap<>();
            raw.put("password", "${file:" + file + ":db.password}");
            raw.put("url", "jdbc:foo://${file:" + file + ":user}:${file:" + file + ":db.password}@host");
            raw.put("token", "${dir:" + dir + ":token}");
            raw.put("path", "${env:PATH}");
            raw.put("unknown", "${vault:secret/db:password}");
            raw.put("missing", "${file:" + file + ":nope}");
            raw.put("plain", "value");
            raw.put("nothing", null);

            Map<String, String> resolved = transformer.transform(raw);

            assertEquals("s3cr3t", resolved.get("password"));
            assertEquals("jdbc:foo://alice:s3cr3t@host", resolved.get("url"));
            assertEquals("t0ken", resolved.get("token"));
            assertEquals(System.getenv("PATH"), resolved.get("path"));
            assertEquals("${vault:secret/db:password}", resolved.get("unknown"), "unknown providers are left");
            assertEquals("${file:" + file + ":nope}", resolved.get("missing"), "missing keys are left");
            assertEquals("value", resolved.get("plain"));
            assertTrue(resolved.containsKey("nothing"));
            assertNull(resolved.get("nothing"));
            assertEquals("${file:" + file + ":db.password}", raw.get("password"), "the input is not changed");
        }
    }

    @Test
    void providersGetTheirParamsAndAreClosed() {
        WorkerConfig config = workerConfig(Map.of(
                "config.providers", "rec",
                "config.providers.rec.class", RecordingProvider.class.getName(),
                "config.providers.rec.param.answer", "42"));
        // Parsing the worker config made (and closed) instances of its own; those are not the worker's.
        RecordingProvider.INSTANCES.clear();
        WorkerConfigTransformer transformer = WorkerConfigTransformer.create(config, plugins, null);
        assertEquals(1, RecordingProvider.INSTANCES.size());
        RecordingProvider provider = RecordingProvider.INSTANCES.get(0);
        assertEquals(Map.of("answer", "42"), provider.configured);
        assertEquals("42", transformer.transform(Map.of("k", "${rec:any:answer}")).get("k"));
        assertEquals(0, provider.closed.get());
        transformer.close();
        assertEquals(1, provider.closed.get());
    }

    @Test
    void aProviderWithoutClassIsRejected() {
        WorkerConfig config = workerConfig(Map.of("config.providers", "file"));
        ConnectException e = assertThrows(ConnectException.class,
                () -> WorkerConfigTransformer.create(config, plugins, null));
        assertTrue(e.getMessage().contains("config.providers.file.class"), e.getMessage());
    }

    @Test
    void ttlsOfConnectorConfigsAreReportedUnlessReloadIsNone() {
        List<String> reloads = new ArrayList<>();
        WorkerConfigTransformer transformer = new WorkerConfigTransformer(Map.of("ttl", new TtlProvider()),
                (conn, path, ttl) -> reloads.add(conn + " " + path + " " + ttl));

        Map<String, String> resolved = transformer.transform("c1", Map.of("secret", "${ttl:/vault/db:password}"));
        assertEquals("pw", resolved.get("secret"));
        assertEquals(List.of("c1 /vault/db 5000"), reloads);

        transformer.transform("c2", Map.of("secret", "${ttl:/vault/db:password}", "config.action.reload", "none"));
        transformer.transform(Map.of("secret", "${ttl:/vault/db:password}"));
        assertEquals(List.of("c1 /vault/db 5000"), reloads, "no reload for 'none' or for plain transforms");
    }

    @Test
    void reverseTransformPutsTheConnectorsVariablesBack() {
        Map<String, String> rawConnector = Map.of(
                "password", "${file:/s:pw}",
                "url", "jdbc:foo://u:${file:/s:pw}@h",
                "topics", "t");
        List<Map<String, String>> tasks = List.of(
                Map.of("password", "s3cr3t", "url", "jdbc:foo://u:s3cr3t@h", "task.class", "T"),
                Map.of("topics", "t", "other", "s3cr3t"));

        List<Map<String, String>> stored = WorkerConfigTransformer.reverseTransform(rawConnector, tasks);

        assertEquals(Map.of("password", "${file:/s:pw}", "url", "jdbc:foo://u:${file:/s:pw}@h", "task.class", "T"),
                stored.get(0));
        // Only keys the connector config has are restored: a task key of the connector's own making is kept.
        assertEquals(Map.of("topics", "t", "other", "s3cr3t"), stored.get(1));
    }

    /** Records how it was configured and closed. */
    public static class RecordingProvider implements ConfigProvider {
        static final List<RecordingProvider> INSTANCES = new java.util.concurrent.CopyOnWriteArrayList<>();
        Map<String, ?> configured;
        final AtomicInteger closed = new AtomicInteger();

        public RecordingProvider() {
            INSTANCES.add(this);
        }

        @Override
        public void configure(Map<String, ?> configs) {
            configured = Map.copyOf(configs);
        }

        @Override
        public ConfigData get(String path) {
            return new ConfigData(Map.of("answer", String.valueOf(configured.get("answer"))));
        }

        @Override
        public ConfigData get(String path, Set<String> keys) {
            return get(path);
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    /** Gives every value a five-second time to live. */
    static class TtlProvider implements ConfigProvider {
        @Override
        public void configure(Map<String, ?> configs) {
        }

        @Override
        public ConfigData get(String path) {
            return new ConfigData(Map.of("password", "pw"), 5000L);
        }

        @Override
        public ConfigData get(String path, Set<String> keys) {
            return get(path);
        }

        @Override
        public void close() {
        }
    }
}
