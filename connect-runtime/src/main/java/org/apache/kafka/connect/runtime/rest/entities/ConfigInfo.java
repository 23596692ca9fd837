package org.apache.kafka.connect.runtime.rest.entities;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One validated key: its definition (may be {@code null} for keys no definition covers) and its value. */
public record ConfigInfo(@JsonProperty("definition") ConfigKeyInfo definition,
                         @JsonProperty("value") ConfigValueInfo value) {
}
