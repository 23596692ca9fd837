package org.apache.kafka.connect.rest;

import org.apache.kafka.common.Configurable;
import org.apache.kafka.common.annotation.InterfaceAudience;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.ConnectPlugin;

import java.io.Closeable;

/**
 * A plugin that adds JAX-RS resources or filters (e.g. authentication) to Connect's REST server. It is configured
 * with the worker configuration, then {@link #register} is called once while the server starts.
 */
@InterfaceAudience.Public
public interface ConnectRestExtension extends Configurable, ConnectPlugin, Closeable {

    /**
     * Registers the extension's providers with {@link ConnectRestExtensionContext#configurable()}.
     */
    void register(ConnectRestExtensionContext restPluginContext);

    @Override
    default ConfigDef config() {
        return new ConfigDef();
    }
}
