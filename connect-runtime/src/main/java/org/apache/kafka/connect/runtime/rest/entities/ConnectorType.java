package org.apache.kafka.connect.runtime.rest.entities;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Kind of a connector as shown by REST: {@code source}, {@code sink}, or {@code unknown} when its class cannot load. */
public enum ConnectorType {
    SOURCE, SINK, UNKNOWN;

    @Override
    @JsonValue
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ConnectorType forValue(String value) {
        return ConnectorType.valueOf(value.toUpperCase(Locale.ROOT));
    }
}
