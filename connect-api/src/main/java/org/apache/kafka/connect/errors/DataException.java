package org.apache.kafka.connect.errors;

import org.apache.kafka.common.annotation.InterfaceAudience;

/**
 * Thrown for problems with data or schemas: invalid values, values that do not match their schema,
 * or failed conversions between representations.
 */
@InterfaceAudience.Public
public class DataException extends ConnectException {

    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }

    public DataException(Throwable cause) {
        super(cause);
    }
}
