package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Monitorable;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.runtime.isolation.LoaderSwap;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hands plugin metrics (KIP-877) to plugins that implement {@link Monitorable}: transformations, predicates and the
 * connector client config override policy. Their metrics live in the worker's registry under the group
 * {@code plugins}, with the tags that say which plugin instance they belong to.
 */
final class MonitorablePlugins {

    private MonitorablePlugins() {
    }

    /**
     * Gives {@code plugin} its metrics if it is {@code Monitorable}; {@code withPluginMetrics} is called with the
     * plugin's loader as context loader.
     *
     * @return the plugin's metrics, to be closed when the plugin is; null if the plugin is not {@code Monitorable}
     */
    static PluginMetricsImpl attach(Object plugin, ClassLoader loader, Metrics metrics, Map<String, String> tags) {
        if (!(plugin instanceof Monitorable monitorable)) {
            return null;
        }
        PluginMetricsImpl pluginMetrics = new PluginMetricsImpl(metrics, tags);
        try (LoaderSwap swap = LoaderSwap.swap(loader)) {
            monitorable.withPluginMetrics(pluginMetrics);
        } catch (RuntimeException | LinkageError e) {
            close(pluginMetrics);
            throw e;
        }
        return pluginMetrics;
    }

    /** Removes the metrics a plugin registered; a null argument (plugin not monitorable) is ignored. */
    static void close(PluginMetricsImpl pluginMetrics) {
        if (pluginMetrics != null) {
            Utils.closeQuietly(pluginMetrics, "plugin metrics");
        }
    }

    /** The tags {@code connector}, {@code task} and {@code <role>=<alias>} of a task's per-alias plugin. */
    static Map<String, String> taskPluginTags(String connector, int task, String role, String alias) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("connector", connector);
        tags.put("task", Integer.toString(task));
        tags.put(role, alias);
        return tags;
    }

    /** The tags {@code config=<worker setting>} and {@code class=<simple name>} of a worker-wide plugin. */
    static Map<String, String> workerPluginTags(String config, Object plugin) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("config", config);
        tags.put("class", plugin.getClass().getSimpleName());
        return tags;
    }
}
