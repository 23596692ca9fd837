package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffsets;
import org.apache.kafka.connect.runtime.rest.entities.Message;
import org.apache.kafka.connect.runtime.rest.errors.BadRequestException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerOffsetsTest {

    private static final String ALTERED = "The offsets for this connector have been altered successfully";
    private static final String RESET = "The offsets for this connector have been reset successfully";

    private WorkerFixture fixture;
    private Worker worker;
    private String connName;

    @BeforeEach
    void setUp() {
        fixture = new WorkerFixture();
        worker = fixture.worker;
        connName = "offsets-" + UUID.randomUUID();
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private Map<String, String> sourceProps() {
        Map<String, String> props = new HashMap<>();
        props.put("name", connName);
        props.put("connector.class", WorkerTestPlugins.TestSourceConnector.class.getName());
        return props;
    }

    private Map<String, String> sinkProps(String topic) {
        Map<String, String> props = new HashMap<>();
        props.put("name", connName);
        props.put("connector.class", WorkerTestPlugins.TestSinkConnector.class.getName());
        props.put("topics", topic);
        return props;
    }

    @Test
    void sourceOffsetsCanBeReadAlteredAndReset() throws Exception {
        Map<String, String> props = sourceProps();
        assertTrue(offsets(props).offsets().isEmpty());

        Map<Map<String, ?>, Map<String, ?>> requested = new HashMap<>();
        requested.put(Map.of("file", "a.txt"), Map.of("line", 10));
        requested.put(Map.of("file", "b.txt"), Map.of("line", 20));
        assertEquals(new Message(ALTERED), modify(props, requested));
        // The connector sees the offsets as they come back from the store: integral numbers as Long.
        assertTrue(WorkerTestPlugins.events(connName).get(0).contains("line=10"));

        Map<Object, Object> read = asMap(offsets(props));
        assertEquals(Map.of(Map.of("file", "a.txt"), Map.of("line", 10L),
                Map.of("file", "b.txt"), Map.of("line", 20L)), read);

        Map<Map<String, ?>, Map<String, ?>> removeOne = new HashMap<>();
        removeOne.put(Map.of("file", "a.txt"), null);
        modify(props, removeOne);
        assertEquals(Map.of(Map.of("file", "b.txt"), Map.of("line", 20L)), asMap(offsets(props)));

        assertEquals(new Message(RESET), modify(props, null));
        assertTrue(offsets(props).offsets().isEmpty());
        assertEquals("alterOffsets:{{file=b.txt}=null}", WorkerTestPlugins.events(connName).get(2));
    }

    @Test
    void sourceOffsetsWithNonPrimitiveValuesAreRejected() {
        Map<Map<String, ?>, Map<String, ?>> requested = new HashMap<>();
        requested.put(Map.of("file", "a.txt"), Map.of("line", List.of(1)));
        ExecutionException error = assertThrows(ExecutionException.class, () -> modify(sourceProps(), requested));
        assertInstanceOf(BadRequestException.class, error.getCause());
        assertEquals("Offsets may only contain primitive types as values, but field line contains ARRAY",
                error.getCause().getMessage());
        assertTrue(WorkerTestPlugins.events(connName).isEmpty());
    }

    @Test
    void connectorAnswersDecideTheMessage() throws Exception {
        Map<String, String> props = sourceProps();
        Map<Map<String, ?>, Map<String, ?>> requested = Map.of(Map.of("p", 1), Map.of("o", 2));
        props.put(WorkerTestPlugins.ALTER_MODE, "external");
        assertEquals(new Message("The Connect framework-managed offsets for this connector have been altered "
                + "successfully. However, if this connector manages offsets externally, they will need to be "
                + "manually altered in the system that the connector uses."), modify(props, requested));

        props.put(WorkerTestPlugins.ALTER_MODE, "unsupported");
        ExecutionException error = assertThrows(ExecutionException.class, () -> modify(props, null));
        assertInstanceOf(ConnectException.class, error.getCause());
        assertTrue(error.getCause().getMessage().endsWith(
                "because it doesn't support external modification of offsets"), error.getCause().getMessage());
        // Refused by the connector: nothing was written.
        assertEquals(1, offsets(props).offsets().size());
    }

    @Test
    void sinkOffsetsAreTheConsumerGroupOffsets() throws Exception {
        String topic = "offsets-topic-" + connName;
        fixture.broker.createTopic(topic, 2);
        Map<String, String> props = sinkProps(topic);
        assertTrue(offsets(props).offsets().isEmpty());

        Map<Map<String, ?>, Map<String, ?>> requested = new HashMap<>();
        requested.put(sinkPartition(topic, 0), Map.of("kafka_offset", 5));
        requested.put(sinkPartition(topic, "1"), Map.of("kafka_offset", "7"));
        assertEquals(new Message(ALTERED), modify(props, requested));
        String seenByConnector = WorkerTestPlugins.events(connName).get(0);
        assertTrue(seenByConnector.contains(new TopicPartition(topic, 0) + "=5"), seenByConnector);
        assertTrue(seenByConnector.contains(new TopicPartition(topic, 1) + "=7"), seenByConnector);

        List<ConnectorOffset> read = offsets(props).offsets();
        assertEquals(List.of(
                new ConnectorOffset(Map.of("kafka_topic", topic, "kafka_partition", 0), Map.of("kafka_offset", 5L)),
                new ConnectorOffset(Map.of("kafka_topic", topic, "kafka_partition", 1), Map.of("kafka_offset", 7L))),
                read);

        Map<Map<String, ?>, Map<String, ?>> removeOne = new HashMap<>();
        removeOne.put(sinkPartition(topic, 1), null);
        modify(props, removeOne);
        assertEquals(1, offsets(props).offsets().size());

        assertEquals(new Message(RESET), modify(props, null));
        assertTrue(offsets(props).offsets().isEmpty());
        // Resetting a group that no longer exists is fine.
        assertEquals(new Message(RESET), modify(props, null));
    }

    @Test
    void sinkOffsetsUseTheOverriddenGroup() throws Exception {
        String topic = "override-topic-" + connName;
        fixture.broker.createTopic(topic, 1);
        Map<String, String> props = sinkProps(topic);
        props.put("consumer.override.group.id", "custom-" + connName);
        modify(props, Map.of(sinkPartition(topic, 0), Map.of("kafka_offset", 3)));
        var groups = fixture.broker.admin().listConsumerGroupOffsets("custom-" + connName)
                .partitionsToOffsetAndMetadata().get();
        assertEquals(3L, groups.get(new TopicPartition(topic, 0)).offset());
    }

    @Test
    void malformedSinkOffsetsAreRejected() {
        Map<String, String> props = sinkProps("t");
        assertBadRequest(props, Map.of(Map.of("kafka_topic", "t"), Map.of("kafka_offset", 1)),
                "The partition for a sink connector offset must contain the keys 'kafka_topic' and 'kafka_partition'");
        assertBadRequest(props, Map.of(sinkPartition("t", "x"), Map.of("kafka_offset", 1)),
                "Failed to parse the following Kafka partition value in the provided offsets: 'x'. Partition values "
                        + "for sink connectors need to be integers.");
        assertBadRequest(props, Map.of(sinkPartition("t", 0), Map.of("offset", 1)),
                "The offset for a sink connector should either be null or contain the key 'kafka_offset'");
        assertBadRequest(props, Map.of(sinkPartition("t", 0), Map.of("kafka_offset", 1.5)),
                "Failed to parse the following Kafka offset value in the provided offsets: '1.5'. Offset values for "
                        + "sink connectors need to be integers.");
    }

    private void assertBadRequest(Map<String, String> props, Map<Map<String, ?>, Map<String, ?>> offsets,
                                  String message) {
        ExecutionException error = assertThrows(ExecutionException.class, () -> modify(props, offsets));
        assertInstanceOf(BadRequestException.class, error.getCause());
        assertEquals(message, error.getCause().getMessage());
    }

    private static Map<String, Object> sinkPartition(String topic, Object partition) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("kafka_topic", topic);
        map.put("kafka_partition", partition);
        return map;
    }

    private ConnectorOffsets offsets(Map<String, String> props) throws Exception {
        WorkerFixture.FutureCallback<ConnectorOffsets> callback = new WorkerFixture.FutureCallback<>();
        worker.connectorOffsets(connName, props, callback);
        return callback.get();
    }

    private Message modify(Map<String, String> props, Map<Map<String, ?>, Map<String, ?>> offsets)
            throws Exception {
        WorkerFixture.FutureCallback<Message> callback = new WorkerFixture.FutureCallback<>();
        worker.modifyConnectorOffsets(connName, props, offsets, callback);
        return callback.get();
    }

    private static Map<Object, Object> asMap(ConnectorOffsets offsets) {
        Map<Object, Object> map = new HashMap<>();
        offsets.offsets().forEach(offset -> map.put(offset.partition(), offset.offset()));
        return map;
    }
}
