package org.apache.kafka.connect.errors;

import org.apache.kafka.common.annotation.InterfaceAudience;

/**
 * Signals a transient failure: the operation that threw it may succeed if it is retried later. The
 * framework retries such operations instead of failing the task.
 */
@InterfaceAudience.Public
public class RetriableException extends ConnectException {

    private static final long serialVersionUID = 1L;

    public RetriableException(String message) {
        super(message);
    }

    public RetriableException(String message, Throwable cause) {
        super(message, cause);
    }

    public RetriableException(Throwable cause) {
        super(cause);
    }
}
