package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.source.TransactionContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@link SourceTaskContext} of a regular (not exactly-once) source task: its configuration and a reader of its
 * connector's committed offsets. There are no transactions, so {@link #transactionContext()} is {@code null}.
 */
final class WorkerSourceTaskContext implements SourceTaskContext {

    private final Map<String, String> taskConfig;
    private final OffsetStorageReader offsetReader;
    private final PluginMetrics pluginMetrics;

    /**
     * @param pluginMetrics the metrics the task may register (KIP-877); {@code null} while the worker provides none
     */
    WorkerSourceTaskContext(Map<String, String> taskConfig, OffsetStorageReader offsetReader,
                            PluginMetrics pluginMetrics) {
        this.taskConfig = Collections.unmodifiableMap(new HashMap<>(taskConfig));
        this.offsetReader = offsetReader;
        this.pluginMetrics = pluginMetrics;
    }

    @Override
    public Map<String, String> configs() {
        return taskConfig;
    }

    @Override
    public OffsetStorageReader offsetStorageReader() {
        return offsetReader;
    }

    @Override
    public TransactionContext transactionContext() {
        return null;
    }

    @Override
    public PluginMetrics pluginMetrics() {
        return pluginMetrics;
    }
}
