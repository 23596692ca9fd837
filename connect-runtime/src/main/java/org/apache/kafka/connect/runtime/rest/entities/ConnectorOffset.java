package org.apache.kafka.connect.runtime.rest.entities;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/** One partition and its offset; for sinks {@code {kafka_topic, kafka_partition}} → {@code {kafka_offset}}. */
public record ConnectorOffset(@JsonProperty("partition") Map<String, Object> partition,
                              @JsonProperty("offset") Map<String, Object> offset) {
}
