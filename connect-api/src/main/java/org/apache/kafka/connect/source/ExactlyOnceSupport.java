package org.apache.kafka.connect.source;

import org.apache.kafka.common.annotation.InterfaceAudience;

/**
 * A source connector's answer to whether it can run with exactly-once semantics for a given configuration.
 */
@InterfaceAudience.Public
public enum ExactlyOnceSupport {
    SUPPORTED,
    UNSUPPORTED
}
