package org.apache.kafka.connect.components;

import org.apache.kafka.common.annotation.InterfaceAudience;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Common super-interface of every pluggable Connect component (connectors, converters, header converters,
 * transformations, predicates, REST extensions and client config override policies).
 */
@InterfaceAudience.Public
public interface ConnectPlugin extends Versioned {

    /**
     * @return the definition of this plugin's configuration, used for validation and documentation
     */
    ConfigDef config();
}
