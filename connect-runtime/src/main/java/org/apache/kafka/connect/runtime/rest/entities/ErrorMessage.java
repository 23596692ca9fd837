package org.apache.kafka.connect.runtime.rest.entities;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The error body of every failed Connect REST request: {@code {"error_code": 404, "message": "..."}}. */
public record ErrorMessage(@JsonProperty("error_code") int errorCode,
                           @JsonProperty("message") String message) {
}
