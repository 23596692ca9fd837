package org.apache.kafka.connect.runtime.distributed;

/** The connector or task runs on another worker; {@link #forwardUrl()} is its owner's REST URL if known. */
public class NotAssignedException extends RequestTargetException {

    public NotAssignedException(String message, String ownerUrl) {
        super(message, ownerUrl);
    }
}
