package org.apache.kafka.connect.runtime.rest.entities;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.apache.kafka.connect.util.ConnectorTaskId;

import java.util.List;
import java.util.Map;

/** A connector's raw (unresolved) stored config and its current task ids: {@code GET /connectors/{c}}. */
public record ConnectorInfo(@JsonProperty("name") String name,
                            @JsonProperty("config") Map<String, String> config,
                            @JsonProperty("tasks") List<ConnectorTaskId> tasks,
                            @JsonProperty("type") ConnectorType type) {
}
