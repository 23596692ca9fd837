package org.apache.kafka.connect.source;

import org.apache.kafka.common.annotation.InterfaceAudience;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.storage.OffsetStorageReader;

import java.util.Map;

/**
 * The runtime's side of a source task.
 */
@InterfaceAudience.Public
public interface SourceTaskContext {

    /**
     * @return the task's configuration
     */
    Map<String, String> configs();

    /**
     * @return a reader of the offsets committed for the task's source partitions, to resume where it left off
     */
    OffsetStorageReader offsetStorageReader();

    /**
     * @return the context for defining transaction boundaries, or null unless the task runs with exactly-once
     *         support and {@code transaction.boundary=connector}
     */
    default TransactionContext transactionContext() {
        return null;
    }

    PluginMetrics pluginMetrics();
}
