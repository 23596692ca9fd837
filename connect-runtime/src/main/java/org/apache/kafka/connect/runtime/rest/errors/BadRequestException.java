package org.apache.kafka.connect.runtime.rest.errors;

/** A request the worker refuses as malformed or invalid: HTTP 400. */
public class BadRequestException extends ConnectRestException {

    public BadRequestException(String message) {
        super(400, message);
    }

    public BadRequestException(String message, Throwable cause) {
        super(400, message, cause);
    }
}
