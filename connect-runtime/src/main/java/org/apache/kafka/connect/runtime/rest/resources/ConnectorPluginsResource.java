package org.apache.kafka.connect.runtime.rest.resources;

import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.rest.RestRequestTimeouts;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.runtime.rest.entities.ConfigKeyInfo;
import org.apache.kafka.connect.runtime.rest.entities.PluginInfo;
import org.apache.kafka.connect.runtime.rest.errors.BadRequestException;
import org.apache.kafka.connect.runtime.rest.errors.ConnectRestException;
import org.apache.kafka.connect.util.FutureCallback;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

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

/**
 * The {@code /connector-plugins} endpoints: the installed plugins, a plugin's config definitions, and connector
 * config validation. Validation failures other than the type mismatch are answered with 500 and the failure's
 * {@code toString()}, as Apache does on this endpoint (create/update unwrap them instead).
 */
@Singleton
@Path("/connector-plugins")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConnectorPluginsResource {

    private static final String CONNECTOR_CLASS_CONFIG = "connector.class";
    private static final String CONNECTOR_SUFFIX = "Connector";

    private final Herder herder;
    private final RestRequestTimeouts timeouts;

    @Inject
    public ConnectorPluginsResource(Herder herder, RestRequestTimeouts timeouts) {
        this.herder = herder;
        this.timeouts = timeouts;
    }

    @GET
    public List<PluginInfo> listConnectorPlugins(
            @DefaultValue("true") @QueryParam("connectorsOnly") boolean connectorsOnly) {
        return herder.connectorPlugins(connectorsOnly);
    }

    @GET
    @Path("/{pluginName}/config")
    public List<ConfigKeyInfo> getConnectorConfigDef(@PathParam("pluginName") String pluginName,
                                                     @QueryParam("version") String version) {
        return herder.connectorPluginConfig(pluginName, version);
    }

    @PUT
    @Path("/{pluginName}/config/validate")
    public ConfigInfos validateConfigs(@PathParam("pluginName") String pluginName,
                                       Map<String, String> connectorConfig) {
        if (connectorConfig == null) {
            throw new ConnectRestException(500, "The request has no JSON body where one is required");
        }
        String includedClass = connectorConfig.get(CONNECTOR_CLASS_CONFIG);
        if (includedClass != null
                && !withoutConnectorSuffix(includedClass).endsWith(withoutConnectorSuffix(pluginName))) {
            throw new BadRequestException("Included connector type " + includedClass
                    + " does not match request type " + pluginName);
        }

        FutureCallback<ConfigInfos> callback = new FutureCallback<>();
        herder.validateConnectorConfig(connectorConfig, callback);
        try {
            return HerderRequests.awaitRaw(callback, timeouts.requestTimeoutMs());
        } catch (ExecutionException e) {
            throw new ConnectRestException(500, e.getCause().toString(), e.getCause());
        }
    }

    private static String withoutConnectorSuffix(String name) {
        return name.endsWith(CONNECTOR_SUFFIX) ? name.substring(0, name.length() - CONNECTOR_SUFFIX.length()) : name;
    }
}
