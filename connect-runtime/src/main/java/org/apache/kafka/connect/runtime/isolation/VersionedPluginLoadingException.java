package org.apache.kafka.connect.runtime.isolation;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * No installed copy of a plugin satisfies the version requirement asked for (KIP-891), e.g.
 * {@code Plugin com.example.MyConnector not found that matches the version range [2.0,), available versions: [1.0]}.
 */
public class VersionedPluginLoadingException extends ConnectException {

    private static final long serialVersionUID = 1L;

    public VersionedPluginLoadingException(String message) {
        super(message);
    }
}
