package org.apache.kafka.connect.runtime.rest;

import com.fasterxml.jackson.core.type.TypeReference;

import java.net.URI;
import java.util.Optional;

/**
 * Sends a REST request on to the worker that must serve it (distributed mode: the leader, or the owner of a
 * connector). The resources first submit a request to the local herder; when the herder fails it with a "not here"
 * failure, {@link #forwardTarget} names the worker to ask and the resources re-issue the request there, keeping
 * track of the {@code forward} hop limit themselves. Standalone workers use {@link #NONE}, which never forwards.
 */
public interface RestRequestForwarder {

    /** Never forwards: every herder failure is answered locally. */
    RestRequestForwarder NONE = new RestRequestForwarder() {
        @Override
        public Optional<URI> forwardTarget(Throwable failure) {
            return Optional.empty();
        }

        @Override
        public <T> RemoteResponse<T> forward(String method, URI url, String authorization, Object body,
                                             TypeReference<T> responseType) {
            throw new IllegalStateException("This worker does not forward REST requests");
        }
    };

    /**
     * @param failure what the herder completed the request with
     * @return the advertised base URL ({@code scheme://host:port/}) of the worker that must serve the request, or
     *         empty when the failure is an answer in itself
     * @throws org.apache.kafka.connect.runtime.rest.errors.ConnectRestException (409) if the request must go
     *         elsewhere but the target's URL is not known yet
     */
    Optional<URI> forwardTarget(Throwable failure);

    /**
     * Issues the request and returns the remote answer. A remote error status must be thrown as a
     * {@link org.apache.kafka.connect.runtime.rest.errors.ConnectRestException} carrying the remote status, error
     * code and message; an I/O failure as a 500 {@code IO Error trying to forward REST request: ...}.
     *
     * @param authorization the caller's {@code Authorization} header, copied to the forwarded request; may be null
     * @param body          serialized as JSON; null for no body
     * @param responseType  type of the response body; null when the body is ignored
     */
    <T> RemoteResponse<T> forward(String method, URI url, String authorization, Object body,
                                  TypeReference<T> responseType);

    /** A successful answer of the remote worker: its HTTP status and its body (null for 204 or an ignored body). */
    record RemoteResponse<T>(int status, T body) {
    }
}
