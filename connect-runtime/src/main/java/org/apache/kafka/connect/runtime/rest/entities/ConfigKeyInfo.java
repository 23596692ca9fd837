package org.apache.kafka.connect.runtime.rest.entities;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * Definition of one config key as REST shows it. Serialized as {@code order_in_group} (4.2+); {@code order} is
 * accepted when reading, as older workers wrote it.
 */
@JsonPropertyOrder({"name", "type", "required", "default_value", "importance", "documentation", "group",
                    "order_in_group", "width", "display_name", "dependents"})
public record ConfigKeyInfo(@JsonProperty("name") String name,
                            @JsonProperty("type") String type,
                            @JsonProperty("required") boolean required,
                            @JsonProperty("default_value") String defaultValue,
                            @JsonProperty("importance") String importance,
                            @JsonProperty("documentation") String documentation,
                            @JsonProperty("group") String group,
                            @JsonProperty("order_in_group") @JsonAlias("order") int orderInGroup,
                            @JsonProperty("width") String width,
                            @JsonProperty("display_name") String displayName,
                            @JsonProperty("dependents") List<String> dependents) {
}
