package org.apache.kafka.connect.runtime.rest.entities;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.apache.kafka.connect.runtime.TargetState;

import java.util.Locale;
import java.util.Map;

/** Body of {@code POST /connectors}; {@code initial_state} is optional and case-insensitive. */
public record CreateConnectorRequest(@JsonProperty("name") String name,
                                     @JsonProperty("config") Map<String, String> config,
                                     @JsonProperty("initial_state") InitialState initialState) {

    /** The target state the connector starts in, or {@code null} to start normally. */
    public TargetState initialTargetState() {
        return initialState == null ? null : initialState.toTargetState();
    }

    /** Values accepted for {@code initial_state}. */
    public enum InitialState {
        RUNNING, PAUSED, STOPPED;

        @JsonCreator
        public static InitialState forValue(String value) {
            return value == null ? null : InitialState.valueOf(value.toUpperCase(Locale.ROOT));
        }

        public TargetState toTargetState() {
            return switch (this) {
                case RUNNING -> TargetState.STARTED;
                case PAUSED -> TargetState.PAUSED;
                case STOPPED -> TargetState.STOPPED;
            };
        }
    }
}
