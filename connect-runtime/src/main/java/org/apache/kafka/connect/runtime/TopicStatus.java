package org.apache.kafka.connect.runtime;

import java.util.Objects;

/** A topic that a connector's task used, first seen at {@code discoverTimestamp} (KIP-558 topic tracking). */
public record TopicStatus(String topic, String connector, int task, long discoverTimestamp) {

    public TopicStatus {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(connector, "connector");
    }
}
