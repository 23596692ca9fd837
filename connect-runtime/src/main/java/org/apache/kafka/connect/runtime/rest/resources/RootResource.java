package org.apache.kafka.connect.runtime.rest.resources;

import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.rest.RestRequestTimeouts;
import org.apache.kafka.connect.runtime.rest.entities.ServerInfo;
import org.apache.kafka.connect.runtime.rest.entities.WorkerStatus;
import org.apache.kafka.connect.util.FutureCallback;

import java.util.concurrent.ExecutionException;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /} (worker version, build commit and Kafka cluster id) and {@code GET /health} (KIP-1017): 200 when the
 * herder answers its liveness check in time and has finished starting, 503 while it is still starting, 500 when it
 * no longer answers after start-up.
 */
@Singleton
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class RootResource {

    private final Herder herder;
    private final RestRequestTimeouts timeouts;

    @Inject
    public RootResource(Herder herder, RestRequestTimeouts timeouts) {
        this.herder = herder;
        this.timeouts = timeouts;
    }

    @GET
    public ServerInfo serverInfo() {
        return new ServerInfo(AppInfoParser.getVersion(), AppInfoParser.getCommitId(), herder.kafkaClusterId());
    }

    @GET
    @Path("/health")
    public Response healthCheck() {
        WorkerStatus status;
        FutureCallback<Void> callback = new FutureCallback<>();
        try {
            herder.healthCheck(callback);
            HerderRequests.awaitRaw(callback, timeouts.healthCheckTimeoutMs());
            status = herder.isReady() ? WorkerStatus.healthy() : WorkerStatus.starting(null);
        } catch (ExecutionException e) {
            status = WorkerStatus.unhealthy(e.getCause().getMessage());
        } catch (RuntimeException e) {
            // Most likely the timeout: a herder busy starting up is "starting", one stuck afterwards "unhealthy".
            status = herder.isReady() ? WorkerStatus.unhealthy(null) : WorkerStatus.starting(null);
        }
        return Response.status(statusCode(status)).entity(status).build();
    }

    private static int statusCode(WorkerStatus status) {
        return switch (status.status()) {
            case "healthy" -> 200;
            case "starting" -> 503;
            default -> 500;
        };
    }
}
