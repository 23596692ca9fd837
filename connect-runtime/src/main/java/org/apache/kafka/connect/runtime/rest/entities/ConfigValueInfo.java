package org.apache.kafka.connect.runtime.rest.entities;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** The validated value of one key: stringified value, recommended values, error messages, visibility. */
public record ConfigValueInfo(@JsonProperty("name") String name,
                              @JsonProperty("value") String value,
                              @JsonProperty("recommended_values") List<String> recommendedValues,
                              @JsonProperty("errors") List<String> errors,
                              @JsonProperty("visible") boolean visible) {
}
