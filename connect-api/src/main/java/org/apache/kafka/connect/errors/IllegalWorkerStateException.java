package org.apache.kafka.connect.errors;

import org.apache.kafka.common.annotation.InterfaceAudience;

/**
 * Thrown when a connector or task uses the framework in a way that is not valid in the worker's
 * current state.
 */
@InterfaceAudience.Public
public class IllegalWorkerStateException extends ConnectException {

    private static final long serialVersionUID = 1L;

    public IllegalWorkerStateException(String message) {
        super(message);
    }

    public IllegalWorkerStateException(String message, Throwable cause) {
        super(message, cause);
    }

    public IllegalWorkerStateException(Throwable cause) {
        super(cause);
    }
}
