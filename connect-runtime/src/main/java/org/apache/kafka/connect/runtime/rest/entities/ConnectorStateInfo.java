package org.apache.kafka.connect.runtime.rest.entities;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * Status of a connector and its tasks ({@code GET /connectors/{c}/status}). {@code trace} is omitted when empty;
 * {@code version} is omitted when it is the literal {@code undefined} and written as {@code null} when unknown.
 */
public record ConnectorStateInfo(@JsonProperty("name") String name,
                                 @JsonProperty("connector") ConnectorState connector,
                                 @JsonProperty("tasks") List<TaskState> tasks,
                                 @JsonProperty("type") ConnectorType type) {

    /** State of the connector instance itself. */
    @JsonPropertyOrder({"state", "worker_id", "version", "trace"})
    public record ConnectorState(@JsonProperty("state") String state,
                                 @JsonProperty("worker_id") String workerId,
                                 @JsonProperty("trace") @JsonInclude(JsonInclude.Include.NON_EMPTY) String trace,
                                 @JsonProperty("version")
                                 @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = UndefinedVersion.class)
                                 String version) {
    }

    /** State of one task; tasks are listed by ascending id. */
    @JsonPropertyOrder({"id", "state", "worker_id", "version", "trace"})
    public record TaskState(@JsonProperty("id") int id,
                            @JsonProperty("state") String state,
                            @JsonProperty("worker_id") String workerId,
                            @JsonProperty("trace") @JsonInclude(JsonInclude.Include.NON_EMPTY) String trace,
                            @JsonProperty("version")
                            @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = UndefinedVersion.class)
                            String version) {
    }
}
