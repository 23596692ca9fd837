package org.apache.kafka.connect.runtime.distributed;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.rest.errors.ConnectRestException;

import java.net.URI;
import java.util.Optional;

/**
 * A request this worker cannot serve because another worker must (the leader, or the owner of a connector or task).
 * The REST layer forwards the request to {@link #forwardUrl()} (rest-api.md §1.2).
 */
public class RequestTargetException extends ConnectException {

    static final String NO_KNOWN_URL_MESSAGE =
            "Cannot complete request momentarily due to no known leader URL, likely because a rebalance was underway.";

    private final String forwardUrl;

    /** @param forwardUrl the advertised REST URL of the worker that must serve the request; null if unknown yet */
    public RequestTargetException(String message, String forwardUrl) {
        super(message);
        this.forwardUrl = forwardUrl;
    }

    public RequestTargetException(String message, Throwable cause, String forwardUrl) {
        super(message, cause);
        this.forwardUrl = forwardUrl;
    }

    public String forwardUrl() {
        return forwardUrl;
    }

    /**
     * Where a request the herder failed with {@code failure} must be re-issued: empty when the failure is an answer
     * in itself. For the distributed worker's {@code HttpRestRequestForwarder}.
     *
     * @throws ConnectRestException 409 if the request belongs elsewhere but that worker's URL is not known yet
     */
    public static Optional<URI> forwardTarget(Throwable failure) {
        if (!(failure instanceof RequestTargetException target)) {
            return Optional.empty();
        }
        if (target.forwardUrl() == null) {
            throw new ConnectRestException(409, NO_KNOWN_URL_MESSAGE, failure);
        }
        return Optional.of(URI.create(target.forwardUrl()));
    }
}
