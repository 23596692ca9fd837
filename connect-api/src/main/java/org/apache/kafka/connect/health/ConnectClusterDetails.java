package org.apache.kafka.connect.health;

import org.apache.kafka.common.annotation.InterfaceAudience;

/**
 * Static facts about the Connect cluster, for REST extensions.
 */
@InterfaceAudience.Public
public interface ConnectClusterDetails {

    /**
     * @return the id of the Kafka cluster this Connect cluster works with
     */
    String kafkaClusterId();
}
