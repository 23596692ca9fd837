package org.apache.kafka.connect.runtime.rest.entities;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** Result of validating a connector config ({@code PUT /connector-plugins/{type}/config/validate}). */
public record ConfigInfos(@JsonProperty("name") String name,
                          @JsonProperty("error_count") int errorCount,
                          @JsonProperty("groups") List<String> groups,
                          @JsonProperty("configs") List<ConfigInfo> configs) {
}
