package org.apache.kafka.connect.runtime.rest;

/**
 * How long REST resources wait for the herder before answering 500 {@code Request timed out}: 90 s for ordinary
 * requests and 10 s for {@code GET /health}. Tests use shorter values.
 *
 * @param requestTimeoutMs     wait for an ordinary herder operation, also the connections' idle timeout
 * @param healthCheckTimeoutMs wait for the herder's liveness check
 */
public record RestRequestTimeouts(long requestTimeoutMs, long healthCheckTimeoutMs) {

    public static final long DEFAULT_REQUEST_TIMEOUT_MS = 90_000L;
    public static final long DEFAULT_HEALTH_CHECK_TIMEOUT_MS = 10_000L;

    public static final RestRequestTimeouts DEFAULT =
            new RestRequestTimeouts(DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_HEALTH_CHECK_TIMEOUT_MS);

    public RestRequestTimeouts {
        if (requestTimeoutMs <= 0 || healthCheckTimeoutMs <= 0) {
            throw new IllegalArgumentException("REST request timeouts must be positive");
        }
    }
}
