package org.apache.kafka.connect.sink;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.annotation.InterfaceAudience;
import org.apache.kafka.common.metrics.PluginMetrics;

import java.util.Map;
import java.util.Set;

/**
 * The runtime's side of a sink task: offsets, flow control and commit requests for the task's consumer.
 */
@InterfaceAudience.Public
public interface SinkTaskContext {

    /**
     * @return the task's configuration
     */
    Map<String, String> configs();

    /**
     * Resets the consumer to the given offsets, e.g. when the task keeps offsets in the sink system.
     */
    void offset(Map<TopicPartition, Long> offsets);

    /**
     * Resets the consumer to the given offset of one partition.
     */
    void offset(TopicPartition tp, long offset);

    /**
     * Sets how long to wait before {@code put} is retried after the task threw a {@code RetriableException}.
     */
    void timeout(long timeoutMs);

    /**
     * @return the partitions currently assigned to the task
     */
    Set<TopicPartition> assignment();

    /**
     * Stops fetching from the given partitions until they are resumed.
     */
    void pause(TopicPartition... partitions);

    void resume(TopicPartition... partitions);

    /**
     * Asks for an offset commit as soon as possible.
     */
    void requestCommit();

    /**
     * @return the reporter for records the task cannot process, or null if the runtime offers none
     */
    default ErrantRecordReporter errantRecordReporter() {
        return null;
    }

    PluginMetrics pluginMetrics();
}
