package org.apache.kafka.connect.runtime.distributed;

import org.apache.kafka.connect.runtime.rest.errors.ConnectRestException;

/**
 * The worker has read a config change that needs a rebalance before it can answer requests about connectors; the
 * client should retry (409, rest-api.md §1.1).
 */
public class RebalanceNeededException extends ConnectRestException {

    static final String STALE_CONFIG_MESSAGE = "Cannot complete request momentarily due to stale configuration "
            + "(typically caused by a concurrent config change)";

    public RebalanceNeededException() {
        this(STALE_CONFIG_MESSAGE);
    }

    public RebalanceNeededException(String message) {
        super(409, message);
    }
}
