package org.apache.kafka.connect.runtime.rest.entities;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.apache.kafka.connect.util.ConnectorTaskId;

import java.util.Map;

/** One task's raw stored config: element of {@code GET /connectors/{c}/tasks}. */
public record TaskInfo(@JsonProperty("id") ConnectorTaskId id,
                       @JsonProperty("config") Map<String, String> config) {
}
