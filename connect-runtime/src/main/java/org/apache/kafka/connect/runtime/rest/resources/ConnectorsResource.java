package org.apache.kafka.connect.runtime.rest.resources;

import org.apache.kafka.connect.errors.NotFoundException;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.Herder.Created;
import org.apache.kafka.connect.runtime.RestartRequest;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.runtime.distributed.InternalRequestSignature;
import org.apache.kafka.connect.runtime.rest.RestObjectMapper;
import org.apache.kafka.connect.runtime.rest.RestRequestForwarder;
import org.apache.kafka.connect.runtime.rest.RestRequestForwarder.RemoteResponse;
import org.apache.kafka.connect.runtime.rest.RestRequestTimeouts;
import org.apache.kafka.connect.runtime.rest.entities.ActiveTopicsInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffsets;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.rest.entities.CreateConnectorRequest;
import org.apache.kafka.connect.runtime.rest.entities.Message;
import org.apache.kafka.connect.runtime.rest.entities.TaskInfo;
import org.apache.kafka.connect.runtime.rest.errors.BadRequestException;
import org.apache.kafka.connect.runtime.rest.errors.ConnectRestException;
import org.apache.kafka.connect.runtime.rest.resources.HerderRequests.ForwardableRequest;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.apache.kafka.connect.util.FutureCallback;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The {@code /connectors} endpoints (rest-api.md §3-4): listing, creating, configuring, inspecting, restarting,
 * pausing, stopping and deleting connectors, their topics and their offsets. Writes that a distributed worker must
 * run elsewhere go through {@link HerderRequests#awaitOrForward}; reads are answered from the local herder.
 */
@Singleton
@Path("/connectors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConnectorsResource {

    private static final Logger log = LoggerFactory.getLogger(ConnectorsResource.class);

    private static final TypeReference<ConnectorInfo> CONNECTOR_INFO = new TypeReference<>() { };
    private static final TypeReference<ConnectorStateInfo> CONNECTOR_STATE_INFO = new TypeReference<>() { };
    private static final TypeReference<Message> MESSAGE = new TypeReference<>() { };
    private static final TypeReference<List<Map<String, String>>> TASK_CONFIGS = new TypeReference<>() { };
    /** For the bodies the internal endpoints read raw; configured like the JSON provider's mapper. */
    private static final ObjectMapper BODY_MAPPER = RestObjectMapper.create();
    private static final String NO_OFFSETS_MESSAGE =
            "Partitions / offsets need to be provided for an alter offsets request";

    private final Herder herder;
    private final WorkerConfig config;
    private final HerderRequests requests;

    @Inject
    public ConnectorsResource(Herder herder, WorkerConfig config, RestRequestForwarder forwarder,
                              RestRequestTimeouts timeouts) {
        this.herder = herder;
        this.config = config;
        this.requests = new HerderRequests(forwarder, timeouts);
    }

    @GET
    public Response listConnectors(@QueryParam("expand") List<String> expand) {
        Collection<String> names = herder.connectors();
        if (expand == null || expand.isEmpty()) {
            return Response.ok(names).build();
        }
        Map<String, Map<String, Object>> expanded = new LinkedHashMap<>();
        for (String name : names) {
            try {
                Map<String, Object> details = new LinkedHashMap<>();
                for (String kind : expand) {
                    switch (kind) {
                        case "status" -> details.put("status", herder.connectorStatus(name));
                        case "info" -> details.put("info", connectorInfo(name));
                        default -> log.info("Ignoring unknown expansion type {} of GET /connectors", kind);
                    }
                }
                expanded.put(name, details);
            } catch (NotFoundException e) {
                // Deleted while we were building the answer, or no status written yet: leave it out.
                log.debug("Leaving connector {} out of the expanded connector list: {}", name, e.getMessage());
            }
        }
        return Response.ok(expanded).build();
    }

    @POST
    public Response createConnector(@QueryParam("forward") Boolean forward,
                                    @Context HttpHeaders headers,
                                    @Context UriInfo uriInfo,
                                    CreateConnectorRequest request) {
        requireBody(request);
        String name = request.name() == null ? "" : request.name().trim();
        Map<String, String> connectorConfig = withName(name, requireBody(request.config()));

        FutureCallback<Created<ConnectorInfo>> callback = new FutureCallback<>();
        herder.putConnectorConfig(name, connectorConfig, request.initialTargetState(), false, callback);
        Created<ConnectorInfo> created = requests.awaitOrForward(callback,
                new ForwardableRequest<>("POST", uriInfo, headers, forward, request, CONNECTOR_INFO),
                ConnectorsResource::createdFromRemote);
        return Response.created(connectorUri(uriInfo, name)).entity(created.result()).build();
    }

    @GET
    @Path("/{connector}")
    public ConnectorInfo getConnector(@PathParam("connector") String connector) {
        return connectorInfo(connector);
    }

    @GET
    @Path("/{connector}/config")
    public Map<String, String> getConnectorConfig(@PathParam("connector") String connector) {
        FutureCallback<Map<String, String>> callback = new FutureCallback<>();
        herder.connectorConfig(connector, callback);
        return requests.await(callback);
    }

    @PUT
    @Path("/{connector}/config")
    public Response putConnectorConfig(@PathParam("connector") String connector,
                                       @QueryParam("forward") Boolean forward,
                                       @Context HttpHeaders headers,
                                       @Context UriInfo uriInfo,
                                       Map<String, String> connectorConfig) {
        Map<String, String> config = withName(connector, requireBody(connectorConfig));
        FutureCallback<Created<ConnectorInfo>> callback = new FutureCallback<>();
        herder.putConnectorConfig(connector, config, null, true, callback);
        Created<ConnectorInfo> created = requests.awaitOrForward(callback,
                new ForwardableRequest<>("PUT", uriInfo, headers, forward, config, CONNECTOR_INFO),
                ConnectorsResource::createdFromRemote);
        Response.ResponseBuilder response = created.created()
                ? Response.created(connectorUri(uriInfo, connector))
                : Response.ok();
        return response.entity(created.result()).build();
    }

    @PATCH
    @Path("/{connector}/config")
    public ConnectorInfo patchConnectorConfig(@PathParam("connector") String connector,
                                              @QueryParam("forward") Boolean forward,
                                              @Context HttpHeaders headers,
                                              @Context UriInfo uriInfo,
                                              Map<String, String> configPatch) {
        requireBody(configPatch);
        FutureCallback<Created<ConnectorInfo>> callback = new FutureCallback<>();
        herder.patchConnectorConfig(connector, configPatch, callback);
        return requests.awaitOrForward(callback,
                new ForwardableRequest<>("PATCH", uriInfo, headers, forward, configPatch, CONNECTOR_INFO),
                ConnectorsResource::createdFromRemote).result();
    }

    @GET
    @Path("/{connector}/status")
    public ConnectorStateInfo getConnectorStatus(@PathParam("connector") String connector) {
        return herder.connectorStatus(connector);
    }

    @GET
    @Path("/{connector}/tasks")
    public List<TaskInfo> getTaskConfigs(@PathParam("connector") String connector) {
        FutureCallback<List<TaskInfo>> callback = new FutureCallback<>();
        herder.taskConfigs(connector, callback);
        return requests.await(callback);
    }

    @GET
    @Path("/{connector}/tasks/{task}/status")
    public ConnectorStateInfo.TaskState getTaskStatus(@PathParam("connector") String connector,
                                                      @PathParam("task") int task) {
        return herder.taskStatus(new ConnectorTaskId(connector, task));
    }

    @POST
    @Path("/{connector}/restart")
    public Response restartConnector(@PathParam("connector") String connector,
                                     @DefaultValue("false") @QueryParam("includeTasks") boolean includeTasks,
                                     @DefaultValue("false") @QueryParam("onlyFailed") boolean onlyFailed,
                                     @QueryParam("forward") Boolean forward,
                                     @Context HttpHeaders headers,
                                     @Context UriInfo uriInfo) {
        RestartRequest request = new RestartRequest(connector, onlyFailed, includeTasks);
        if (request.isConnectorOnly()) {
            // The pre-KIP-745 form: restart the Connector instance only and answer without a body.
            FutureCallback<Void> callback = new FutureCallback<>();
            herder.restartConnector(connector, callback);
            requests.awaitOrForward(callback,
                    new ForwardableRequest<Void>("POST", uriInfo, headers, forward, null, null),
                    remote -> null);
            return Response.noContent().build();
        }
        FutureCallback<ConnectorStateInfo> callback = new FutureCallback<>();
        herder.restartConnectorAndTasks(request, callback);
        ConnectorStateInfo plan = requests.awaitOrForward(callback,
                new ForwardableRequest<>("POST", uriInfo, headers, forward, null, CONNECTOR_STATE_INFO),
                RemoteResponse::body);
        return Response.accepted().entity(plan).build();
    }

    @POST
    @Path("/{connector}/tasks/{task}/restart")
    public Response restartTask(@PathParam("connector") String connector,
                                @PathParam("task") int task,
                                @QueryParam("forward") Boolean forward,
                                @Context HttpHeaders headers,
                                @Context UriInfo uriInfo) {
        FutureCallback<Void> callback = new FutureCallback<>();
        herder.restartTask(new ConnectorTaskId(connector, task), callback);
        requests.awaitOrForward(callback, new ForwardableRequest<Void>("POST", uriInfo, headers, forward, null, null),
                remote -> null);
        return Response.noContent().build();
    }

    @PUT
    @Path("/{connector}/pause")
    public Response pauseConnector(@PathParam("connector") String connector) {
        herder.pauseConnector(connector);
        return Response.accepted().build();
    }

    @PUT
    @Path("/{connector}/resume")
    public Response resumeConnector(@PathParam("connector") String connector) {
        herder.resumeConnector(connector);
        return Response.accepted().build();
    }

    @PUT
    @Path("/{connector}/stop")
    public Response stopConnector(@PathParam("connector") String connector,
                                  @QueryParam("forward") Boolean forward,
                                  @Context HttpHeaders headers,
                                  @Context UriInfo uriInfo) {
        FutureCallback<Void> callback = new FutureCallback<>();
        herder.stopConnector(connector, callback);
        requests.awaitOrForward(callback, new ForwardableRequest<Void>("PUT", uriInfo, headers, forward, null, null),
                remote -> null);
        return Response.noContent().build();
    }

    @DELETE
    @Path("/{connector}")
    public Response deleteConnector(@PathParam("connector") String connector,
                                    @QueryParam("forward") Boolean forward,
                                    @Context HttpHeaders headers,
                                    @Context UriInfo uriInfo) {
        FutureCallback<Created<ConnectorInfo>> callback = new FutureCallback<>();
        herder.deleteConnectorConfig(connector, callback);
        requests.awaitOrForward(callback, new ForwardableRequest<Void>("DELETE", uriInfo, headers, forward, null, null),
                remote -> null);
        return Response.noContent().build();
    }

    @GET
    @Path("/{connector}/topics")
    public Map<String, Map<String, Collection<String>>> getConnectorActiveTopics(
            @PathParam("connector") String connector) {
        requireTopicTracking();
        ActiveTopicsInfo info = herder.connectorActiveTopics(connector);
        Collection<String> topics = info == null || info.topics() == null ? List.of() : info.topics();
        return Map.of(connector, Map.of("topics", topics));
    }

    @PUT
    @Path("/{connector}/topics/reset")
    public Response resetConnectorActiveTopics(@PathParam("connector") String connector) {
        requireTopicTracking();
        if (!config.topicTrackingResetEnable()) {
            throw new ConnectRestException(403, "Topic tracking reset is disabled.");
        }
        herder.resetConnectorActiveTopics(connector);
        return Response.accepted().build();
    }

    @GET
    @Path("/{connector}/offsets")
    public ConnectorOffsets getOffsets(@PathParam("connector") String connector) {
        FutureCallback<ConnectorOffsets> callback = new FutureCallback<>();
        herder.connectorOffsets(connector, callback);
        return requests.await(callback);
    }

    @PATCH
    @Path("/{connector}/offsets")
    public Message alterConnectorOffsets(@PathParam("connector") String connector,
                                         @QueryParam("forward") Boolean forward,
                                         @Context HttpHeaders headers,
                                         @Context UriInfo uriInfo,
                                         ConnectorOffsets offsets) {
        if (offsets == null || offsets.offsets() == null || offsets.offsets().isEmpty()) {
            throw new BadRequestException(NO_OFFSETS_MESSAGE);
        }
        FutureCallback<Message> callback = new FutureCallback<>();
        herder.alterConnectorOffsets(connector, offsets.toMap(), callback);
        return requests.awaitOrForward(callback,
                new ForwardableRequest<>("PATCH", uriInfo, headers, forward, offsets, MESSAGE),
                RemoteResponse::body);
    }

    @DELETE
    @Path("/{connector}/offsets")
    public Message resetConnectorOffsets(@PathParam("connector") String connector,
                                         @QueryParam("forward") Boolean forward,
                                         @Context HttpHeaders headers,
                                         @Context UriInfo uriInfo) {
        FutureCallback<Message> callback = new FutureCallback<>();
        herder.resetConnectorOffsets(connector, callback);
        return requests.awaitOrForward(callback,
                new ForwardableRequest<>("DELETE", uriInfo, headers, forward, null, MESSAGE),
                RemoteResponse::body);
    }

    /**
     * Internal (distributed): a worker publishes its connector's task configs through the leader. The body is read
     * raw because the signature (rest-api.md §1.3) covers its exact bytes; the herder checks it.
     */
    @POST
    @Path("/{connector}/tasks")
    public Response putTaskConfigs(@PathParam("connector") String connector,
                                   @QueryParam("forward") Boolean forward,
                                   @Context HttpHeaders headers,
                                   @Context UriInfo uriInfo,
                                   byte[] requestBody) {
        List<Map<String, String>> taskConfigs = requireBody(parseBody(requestBody, TASK_CONFIGS));
        InternalRequestSignature signature = InternalRequestSignature.fromHeaders(requestBody,
                headers::getHeaderString);
        FutureCallback<Void> callback = new FutureCallback<>();
        herder.putTaskConfigs(connector, taskConfigs, callback, signature);
        requests.awaitOrForward(callback,
                new ForwardableRequest<Void>("POST", uriInfo, headers, forward, taskConfigs, null),
                remote -> null);
        return Response.noContent().build();
    }

    /**
     * Internal (distributed, KIP-618): the leader fences out the producers of the source connector's earlier task
     * generations. The (normally empty) body is signed like that of {@link #putTaskConfigs}.
     */
    @PUT
    @Path("/{connector}/fence")
    public Response fenceZombies(@PathParam("connector") String connector,
                                 @QueryParam("forward") Boolean forward,
                                 @Context HttpHeaders headers,
                                 @Context UriInfo uriInfo,
                                 byte[] requestBody) {
        InternalRequestSignature signature = InternalRequestSignature.fromHeaders(requestBody,
                headers::getHeaderString);
        FutureCallback<Void> callback = new FutureCallback<>();
        herder.fenceZombieSourceTasks(connector, callback, signature);
        requests.awaitOrForward(callback, new ForwardableRequest<Void>("PUT", uriInfo, headers, forward, null, null),
                remote -> null);
        return Response.noContent().build();
    }

    private ConnectorInfo connectorInfo(String connector) {
        FutureCallback<ConnectorInfo> callback = new FutureCallback<>();
        herder.connectorInfo(connector, callback);
        return requests.await(callback);
    }

    private void requireTopicTracking() {
        if (!config.topicTrackingEnable()) {
            throw new ConnectRestException(403, "Topic tracking is disabled.");
        }
    }

    /** A copy of the config carrying {@code name}; a different {@code name} already in it is a 400. */
    private static Map<String, String> withName(String name, Map<String, String> config) {
        String configuredName = config.get("name");
        if (configuredName != null && !configuredName.equals(name)) {
            throw new BadRequestException("Connector name configuration (" + configuredName
                    + ") doesn't match connector name in the URL (" + name + ")");
        }
        // Insertion order kept, so the config record carries the keys as the client sent them, like Apache's.
        Map<String, String> named = new LinkedHashMap<>(config);
        named.put("name", name);
        return named;
    }

    /**
     * A body read raw, parsed as the JSON provider would: null when there is none, and unreadable JSON is a 500 like
     * any other bad body.
     */
    private static <T> T parseBody(byte[] body, TypeReference<T> type) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return BODY_MAPPER.readValue(body, type);
        } catch (IOException e) {
            throw new ConnectRestException(500, e.getMessage(), e);
        }
    }

    /** Apache answers a missing body with a 500, like other unreadable bodies; so do we, with a clearer message. */
    private static <T> T requireBody(T body) {
        if (body == null) {
            throw new ConnectRestException(500, "The request has no JSON body where one is required");
        }
        return body;
    }

    private static URI connectorUri(UriInfo uriInfo, String name) {
        return uriInfo.getBaseUriBuilder().path("connectors").segment(name).build();
    }

    /** A forwarded create/update: the remote worker's 201 tells whether it created the connector. */
    private static Created<ConnectorInfo> createdFromRemote(RemoteResponse<ConnectorInfo> remote) {
        return new Created<>(remote.status() == Response.Status.CREATED.getStatusCode(), remote.body());
    }
}
