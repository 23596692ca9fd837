package org.apache.kafka.connect.runtime.rest.entities;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of {@code GET /health} (KIP-1017). */
public record WorkerStatus(@JsonProperty("status") String status,
                           @JsonProperty("message") String message) {

    public static WorkerStatus healthy() {
        return new WorkerStatus("healthy", "Worker has completed startup and is ready to handle requests.");
    }

    public static WorkerStatus starting(String detail) {
        return new WorkerStatus("starting", withDetail("Worker is still starting up.", detail));
    }

    public static WorkerStatus unhealthy(String detail) {
        return new WorkerStatus("unhealthy",
                withDetail("Worker was unable to handle this request and may be unable to handle other requests.", detail));
    }

    private static String withDetail(String message, String detail) {
        return detail == null || detail.isEmpty() ? message : message + " " + detail;
    }
}
