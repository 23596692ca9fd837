package org.apache.kafka.connect.runtime.rest.entities;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A plain {@code {"message": "..."}} answer. */
public record Message(@JsonProperty("message") String message) {
}
