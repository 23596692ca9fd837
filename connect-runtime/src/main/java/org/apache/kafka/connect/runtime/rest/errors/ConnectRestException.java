package org.apache.kafka.connect.runtime.rest.errors;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * A failure that REST reports with a specific HTTP status and {@code error_code} (normally equal), e.g. a
 * forwarded request's remote answer or a 409 during a rebalance.
 */
public class ConnectRestException extends ConnectException {

    private final int statusCode;
    private final int errorCode;

    public ConnectRestException(int statusCode, int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
        this.errorCode = errorCode;
    }

    public ConnectRestException(int statusCode, int errorCode, String message) {
        this(statusCode, errorCode, message, null);
    }

    public ConnectRestException(int statusCode, String message, Throwable cause) {
        this(statusCode, statusCode, message, cause);
    }

    public ConnectRestException(int statusCode, String message) {
        this(statusCode, statusCode, message, null);
    }

    public int statusCode() {
        return statusCode;
    }

    public int errorCode() {
        return errorCode;
    }
}
