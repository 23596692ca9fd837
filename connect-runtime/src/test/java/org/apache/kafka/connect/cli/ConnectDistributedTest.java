package org.apache.kafka.connect.cli;

import org.apache.kafka.common.utils.internals.Exit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The {@code connect-distributed} command line up to the point where it needs Kafka: usage and start-up failures
 * end the process with the exit codes of runtime-behaviour §1.1, and the shared admin client's settings.
 */
class ConnectDistributedTest {

    private final List<Integer> exitCodes = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeEach
    void recordExits() {
        Exit.setExitProcedure((code, message) -> exitCodes.add(code));
    }

    @AfterEach
    void forbidExits() {
        // Other tests share this JVM (the Surefire fork): an exit must never end it.
        Exit.setExitProcedure((code, message) -> {
            throw new IllegalStateException("Unexpected exit with status " + code + ": " + message);
        });
    }

    private static Map<String, String> workerProps() {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", "localhost:9");
        props.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("plugin.discovery", "service_load");
        props.put("group.id", "connect-cluster");
        props.put("config.storage.topic", "connect-configs");
        props.put("offset.storage.topic", "connect-offsets");
        props.put("status.storage.topic", "connect-status");
        return props;
    }

    private Path propertiesFile(Map<String, String> props) throws IOException {
        StringBuilder text = new StringBuilder();
        props.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        return Files.writeString(dir.resolve("worker.properties"), text);
    }

    @Test
    void usageExitsWith1() {
        new ConnectDistributed().run();
        new ConnectDistributed("--help").run();
        new ConnectDistributed("worker.properties", "--help").run();
        assertEquals(List.of(1, 1, 1), exitCodes);
    }

    @Test
    void invalidWorkerConfigExitsWith2() throws IOException {
        Map<String, String> props = workerProps();
        props.remove("group.id");
        new ConnectDistributed(propertiesFile(props).toString()).run();
        assertEquals(List.of(2), exitCodes);
    }

    @Test
    void missingWorkerFileExitsWith2() {
        new ConnectDistributed(dir.resolve("absent.properties").toString()).run();
        assertEquals(List.of(2), exitCodes);
    }
}
