package org.apache.kafka.connect.integration;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A standalone worker moves lines from a file through Kafka into another file with the FileStream connectors,
 * transformations and the JsonConverter, and resumes from its offsets file after a restart.
 */
class FileStreamPipelineTest {

    @TempDir
    Path dir;

    private EmbeddedConnectStandalone worker;

    @BeforeEach
    void startWorker() {
        worker = new EmbeddedConnectStandalone(dir).start();
    }

    @AfterEach
    void stopWorker() {
        if (worker != null) {
            worker.stop();
        }
    }

    @Test
    void linesTravelFromSourceFileThroughTopicToSinkFileWithTransformations() throws IOException {
        String topic = "pipeline-" + UUID.randomUUID();
        Path input = dir.resolve("input.txt");
        Path output = dir.resolve("output.txt");
        Files.writeString(input, "foo\nbar\n");
        ConnectRestClient rest = worker.rest();

        ConnectRestClient.Response created = rest.createConnector("file-source", sourceConfig(input, topic));
        assertEquals(201, created.status(), created.toString());
        assertEquals("source", created.json().path("type").asText(), created.toString());
        Waits.connectorState(rest, "file-source", "RUNNING", 1, "RUNNING");

        List<ConsumerRecord<byte[], byte[]>> records = TopicClient.readAll(topic, 2, Waits.TIMEOUT);
        assertEquals(List.of("{\"line\":\"foo\",\"data_source\":\"test-file-source\"}",
                "{\"line\":\"bar\",\"data_source\":\"test-file-source\"}"),
                records.stream().map(r -> new String(r.value())).toList());
        // FileStreamSource emits no key; JsonConverter writes a null key as no bytes at all.
        assertNull(records.get(0).key());

        Map<String, String> sink = new HashMap<>();
        sink.put("connector.class", "org.apache.kafka.connect.file.FileStreamSinkConnector");
        sink.put("tasks.max", "1");
        sink.put("topics", topic);
        sink.put("file", output.toString());
        sink.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        sink.put("value.converter.schemas.enable", "false");
        sink.put("transforms", "unwrap");
        sink.put("transforms.unwrap.type", "org.apache.kafka.connect.transforms.ExtractField$Value");
        sink.put("transforms.unwrap.field", "line");
        ConnectRestClient.Response sinkCreated = rest.createConnector("file-sink", sink);
        assertEquals(201, sinkCreated.status(), sinkCreated.toString());
        assertEquals("sink", sinkCreated.json().path("type").asText(), sinkCreated.toString());
        Waits.connectorState(rest, "file-sink", "RUNNING", 1, "RUNNING");
        Waits.fileLines(output, List.of("foo", "bar"));

        LineFiles.append(input, "baz");
        Waits.fileLines(output, List.of("foo", "bar", "baz"));
    }

    @Test
    void restartedWorkerResumesFromItsOffsetsFileWithoutDuplicates() throws IOException {
        String topic = "resume-" + UUID.randomUUID();
        Path input = dir.resolve("input.txt");
        Files.writeString(input, "a\nb\n");
        ConnectRestClient rest = worker.rest();
        ConnectRestClient.Response created = rest.createConnector("resuming-source", sourceConfig(input, topic));
        assertEquals(201, created.status(), created.toString());
        Waits.connectorState(rest, "resuming-source", "RUNNING", 1, "RUNNING");
        assertEquals(2, TopicClient.readAll(topic, 2, Waits.TIMEOUT).size());

        // The committed offset (a file position) must cover both lines before the worker goes away.
        long inputSize = Files.size(input);
        AtomicReference<ConnectRestClient.Response> offsets = new AtomicReference<>();
        Waits.until("the source offset reaches the end of the input file", () -> {
            offsets.set(rest.get("/connectors/resuming-source/offsets"));
            JsonNode entries = offsets.get().json().path("offsets");
            return offsets.get().status() == 200 && entries.size() == 1
                    && entries.get(0).path("offset").path("position").asLong() == inputSize;
        }, offsets::get);
        assertEquals(input.toString(), offsets.get().json().path("offsets").get(0).path("partition")
                .path("filename").asText(), offsets.get().toString());

        worker.stop();
        assertTrue(Files.size(worker.offsetsFile()) > 0, "the offsets file outlives the worker");
        LineFiles.append(input, "c", "d");
        worker.start();

        // The standalone config store is in memory: the connector is created again under the same name.
        ConnectRestClient restAfterRestart = worker.rest();
        ConnectRestClient.Response recreated = restAfterRestart.createConnector("resuming-source",
                sourceConfig(input, topic));
        assertEquals(201, recreated.status(), recreated.toString());
        Waits.connectorState(restAfterRestart, "resuming-source", "RUNNING", 1, "RUNNING");

        List<String> lines = TopicClient.readValues(topic, 4, Waits.TIMEOUT).stream()
                .map(value -> value.replaceAll(".*\"line\":\"([^\"]*)\".*", "$1"))
                .toList();
        assertEquals(List.of("a", "b", "c", "d"), lines);
    }

    static Map<String, String> sourceConfig(Path input, String topic) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector");
        config.put("tasks.max", "1");
        config.put("file", input.toString());
        config.put("topic", topic);
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("key.converter.schemas.enable", "false");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        config.put("transforms", "hoist,insert");
        config.put("transforms.hoist.type", "org.apache.kafka.connect.transforms.HoistField$Value");
        config.put("transforms.hoist.field", "line");
        config.put("transforms.insert.type", "org.apache.kafka.connect.transforms.InsertField$Value");
        config.put("transforms.insert.static.field", "data_source");
        config.put("transforms.insert.static.value", "test-file-source");
        return config;
    }
}
