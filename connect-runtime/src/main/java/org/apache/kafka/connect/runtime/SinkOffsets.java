package org.apache.kafka.connect.runtime;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffsets;
import org.apache.kafka.connect.runtime.rest.errors.BadRequestException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The REST form of sink connector offsets: partition {@code {"kafka_topic": t, "kafka_partition": p}} with offset
 * {@code {"kafka_offset": o}}, converted to and from consumer-group offsets.
 */
final class SinkOffsets {

    static final String KAFKA_TOPIC_KEY = "kafka_topic";
    static final String KAFKA_PARTITION_KEY = "kafka_partition";
    static final String KAFKA_OFFSET_KEY = "kafka_offset";

    /** Orders sink offsets by topic, then partition, so responses are stable. */
    private static final Comparator<TopicPartition> PARTITION_ORDER =
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    private SinkOffsets() {
    }

    /** Committed consumer-group offsets in REST form, ordered by topic and partition. */
    static ConnectorOffsets toConnectorOffsets(Map<TopicPartition, OffsetAndMetadata> committed) {
        Map<TopicPartition, OffsetAndMetadata> ordered = new TreeMap<>(PARTITION_ORDER);
        ordered.putAll(committed);
        List<ConnectorOffset> offsets = new ArrayList<>();
        ordered.forEach((partition, offset) -> {
            Map<String, Object> partitionMap = new LinkedHashMap<>();
            partitionMap.put(KAFKA_TOPIC_KEY, partition.topic());
            partitionMap.put(KAFKA_PARTITION_KEY, partition.partition());
            Map<String, Object> offsetMap = new LinkedHashMap<>();
            offsetMap.put(KAFKA_OFFSET_KEY, offset.offset());
            offsets.add(new ConnectorOffset(partitionMap, offsetMap));
        });
        return new ConnectorOffsets(offsets);
    }

    /**
     * Parses requested sink offsets. Topic, partition and offset may be given as strings or numbers.
     *
     * @return the offset of each partition; {@code null} to reset that partition
     * @throws BadRequestException if a partition or offset is malformed
     */
    static Map<TopicPartition, Long> parse(Map<Map<String, ?>, Map<String, ?>> offsets) {
        Map<TopicPartition, Long> parsed = new HashMap<>();
        offsets.forEach((partition, offset) -> parsed.put(parsePartition(partition), parseOffset(offset)));
        return parsed;
    }

    private static TopicPartition parsePartition(Map<String, ?> partition) {
        if (partition == null) {
            throw new BadRequestException("The partition for a sink connector offset cannot be null or missing");
        }
        if (!partition.containsKey(KAFKA_TOPIC_KEY) || !partition.containsKey(KAFKA_PARTITION_KEY)) {
            throw new BadRequestException("The partition for a sink connector offset must contain the keys '"
                    + KAFKA_TOPIC_KEY + "' and '" + KAFKA_PARTITION_KEY + "'");
        }
        Object topic = partition.get(KAFKA_TOPIC_KEY);
        if (topic == null) {
            throw new BadRequestException("Kafka topic names must be valid strings and may not be null");
        }
        Object partitionNumber = partition.get(KAFKA_PARTITION_KEY);
        if (partitionNumber == null) {
            throw new BadRequestException("Kafka partitions must be valid numbers and may not be null");
        }
        try {
            return new TopicPartition(topic.toString(), Integer.parseInt(partitionNumber.toString()));
        } catch (NumberFormatException e) {
            throw new BadRequestException("Failed to parse the following Kafka partition value in the provided "
                    + "offsets: '" + partitionNumber + "'. Partition values for sink connectors need to be integers.");
        }
    }

    private static Long parseOffset(Map<String, ?> offset) {
        if (offset == null) {
            return null;
        }
        if (!offset.containsKey(KAFKA_OFFSET_KEY)) {
            throw new BadRequestException("The offset for a sink connector should either be null or contain the key '"
                    + KAFKA_OFFSET_KEY + "'");
        }
        Object value = offset.get(KAFKA_OFFSET_KEY);
        try {
            return Long.parseLong(String.valueOf(value));
        } catch (NumberFormatException e) {
            throw new BadRequestException("Failed to parse the following Kafka offset value in the provided offsets: '"
                    + value + "'. Offset values for sink connectors need to be integers.");
        }
    }
}
