package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.storage.HeaderConverter;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;

/**
 * A task's {@link HeaderConverter} that runs every call with the converter's plugin class loader as the thread
 * context loader (4.1+); see {@link LoaderSwappingConverter}, whose swap this shares.
 */
final class LoaderSwappingHeaderConverter implements HeaderConverter {

    private final HeaderConverter plugin;
    private final ClassLoader loader;
    /** The plugin's metrics if it is {@code Monitorable} and a task attached them; closed with the converter. */
    private volatile PluginMetricsImpl pluginMetrics;

    LoaderSwappingHeaderConverter(HeaderConverter plugin, ClassLoader loader) {
        this.plugin = Objects.requireNonNull(plugin, "plugin");
        this.loader = loader;
    }

    /** The header converter instance this wraps. */
    HeaderConverter plugin() {
        return plugin;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        ClassLoader previous = LoaderSwappingConverter.enter(loader);
        try {
            plugin.configure(configs);
        } finally {
            LoaderSwappingConverter.exit(previous);
        }
    }

    @Override
    public SchemaAndValue toConnectHeader(String topic, String headerKey, byte[] value) {
        ClassLoader previous = LoaderSwappingConverter.enter(loader);
        try {
            return plugin.toConnectHeader(topic, headerKey, value);
        } finally {
            LoaderSwappingConverter.exit(previous);
        }
    }

    @Override
    public byte[] fromConnectHeader(String topic, String headerKey, Schema schema, Object value) {
        ClassLoader previous = LoaderSwappingConverter.enter(loader);
        try {
            return plugin.fromConnectHeader(topic, headerKey, schema, value);
        } finally {
            LoaderSwappingConverter.exit(previous);
        }
    }

    @Override
    public ConfigDef config() {
        ClassLoader previous = LoaderSwappingConverter.enter(loader);
        try {
            return plugin.config();
        } finally {
            LoaderSwappingConverter.exit(previous);
        }
    }

    @Override
    public String version() {
        ClassLoader previous = LoaderSwappingConverter.enter(loader);
        try {
            return plugin.version();
        } finally {
            LoaderSwappingConverter.exit(previous);
        }
    }

    /**
     * Gives a {@code Monitorable} plugin its metrics, registered in {@code metrics} with {@code tags} (KIP-877);
     * does nothing for other plugins.
     */
    void attachPluginMetrics(Metrics metrics, Map<String, String> tags) {
        pluginMetrics = LoaderSwappingConverter.attachPluginMetrics(plugin, loader, metrics, tags);
    }

    @Override
    public void close() throws IOException {
        ClassLoader previous = LoaderSwappingConverter.enter(loader);
        try {
            plugin.close();
        } finally {
            LoaderSwappingConverter.exit(previous);
            LoaderSwappingConverter.closePluginMetrics(pluginMetrics);
        }
    }

    @Override
    public String toString() {
        return plugin.toString();
    }
}
