package org.apache.kafka.connect.runtime.rest.entities;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One installed plugin ({@code GET /connector-plugins}). {@code type} is {@code source}, {@code sink},
 * {@code converter}, {@code header_converter}, {@code transformation} or {@code predicate}.
 */
public record PluginInfo(@JsonProperty("class") String className,
                         @JsonProperty("type") String type,
                         @JsonProperty("version")
                         @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = UndefinedVersion.class)
                         String version) {
}
