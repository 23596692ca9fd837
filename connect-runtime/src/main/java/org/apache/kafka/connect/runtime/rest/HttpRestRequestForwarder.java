package org.apache.kafka.connect.runtime.rest;

import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.runtime.rest.entities.ErrorMessage;
import org.apache.kafka.connect.runtime.rest.errors.ConnectRestException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The distributed worker's {@link RestRequestForwarder}: re-issues REST requests on another worker with a Jetty
 * {@link HttpClient} (rest-api.md §1.2). A forwarded request carries only {@code Accept}, {@code Content-Type} (with a
 * body), {@code User-Agent: kafka-connect} and the caller's {@code Authorization}; redirects are not followed. Where
 * to forward is decided by the function the distributed herder supplies. One client per scheme is started on first
 * use, so a worker whose cluster speaks plain HTTP never loads TLS material.
 */
public final class HttpRestRequestForwarder implements RestRequestForwarder, AutoCloseable {

    static final String USER_AGENT = "kafka-connect";
    static final String JSON = "application/json";
    static final String IO_ERROR_PREFIX = "IO Error trying to forward REST request: ";

    private static final Logger log = LoggerFactory.getLogger(HttpRestRequestForwarder.class);

    private final WorkerConfig config;
    private final long timeoutMs;
    private final Function<Throwable, Optional<URI>> targets;
    private final ObjectMapper mapper = RestObjectMapper.create();

    // Guarded by this; created on first use, stopped by close().
    private HttpClient plainClient;
    private HttpClient tlsClient;
    private boolean closed;

    /**
     * @param config   the worker config; its {@code listeners.https.} (or plain {@code ssl.*}) settings secure
     *                 requests to {@code https} targets
     * @param timeouts the request timeout bounds each forwarded request as a whole and its connection's idle time
     * @param targets  {@link #forwardTarget}: the worker that must serve a request the local herder refused
     */
    public HttpRestRequestForwarder(WorkerConfig config, RestRequestTimeouts timeouts,
                                    Function<Throwable, Optional<URI>> targets) {
        this.config = Objects.requireNonNull(config, "config");
        this.timeoutMs = timeouts.requestTimeoutMs();
        this.targets = Objects.requireNonNull(targets, "targets");
    }

    @Override
    public Optional<URI> forwardTarget(Throwable failure) {
        return targets.apply(failure);
    }

    @Override
    public <T> RemoteResponse<T> forward(String method, URI url, String authorization, Object body,
                                         TypeReference<T> responseType) {
        return send(method, url, authorization, serialize(body), Map.of(), responseType);
    }

    /**
     * Serializes {@code body} the way {@link #forward} does, so that a caller can sign the exact bytes and send them
     * with {@link #send}.
     *
     * @return the JSON bytes, or null for a null body
     */
    public byte[] serialize(Object body) {
        if (body == null) {
            return null;
        }
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new ConnectRestException(500, "Could not serialize the forwarded request body: " + e.getMessage(),
                    e);
        }
    }

    /**
     * Sends already serialized JSON with extra headers (the internal request signature), with the error semantics
     * of {@link #forward}.
     *
     * @param authorization the caller's {@code Authorization} header; may be null
     * @param body          the JSON body bytes; null for no body
     * @param extraHeaders  headers added to the request as they are
     * @param responseType  type of the response body; null when the body is ignored
     */
    public <T> RemoteResponse<T> send(String method, URI url, String authorization, byte[] body,
                                      Map<String, String> extraHeaders, TypeReference<T> responseType) {
        Request request = clientFor(url).newRequest(url)
                .method(method)
                .accept(JSON)
                .timeout(timeoutMs, TimeUnit.MILLISECONDS)
                .idleTimeout(timeoutMs, TimeUnit.MILLISECONDS);
        request.headers(headers -> {
            if (authorization != null) {
                headers.put(HttpHeader.AUTHORIZATION, authorization);
            }
            extraHeaders.forEach(headers::put);
        });
        if (body != null) {
            request.body(new BytesRequestContent(JSON, body));
        }
        log.debug("Forwarding {} {}", method, url);

        ContentResponse response;
        try {
            response = request.send();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ConnectRestException(500, IO_ERROR_PREFIX + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new ConnectRestException(500, IO_ERROR_PREFIX + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectRestException(500, "Interrupted while forwarding REST request to " + url, e);
        }
        return answer(url, response, responseType);
    }

    private <T> RemoteResponse<T> answer(URI url, ContentResponse response, TypeReference<T> responseType) {
        int status = response.getStatus();
        if (status >= 400) {
            throw remoteError(url, response);
        }
        if (status >= 300) {
            throw new ConnectRestException(500, "Unexpected status " + status + " (redirects are not followed) from "
                    + "the worker a REST request was forwarded to: " + url);
        }
        byte[] content = response.getContent();
        if (status == 204 || responseType == null || content == null || content.length == 0) {
            return new RemoteResponse<>(status, null);
        }
        try {
            return new RemoteResponse<>(status, mapper.readValue(content, responseType));
        } catch (IOException e) {
            throw new ConnectRestException(500, IO_ERROR_PREFIX + e.getMessage(), e);
        }
    }

    /** The remote Connect error, passed through; a non-Connect error body keeps the status with a generic message. */
    private ConnectRestException remoteError(URI url, ContentResponse response) {
        int status = response.getStatus();
        try {
            ErrorMessage error = mapper.readValue(response.getContent(), ErrorMessage.class);
            if (error.message() != null) {
                return new ConnectRestException(status, error.errorCode(), error.message());
            }
        } catch (IOException | RuntimeException e) {
            log.debug("Error response of {} is not a Connect error body", url, e);
        }
        return new ConnectRestException(status, "Forwarded REST request to " + url + " failed with status " + status
                + ": " + response.getContentAsString());
    }

    private synchronized HttpClient clientFor(URI url) {
        if (closed) {
            throw new ConnectRestException(500, "Cannot forward REST requests: the worker is stopping");
        }
        boolean tls = "https".equalsIgnoreCase(url.getScheme());
        if (tls) {
            if (tlsClient == null) {
                tlsClient = start(true);
            }
            return tlsClient;
        }
        if (plainClient == null) {
            plainClient = start(false);
        }
        return plainClient;
    }

    private HttpClient start(boolean tls) {
        HttpClient client = new HttpClient();
        if (tls) {
            client.setSslContextFactory(SslContextFactories.forClient(config));
        }
        client.setFollowRedirects(false);
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, USER_AGENT));
        client.setConnectTimeout(timeoutMs);
        client.setIdleTimeout(timeoutMs);
        try {
            client.start();
            // No Accept-Encoding: the forwarded request carries only the headers §1.2 lists. Jetty installs its
            // decoders while starting, so they are removed afterwards.
            client.getContentDecoderFactories().clear();
        } catch (Exception e) {
            throw new ConnectRestException(500, "Could not start the HTTP client that forwards REST requests: "
                    + e.getMessage(), e);
        }
        return client;
    }

    /** Stops the HTTP clients; forwarding afterwards fails with a 500. */
    @Override
    public void close() {
        HttpClient plain;
        HttpClient secure;
        synchronized (this) {
            closed = true;
            plain = plainClient;
            secure = tlsClient;
            plainClient = null;
            tlsClient = null;
        }
        stop(plain);
        stop(secure);
    }

    private static void stop(HttpClient client) {
        if (client == null) {
            return;
        }
        try {
            client.stop();
        } catch (Exception e) {
            log.warn("Failed to stop the HTTP client that forwards REST requests", e);
        }
    }
}
