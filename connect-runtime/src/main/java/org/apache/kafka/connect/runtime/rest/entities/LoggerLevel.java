package org.apache.kafka.connect.runtime.rest.entities;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The level of one logger as {@code /admin/loggers} reports it: the effective level and when this worker last
 * changed it through the API (epoch ms), {@code null} if it never did.
 */
public record LoggerLevel(@JsonProperty("level") String level,
                          @JsonProperty("last_modified") @JsonInclude(JsonInclude.Include.ALWAYS) Long lastModified) {
}
