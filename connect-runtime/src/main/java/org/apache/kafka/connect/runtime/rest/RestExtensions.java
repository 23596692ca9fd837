package org.apache.kafka.connect.runtime.rest;

import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.health.ConnectClusterState;
import org.apache.kafka.connect.rest.ConnectRestExtension;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.runtime.isolation.LoaderSwap;
import org.apache.kafka.connect.runtime.isolation.PluginClassLoader;
import org.apache.kafka.connect.runtime.isolation.Plugins;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.core.Configurable;

/**
 * The REST extensions of {@code rest.extension.classes}: instantiated as plugins and configured with the worker's
 * original properties, in the configured order, then registered on each resource config the REST server builds
 * (the main one and, when separate, the admin one, so that e.g. an authentication filter guards both), and closed
 * when the server stops. Every call into an extension runs with the extension's plugin loader as context loader.
 */
public final class RestExtensions implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RestExtensions.class);

    private final Plugins plugins;
    private final List<ConnectRestExtension> extensions;

    private RestExtensions(Plugins plugins, List<ConnectRestExtension> extensions) {
        this.plugins = plugins;
        this.extensions = extensions;
    }

    /**
     * Instantiates and configures the worker's REST extensions; those already created are closed if one fails.
     *
     * @throws ConnectException if an extension cannot be found, instantiated or configured
     */
    public static RestExtensions load(WorkerConfig config, Plugins plugins) {
        List<ConnectRestExtension> loaded = new ArrayList<>();
        RestExtensions extensions = new RestExtensions(plugins, loaded);
        try {
            for (String className : config.getList(WorkerConfig.REST_EXTENSION_CLASSES_CONFIG)) {
                ConnectRestExtension extension = plugins.newPlugin(className, ConnectRestExtension.class);
                loaded.add(extension);
                try (LoaderSwap swap = extensions.swapTo(extension)) {
                    extension.configure(config.originals());
                }
                log.info("Loaded REST extension {}", extension.getClass().getName());
            }
        } catch (RuntimeException e) {
            extensions.close();
            throw e instanceof ConnectException ? e : new ConnectException("Failed to load REST extensions", e);
        }
        return extensions;
    }

    /** Lets every extension register its components on {@code resources}; call once per resource config. */
    public void register(Configurable<?> resources, ConnectClusterState clusterState) {
        ConnectRestExtensionContextImpl context =
                new ConnectRestExtensionContextImpl(new DuplicateRefusingConfigurable(resources), clusterState);
        for (ConnectRestExtension extension : extensions) {
            try (LoaderSwap swap = swapTo(extension)) {
                extension.register(context);
            }
        }
    }

    /** The loaded extensions, in configuration order. */
    public List<ConnectRestExtension> extensions() {
        return List.copyOf(extensions);
    }

    /** Closes every extension, logging (not throwing) the failures. */
    @Override
    public void close() {
        for (ConnectRestExtension extension : extensions) {
            try (LoaderSwap swap = swapTo(extension)) {
                Utils.closeQuietly(extension, "REST extension " + extension.getClass().getName());
            }
        }
    }

    private LoaderSwap swapTo(ConnectRestExtension extension) {
        ClassLoader loader = extension.getClass().getClassLoader();
        return plugins.withClassLoader(loader instanceof PluginClassLoader ? loader : plugins.delegatingLoader());
    }
}
