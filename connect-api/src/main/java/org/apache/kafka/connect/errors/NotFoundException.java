package org.apache.kafka.connect.errors;

import org.apache.kafka.common.annotation.InterfaceAudience;

/**
 * Thrown when an operation refers to something (a connector, a task, ...) that does not exist.
 */
@InterfaceAudience.Public
public class NotFoundException extends ConnectException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }

    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }

    public NotFoundException(Throwable cause) {
        super(cause);
    }
}
