package org.apache.kafka.connect.runtime.rest.resources;

import org.apache.kafka.connect.errors.NotFoundException;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.Loggers;
import org.apache.kafka.connect.runtime.rest.entities.LoggerLevel;
import org.apache.kafka.connect.runtime.rest.errors.BadRequestException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The {@code /admin/loggers} endpoints (rest-api.md, Admin loggers): list the loggers with their levels, read one
 * logger's level, and change the level of a logger and its descendants, on this worker ({@code worker} scope) or,
 * through the herder, on every worker of the cluster ({@code cluster} scope).
 */
@Singleton
@Path("/admin/loggers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LoggersResource {

    private static final Logger log = LoggerFactory.getLogger(LoggersResource.class);

    static final String WORKER_SCOPE = "worker";
    static final String CLUSTER_SCOPE = "cluster";
    private static final String LEVEL_FIELD = "level";

    private final Loggers loggers;
    private final Herder herder;

    @Inject
    public LoggersResource(Loggers loggers, Herder herder) {
        this.loggers = loggers;
        this.herder = herder;
    }

    @GET
    public Map<String, LoggerLevel> listLoggers() {
        return loggers.allLevels();
    }

    @GET
    @Path("/{logger}")
    public LoggerLevel getLogger(@PathParam("logger") String name) {
        LoggerLevel level = loggers.level(name);
        if (level == null) {
            throw new NotFoundException("Logger " + name + " not found.");
        }
        return level;
    }

    /**
     * Worker scope answers 200 with the loggers whose level changed; cluster scope hands the change to the herder
     * (distributed: published through the config topic, applied by every worker as it reads it) and answers 204. An
     * unknown scope is taken as worker scope, as Apache does.
     */
    @PUT
    @Path("/{logger}")
    public Response setLevel(@PathParam("logger") String namespace,
                             Map<String, String> body,
                             @DefaultValue(WORKER_SCOPE) @QueryParam("scope") String scope) {
        String level = body == null ? null : body.get(LEVEL_FIELD);
        if (level == null) {
            throw new BadRequestException("Desired 'level' parameter was not specified in request.");
        }
        // A blank level is left to fail (500) where it is applied, as in Apache.
        if (!level.isBlank() && !loggers.isValidLevel(level)) {
            throw new NotFoundException("invalid log level '" + level + "'.");
        }
        if (scope.equalsIgnoreCase(CLUSTER_SCOPE)) {
            herder.setClusterLoggerLevel(namespace, level);
            return Response.noContent().build();
        }
        if (!scope.equalsIgnoreCase(WORKER_SCOPE)) {
            log.warn("Received invalid scope '{}' in request to adjust logging level; will default to '{}'",
                    scope, WORKER_SCOPE);
        }
        List<String> changed = loggers.setLevel(namespace, level);
        return Response.ok(changed).build();
    }
}
