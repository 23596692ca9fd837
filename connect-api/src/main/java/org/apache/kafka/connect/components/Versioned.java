package org.apache.kafka.connect.components;

import org.apache.kafka.common.annotation.InterfaceAudience;

/**
 * A component that can report its own version, shown by the REST API and used to pick among installed versions.
 */
@InterfaceAudience.Public
public interface Versioned {

    /**
     * @return the version of this component, never null
     */
    String version();
}
