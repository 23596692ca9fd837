package org.apache.kafka.connect.runtime.rest.resources;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.rest.RestRequestForwarder;
import org.apache.kafka.connect.runtime.rest.RestRequestForwarder.RemoteResponse;
import org.apache.kafka.connect.runtime.rest.RestRequestTimeouts;
import org.apache.kafka.connect.runtime.rest.errors.ConnectRestException;
import org.apache.kafka.connect.util.FutureCallback;

import com.fasterxml.jackson.core.type.TypeReference;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;

/**
 * Blocks a REST request thread on an asynchronous herder operation, bounded by the request timeout, and (in
 * distributed mode) re-issues the request on the worker the herder points at. The {@code forward} query parameter
 * limits that to two hops: absent on a user request, {@code true} after one hop, {@code false} after two.
 */
final class HerderRequests {

    static final String TIMED_OUT_MESSAGE = "Request timed out";
    static final String HOP_LIMIT_MESSAGE =
            "Cannot complete request because of a conflicting operation (e.g. worker rebalance)";
    private static final String FORWARD_PARAM = "forward";

    private final RestRequestForwarder forwarder;
    private final RestRequestTimeouts timeouts;

    HerderRequests(RestRequestForwarder forwarder, RestRequestTimeouts timeouts) {
        this.forwarder = forwarder;
        this.timeouts = timeouts;
    }

    RestRequestTimeouts timeouts() {
        return timeouts;
    }

    /** Waits for the herder's answer; its failure is rethrown as is (unchecked ones) for the exception mapper. */
    <T> T await(FutureCallback<T> callback) {
        try {
            return awaitRaw(callback, timeouts.requestTimeoutMs());
        } catch (ExecutionException e) {
            throw unchecked(e.getCause());
        }
    }

    /**
     * Waits for the herder's answer; if the herder says the request belongs to another worker, forwards it there
     * and converts the remote answer with {@code fromRemote}.
     */
    <T, R> T awaitOrForward(FutureCallback<T> callback, ForwardableRequest<R> request,
                            Function<RemoteResponse<R>, T> fromRemote) {
        try {
            return awaitRaw(callback, timeouts.requestTimeoutMs());
        } catch (ExecutionException e) {
            Throwable failure = e.getCause();
            Optional<URI> target = forwarder.forwardTarget(failure);
            if (target.isEmpty()) {
                throw unchecked(failure);
            }
            URI url = forwardUrl(target.get(), request.uriInfo(), nextHop(request.forward()));
            String authorization = request.headers() == null
                    ? null : request.headers().getHeaderString(HttpHeaders.AUTHORIZATION);
            return fromRemote.apply(forwarder.forward(request.method(), url, authorization, request.body(),
                    request.responseType()));
        }
    }

    /**
     * Waits up to {@code timeoutMs}; a timeout becomes the 500 {@code Request timed out} answer, while the herder's
     * own failure is left to the caller inside the ExecutionException.
     */
    static <T> T awaitRaw(FutureCallback<T> callback, long timeoutMs) throws ExecutionException {
        try {
            return callback.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ConnectRestException(500, TIMED_OUT_MESSAGE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectRestException(500, "Request interrupted", e);
        }
    }

    static RuntimeException unchecked(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        return new ConnectException(failure);
    }

    private static boolean nextHop(Boolean forward) {
        if (forward == null) {
            return true;
        }
        if (forward) {
            return false;
        }
        throw new ConnectRestException(409, HOP_LIMIT_MESSAGE);
    }

    /** Same path and query on the target worker, with {@code forward} replaced by the next hop's value. */
    private static URI forwardUrl(URI target, UriInfo uriInfo, boolean forward) {
        URI request = uriInfo.getRequestUri();
        StringBuilder url = new StringBuilder(target.toString());
        if (url.charAt(url.length() - 1) == '/') {
            url.setLength(url.length() - 1);
        }
        url.append(request.getRawPath()).append('?');
        String query = request.getRawQuery();
        if (query != null) {
            for (String param : query.split("&")) {
                if (!param.isEmpty() && !param.equals(FORWARD_PARAM) && !param.startsWith(FORWARD_PARAM + "=")) {
                    url.append(param).append('&');
                }
            }
        }
        url.append(FORWARD_PARAM).append('=').append(forward);
        return URI.create(url.toString());
    }

    /**
     * What is needed to re-issue a request on another worker.
     *
     * @param forward      the request's {@code forward} query parameter (null when absent)
     * @param body         the request body to send again; null for none
     * @param responseType type of the remote response body; null when it is not needed
     */
    record ForwardableRequest<R>(String method, UriInfo uriInfo, HttpHeaders headers, Boolean forward, Object body,
                                 TypeReference<R> responseType) {
    }
}
