package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Monitorable;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.storage.Converter;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;

/**
 * A task's {@link Converter} that runs every call with the converter's plugin class loader as the thread context
 * loader (4.1+), so that the plugin finds its own resources however it is called.
 * <p>
 * Calls sit on the per-record path: the loader is only set when it is not already current, and nothing is
 * allocated. Every method forwards to the same method of the plugin, so the plugin's own choice between the
 * header-aware and the plain variants is kept.
 */
final class LoaderSwappingConverter implements Converter {

    private final Converter plugin;
    private final ClassLoader loader;
    /** The plugin's metrics if it is {@code Monitorable} and a task attached them; closed with the converter. */
    private volatile PluginMetricsImpl pluginMetrics;

    LoaderSwappingConverter(Converter plugin, ClassLoader loader) {
        this.plugin = Objects.requireNonNull(plugin, "plugin");
        this.loader = loader;
    }

    /** The converter instance this wraps. */
    Converter plugin() {
        return plugin;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        ClassLoader previous = enter(loader);
        try {
            plugin.configure(configs, isKey);
        } finally {
            exit(previous);
        }
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        ClassLoader previous = enter(loader);
        try {
            return plugin.fromConnectData(topic, schema, value);
        } finally {
            exit(previous);
        }
    }

    @Override
    public byte[] fromConnectData(String topic, Headers headers, Schema schema, Object value) {
        ClassLoader previous = enter(loader);
        try {
            return plugin.fromConnectData(topic, headers, schema, value);
        } finally {
            exit(previous);
        }
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        ClassLoader previous = enter(loader);
        try {
            return plugin.toConnectData(topic, value);
        } finally {
            exit(previous);
        }
    }

    @Override
    public SchemaAndValue toConnectData(String topic, Headers headers, byte[] value) {
        ClassLoader previous = enter(loader);
        try {
            return plugin.toConnectData(topic, headers, value);
        } finally {
            exit(previous);
        }
    }

    @Override
    public ConfigDef config() {
        ClassLoader previous = enter(loader);
        try {
            return plugin.config();
        } finally {
            exit(previous);
        }
    }

    @Override
    public String version() {
        ClassLoader previous = enter(loader);
        try {
            return plugin.version();
        } finally {
            exit(previous);
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
        ClassLoader previous = enter(loader);
        try {
            plugin.close();
        } finally {
            exit(previous);
            LoaderSwappingConverter.closePluginMetrics(pluginMetrics);
        }
    }

    @Override
    public String toString() {
        return plugin.toString();
    }

    /** @return the plugin's metrics, or null if the plugin is not {@code Monitorable} */
    static PluginMetricsImpl attachPluginMetrics(Object plugin, ClassLoader loader, Metrics metrics,
                                                 Map<String, String> tags) {
        if (!(plugin instanceof Monitorable monitorable)) {
            return null;
        }
        PluginMetricsImpl pluginMetrics = new PluginMetricsImpl(metrics, tags);
        ClassLoader previous = enter(loader);
        try {
            monitorable.withPluginMetrics(pluginMetrics);
        } finally {
            exit(previous);
        }
        return pluginMetrics;
    }

    static void closePluginMetrics(PluginMetricsImpl pluginMetrics) {
        if (pluginMetrics != null) {
            Utils.closeQuietly(pluginMetrics, "converter plugin metrics");
        }
    }

    /**
     * Makes {@code loader} the calling thread's context loader if it is not already.
     *
     * @return the context loader to hand to {@link #exit} once the call is done
     */
    static ClassLoader enter(ClassLoader loader) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        if (previous != loader) {
            thread.setContextClassLoader(loader);
        }
        return previous;
    }

    /** Restores the context loader {@link #enter} returned, if the call left another one in place. */
    static void exit(ClassLoader previous) {
        Thread thread = Thread.currentThread();
        if (thread.getContextClassLoader() != previous) {
            thread.setContextClassLoader(previous);
        }
    }
}
