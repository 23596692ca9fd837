package org.apache.kafka.connect.integration;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A record the sink's value converter cannot read goes to the dead letter queue with the error context headers
 * when errors are tolerated, and fails the task when they are not.
 */
class SinkDeadLetterQueueTest {

    private static final String POISON = "this is { not JSON";

    @TempDir
    Path dir;

    private EmbeddedConnectStandalone worker;
    private ConnectRestClient rest;

    @BeforeEach
    void startWorker() {
        worker = new EmbeddedConnectStandalone(dir).start();
        rest = worker.rest();
    }

    @AfterEach
    void stopWorker() {
        if (worker != null) {
            worker.stop();
        }
    }

    @Test
    void toleratedPoisonRecordLandsInTheDeadLetterQueueWithContextHeaders() {
        String topic = "dlq-input-" + UUID.randomUUID();
        String dlq = "dlq-" + UUID.randomUUID();
        Path output = dir.resolve("sink.txt");
        TopicClient.produce(topic, "{\"n\":1}", POISON, "{\"n\":2}");

        Map<String, String> config = sinkConfig(topic, output);
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", dlq);
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        ConnectRestClient.Response created = rest.createConnector("dlq-sink", config);
        assertEquals(201, created.status(), created.toString());
        Waits.connectorState(rest, "dlq-sink", "RUNNING", 1, "RUNNING");

        // FileStreamSink writes each value's toString(): schemaless JSON objects arrive as maps.
        Waits.fileLines(output, List.of("{n=1}", "{n=2}"));

        List<ConsumerRecord<byte[], byte[]>> dead = TopicClient.readAll(dlq, 1, Waits.TIMEOUT);
        assertEquals(1, dead.size(), "exactly the poison record is dead-lettered");
        ConsumerRecord<byte[], byte[]> record = dead.get(0);
        assertEquals(POISON, new String(record.value(), StandardCharsets.UTF_8), "the original bytes are kept");

        DataException expected = assertThrows(DataException.class, () -> schemalessJson()
                .toConnectData(topic, POISON.getBytes(StandardCharsets.UTF_8)));
        assertEquals(topic, header(record, "__connect.errors.topic"));
        assertEquals("0", header(record, "__connect.errors.partition"));
        assertEquals("1", header(record, "__connect.errors.offset"));
        assertEquals("dlq-sink", header(record, "__connect.errors.connector.name"));
        assertEquals("0", header(record, "__connect.errors.task.id"));
        assertEquals("VALUE_CONVERTER", header(record, "__connect.errors.stage"));
        assertEquals(JsonConverter.class.getName(), header(record, "__connect.errors.class.name"));
        assertEquals(DataException.class.getName(), header(record, "__connect.errors.exception.class.name"));
        assertEquals(expected.getMessage(), header(record, "__connect.errors.exception.message"));
        String stackTrace = header(record, "__connect.errors.exception.stacktrace");
        assertTrue(stackTrace.startsWith(DataException.class.getName() + ": " + expected.getMessage()), stackTrace);
        assertTrue(stackTrace.contains("\tat "), "a full printed stack trace: " + stackTrace);
    }

    @Test
    void poisonRecordFailsTheTaskWhenErrorsAreNotTolerated() {
        String topic = "no-tolerance-" + UUID.randomUUID();
        Path output = dir.resolve("sink.txt");
        TopicClient.produce(topic, "{\"n\":1}", POISON, "{\"n\":2}");

        ConnectRestClient.Response created = rest.createConnector("strict-sink", sinkConfig(topic, output));
        assertEquals(201, created.status(), created.toString());

        JsonNode status = Waits.connectorState(rest, "strict-sink", "RUNNING", 1, "FAILED");
        String trace = status.path("tasks").get(0).path("trace").asText();
        assertTrue(trace.contains("Tolerance exceeded in error handler"), trace);
        assertTrue(trace.contains(DataException.class.getName()), "the cause is in the trace: " + trace);
        assertFalse(LineFiles.read(output).contains("{n=2}"), "nothing after the poison record is delivered");
    }

    private static Map<String, String> sinkConfig(String topic, Path output) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "org.apache.kafka.connect.file.FileStreamSinkConnector");
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put("file", output.toString());
        config.put("value.converter", JsonConverter.class.getName());
        config.put("value.converter.schemas.enable", "false");
        return config;
    }

    private static JsonConverter schemalessJson() {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "false"), false);
        return converter;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        assertNotNull(header, "header " + key + " is missing; headers: " + record.headers());
        return header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
