package org.apache.kafka.connect.runtime.rest.entities;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of {@code GET /}: the worker's version, build commit and the Kafka cluster it is connected to. */
public record ServerInfo(@JsonProperty("version") String version,
                         @JsonProperty("commit") String commit,
                         @JsonProperty("kafka_cluster_id") String kafkaClusterId) {
}
