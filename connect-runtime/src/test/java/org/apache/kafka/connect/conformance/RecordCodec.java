package org.apache.kafka.connect.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;

import java.util.Map;

import static org.apache.kafka.connect.conformance.VectorCodec.decodeSchema;
import static org.apache.kafka.connect.conformance.VectorCodec.decodeValue;
import static org.apache.kafka.connect.conformance.VectorCodec.encodeSchema;
import static org.apache.kafka.connect.conformance.VectorCodec.encodeValue;
import static org.apache.kafka.connect.conformance.VectorCodec.integer;

/**
 * Translates between the record encoding of shared/vectors/FORMAT.md and {@link SinkRecord} /
 * {@link SourceRecord}, headers included; keys, values and schemas go through {@link VectorCodec}.
 */
final class RecordCodec {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private RecordCodec() {
    }

    static ConnectRecord<?> decodeRecord(JsonNode node) {
        String type = node.get("type").textValue();
        String topic = node.get("topic").textValue();
        Schema keySchema = decodeSchema(node.get("keySchema"));
        Object key = decodeValue(node.get("key"));
        Schema valueSchema = decodeSchema(node.get("valueSchema"));
        Object value = decodeValue(node.get("value"));
        Long timestamp = nullableLong(node.get("timestamp"));
        ConnectHeaders headers = decodeHeaders(node.get("headers"));
        switch (type) {
            case "sink":
                return new SinkRecord(topic, integer(node.get("partition")).intValueExact(), keySchema, key,
                        valueSchema, value, integer(node.get("offset")).longValueExact(), timestamp,
                        TimestampType.forName(node.get("timestampType").textValue()), headers);
            case "source":
                Long partition = nullableLong(node.get("partition"));
                return new SourceRecord(stringKeyedMap(node.get("sourcePartition")),
                        stringKeyedMap(node.get("sourceOffset")), topic,
                        partition == null ? null : Math.toIntExact(partition),
                        keySchema, key, valueSchema, value, timestamp, headers);
            default:
                throw new IllegalArgumentException("Unknown record type '" + type + "'");
        }
    }

    static JsonNode encodeRecord(ConnectRecord<?> record) {
        if (record == null) {
            return JSON.nullNode();
        }
        ObjectNode node = JSON.objectNode();
        if (record instanceof SinkRecord) {
            SinkRecord sink = (SinkRecord) record;
            node.put("type", "sink");
            node.put("topic", sink.topic());
            node.set("partition", nullableNumber(sink.kafkaPartition()));
            node.put("offset", sink.kafkaOffset());
            // Kafka's own name ("CreateTime"), not the enum constant's.
            node.put("timestampType", sink.timestampType().name);
        } else if (record instanceof SourceRecord) {
            SourceRecord source = (SourceRecord) record;
            node.put("type", "source");
            node.put("topic", source.topic());
            node.set("partition", nullableNumber(source.kafkaPartition()));
            node.set("sourcePartition", encodeValue(source.sourcePartition()));
            node.set("sourceOffset", encodeValue(source.sourceOffset()));
        } else {
            throw new IllegalArgumentException("No vector encoding for records of " + record.getClass());
        }
        node.set("timestamp", nullableNumber(record.timestamp()));
        node.set("keySchema", encodeSchema(record.keySchema()));
        node.set("key", encodeValue(record.key()));
        node.set("valueSchema", encodeSchema(record.valueSchema()));
        node.set("value", encodeValue(record.value()));
        ArrayNode headers = node.putArray("headers");
        for (Header header : record.headers()) {
            ObjectNode entry = headers.addObject().put("key", header.key());
            entry.set("schema", encodeSchema(header.schema()));
            entry.set("value", encodeValue(header.value()));
        }
        return node;
    }

    private static ConnectHeaders decodeHeaders(JsonNode node) {
        ConnectHeaders headers = new ConnectHeaders();
        if (node != null) {
            for (JsonNode header : node) {
                headers.add(header.get("key").textValue(),
                        new SchemaAndValue(decodeSchema(header.get("schema")), decodeValue(header.get("value"))));
            }
        }
        return headers;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> stringKeyedMap(JsonNode node) {
        return (Map<String, ?>) decodeValue(node);
    }

    private static Long nullableLong(JsonNode node) {
        return node == null || node.isNull() ? null : integer(node).longValueExact();
    }

    private static JsonNode nullableNumber(Number number) {
        return number == null ? JSON.nullNode() : JSON.numberNode(number.longValue());
    }
}
