package org.apache.kafka.connect.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One golden case, as read from a line of a {@code *.jsonl} vector file (see shared/vectors/FORMAT.md).
 * Only the envelope is interpreted here; the kind-specific {@code input} stays JSON for the runners.
 *
 * @param id        the stable, unique case id (used as the test name)
 * @param family    the family the case belongs to, e.g. {@code NumberConverter}
 * @param kind      what to call, e.g. {@code converter.fromConnectData}
 * @param className the component class, or null for kind {@code transform} (each stage names its own)
 * @param isKey     the {@code isKey} argument for converters, false when absent
 * @param config    the component configuration; values are strings and may be null
 * @param stages    the transformation stages of kind {@code transform}, otherwise a JSON null
 * @param input     the kind-specific input
 * @param expected  the recorded outcome
 */
record VectorCase(String id, String family, String kind, String className, boolean isKey,
                  Map<String, String> config, JsonNode stages, JsonNode input, JsonNode expected) {

    static VectorCase fromJson(JsonNode json) {
        return new VectorCase(
                json.path("id").asText(null),
                json.path("family").asText(null),
                json.path("kind").asText(null),
                json.hasNonNull("class") ? json.get("class").textValue() : null,
                json.path("isKey").asBoolean(false),
                configOf(json.get("config")),
                json.has("stages") ? json.get("stages") : NullNode.getInstance(),
                json.get("input"),
                json.get("expected"));
    }

    /** Reads a config object whose values are strings or JSON null, keeping null values as present keys. */
    static Map<String, String> configOf(JsonNode node) {
        if (node == null || node.isNull()) {
            return Collections.emptyMap();
        }
        Map<String, String> config = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            config.put(member.getKey(), member.getValue().isNull() ? null : member.getValue().textValue());
        }
        return config;
    }

    boolean expectsException() {
        return expected.path("throws").asBoolean(false);
    }
}
