package org.apache.kafka.connect.runtime.rest.entities;

import java.util.Collection;

/** Topics a connector has used since creation or the last reset (KIP-558); REST wraps it as {@code {"c":{"topics":[..]}}}. */
public record ActiveTopicsInfo(String connector, Collection<String> topics) {
}
