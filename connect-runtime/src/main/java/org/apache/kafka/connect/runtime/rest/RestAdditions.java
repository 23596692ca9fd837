package org.apache.kafka.connect.runtime.rest;

import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.runtime.AbstractHerder;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.Loggers;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.runtime.health.ConnectClusterStateImpl;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.runtime.rest.resources.LoggersResource;

import org.glassfish.jersey.internal.inject.AbstractBinder;

/**
 * What a worker serves besides the core resources: the admin loggers endpoints and the configured REST extensions
 * ({@code rest.extension.classes}), installed on a {@link RestServer} before its resources are initialized. Closing
 * closes the extensions; do it after the server has stopped.
 */
public final class RestAdditions implements AutoCloseable {

    private final RestExtensions extensions;

    private RestAdditions(RestExtensions extensions) {
        this.extensions = extensions;
    }

    /**
     * Registers the loggers resource and the extensions on {@code rest}; extensions see the herder's cluster state.
     * The loggers resource drives the herder's own {@link Loggers} when it has one, so that levels changed through
     * the API and those the herder applies (cluster scope) share their {@code last_modified} record.
     */
    public static RestAdditions install(RestServer rest, WorkerConfig config, Plugins plugins, Herder herder) {
        Loggers loggers = herder instanceof AbstractHerder abstractHerder
                ? abstractHerder.loggers()
                : Loggers.newInstance(Time.SYSTEM);
        rest.registerAdminResource(LoggersResource.class);
        rest.registerAdminResource(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(loggers).to(Loggers.class);
            }
        });
        RestExtensions extensions = RestExtensions.load(config, plugins);
        Integer rebalanceTimeout = config.rebalanceTimeout();
        long clusterStateTimeoutMs = rebalanceTimeout != null
                ? rebalanceTimeout : RestRequestTimeouts.DEFAULT.requestTimeoutMs();
        ConnectClusterStateImpl clusterState = new ConnectClusterStateImpl(herder, clusterStateTimeoutMs);
        rest.addResourceConfigCustomizer((resources, adminContext) -> extensions.register(resources, clusterState));
        return new RestAdditions(extensions);
    }

    @Override
    public void close() {
        extensions.close();
    }
}
