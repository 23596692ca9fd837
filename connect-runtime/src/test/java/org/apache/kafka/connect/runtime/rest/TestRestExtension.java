package org.apache.kafka.connect.runtime.rest;

import org.apache.kafka.connect.health.ConnectClusterState;
import org.apache.kafka.connect.rest.ConnectRestExtension;
import org.apache.kafka.connect.rest.ConnectRestExtensionContext;

import java.util.Collection;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A REST extension, loaded by name like a user's, that serves what its cluster view shows. */
public class TestRestExtension implements ConnectRestExtension {

    volatile Map<String, ?> configs;
    volatile int registrations;
    volatile boolean closed;
    volatile ClassLoader registerContextLoader;

    @Override
    public void configure(Map<String, ?> configs) {
        this.configs = configs;
    }

    @Override
    public void register(ConnectRestExtensionContext context) {
        registrations++;
        registerContextLoader = Thread.currentThread().getContextClassLoader();
        context.configurable().register(new ClusterStateResource(context.clusterState()));
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String version() {
        return "1.2.3";
    }

    /** Endpoints under {@code /test-extension} backed by the extension's cluster view. */
    @Path("/test-extension")
    @Produces(MediaType.APPLICATION_JSON)
    public static class ClusterStateResource {

        private final ConnectClusterState clusterState;

        ClusterStateResource(ConnectClusterState clusterState) {
            this.clusterState = clusterState;
        }

        @GET
        @Path("connectors")
        public Collection<String> connectors() {
            return clusterState.connectors();
        }

        @GET
        @Path("connectors/{name}/state")
        public String state(@PathParam("name") String name) {
            return "\"" + clusterState.connectorHealth(name).connectorState().state() + "\"";
        }

        @GET
        @Path("cluster")
        public String clusterId() {
            return "\"" + clusterState.clusterDetails().kafkaClusterId() + "\"";
        }
    }
}
