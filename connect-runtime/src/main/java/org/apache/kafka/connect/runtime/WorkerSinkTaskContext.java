package org.apache.kafka.connect.runtime;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.errors.IllegalWorkerStateException;
import org.apache.kafka.connect.runtime.errors.WorkerErrantRecordReporter;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.apache.kafka.connect.util.ConnectorTaskId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@link SinkTaskContext} of one {@link WorkerSinkTask}: records what the task asks for (rewinds, a retry
 * timeout, a commit) for the worker's loop to act on, hands the partitions it pauses or resumes to the task's
 * {@link SinkPartitionPauses}, and answers questions about the consumer's assignment.
 * <p>
 * Requests that only set state ({@link #offset}, {@link #timeout}, {@link #requestCommit}) may come from any thread.
 * {@link #assignment}, {@link #pause} and {@link #resume} use the consumer, which is not thread-safe: the task must
 * call them from {@code put}, {@code open}, {@code close} or the other callbacks running on the task thread.
 */
public class WorkerSinkTaskContext implements SinkTaskContext {

    private static final Logger log = LoggerFactory.getLogger(WorkerSinkTaskContext.class);

    private final ConnectorTaskId id;
    private final Map<String, String> configs;
    private final Consumer<byte[], byte[]> consumer;
    private final WorkerErrantRecordReporter errantRecordReporter;
    private final SinkPartitionPauses pauses;
    private final Metrics pluginMetricsRegistry;

    private final Map<TopicPartition, Long> pendingRewinds = new HashMap<>();
    private volatile long timeoutMs = -1L;
    private volatile boolean commitRequested;
    private volatile boolean initialized;
    private Metrics ownPluginMetricsRegistry;
    private PluginMetricsImpl pluginMetrics;

    /**
     * @param pauses                the task's partition pauses, which {@link #pause} and {@link #resume} add to
     * @param pluginMetricsRegistry where {@link #pluginMetrics()} registers metrics; null gives the task a private
     *                              registry, so that its metrics calls still work
     */
    WorkerSinkTaskContext(ConnectorTaskId id, Map<String, String> configs, Consumer<byte[], byte[]> consumer,
                          WorkerErrantRecordReporter errantRecordReporter, SinkPartitionPauses pauses,
                          Metrics pluginMetricsRegistry) {
        this.id = id;
        this.configs = Collections.unmodifiableMap(new LinkedHashMap<>(configs));
        this.consumer = consumer;
        this.errantRecordReporter = errantRecordReporter;
        this.pauses = pauses;
        this.pluginMetricsRegistry = pluginMetricsRegistry;
    }

    @Override
    public Map<String, String> configs() {
        return configs;
    }

    @Override
    public void offset(Map<TopicPartition, Long> offsets) {
        synchronized (pendingRewinds) {
            offsets.forEach(this::addRewind);
        }
    }

    @Override
    public void offset(TopicPartition tp, long offset) {
        synchronized (pendingRewinds) {
            addRewind(tp, offset);
        }
    }

    private void addRewind(TopicPartition tp, Long offset) {
        if (offset == null) {
            log.warn("{} Ignoring a request to rewind {} to a null offset", this, tp);
            return;
        }
        log.debug("{} Task asked to rewind {} to offset {}", this, tp, offset);
        pendingRewinds.put(tp, offset);
    }

    @Override
    public void timeout(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    @Override
    public Set<TopicPartition> assignment() {
        ensureInitialized("look up the partition assignment");
        return consumer.assignment();
    }

    @Override
    public void pause(TopicPartition... partitions) {
        ensureInitialized("pause partitions");
        Set<TopicPartition> requested = new HashSet<>(Arrays.asList(partitions));
        ensureAssigned(requested, "pause");
        pauses.pauseForTask(requested);
    }

    @Override
    public void resume(TopicPartition... partitions) {
        ensureInitialized("resume partitions");
        Set<TopicPartition> requested = new HashSet<>(Arrays.asList(partitions));
        ensureAssigned(requested, "resume");
        pauses.resumeForTask(requested);
    }

    @Override
    public void requestCommit() {
        commitRequested = true;
    }

    @Override
    public ErrantRecordReporter errantRecordReporter() {
        return errantRecordReporter;
    }

    @Override
    public synchronized PluginMetrics pluginMetrics() {
        if (pluginMetrics == null) {
            Metrics registry = pluginMetricsRegistry;
            if (registry == null) {
                ownPluginMetricsRegistry = new Metrics();
                registry = ownPluginMetricsRegistry;
            }
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put("connector", id.connector());
            tags.put("task", Integer.toString(id.task()));
            pluginMetrics = new PluginMetricsImpl(registry, tags);
        }
        return pluginMetrics;
    }

    // ---- used by WorkerSinkTask, on the task thread ----

    /** Called just before the task is initialized with this context; from then on the consumer may be used. */
    void markInitialized() {
        initialized = true;
    }

    /** Whether the task asked for a commit since the last call; clears the request. */
    boolean takeCommitRequest() {
        boolean requested = commitRequested;
        commitRequested = false;
        return requested;
    }

    /** The retry timeout the task set since the last call, or -1; clears it (a timeout applies to one wait only). */
    long takeTimeout() {
        long timeout = timeoutMs;
        timeoutMs = -1L;
        return timeout;
    }

    /** Removes and returns the rewinds requested for partitions in {@code assigned}; others stay pending. */
    Map<TopicPartition, Long> takeRewinds(Set<TopicPartition> assigned) {
        synchronized (pendingRewinds) {
            Map<TopicPartition, Long> rewinds = new HashMap<>();
            pendingRewinds.entrySet().removeIf(entry -> {
                if (!assigned.contains(entry.getKey())) {
                    return false;
                }
                rewinds.put(entry.getKey(), entry.getValue());
                return true;
            });
            return rewinds;
        }
    }

    /** Releases the plugin metrics of the task. */
    synchronized void close() {
        if (pluginMetrics != null) {
            Utils.closeQuietly(pluginMetrics, "plugin metrics of " + id);
        }
        if (ownPluginMetricsRegistry != null) {
            Utils.closeQuietly(ownPluginMetricsRegistry, "plugin metrics registry of " + id);
        }
    }

    private void ensureInitialized(String action) {
        if (!initialized) {
            throw new IllegalWorkerStateException("SinkTaskContext may not be used to " + action
                    + " until the task is initialized");
        }
    }

    private void ensureAssigned(Set<TopicPartition> partitions, String action) {
        Set<TopicPartition> assigned = consumer.assignment();
        for (TopicPartition partition : partitions) {
            if (!assigned.contains(partition)) {
                throw new IllegalWorkerStateException("SinkTasks may not " + action
                        + " partitions that are not currently assigned to them.");
            }
        }
    }

    @Override
    public String toString() {
        return "WorkerSinkTaskContext{id=" + id + '}';
    }
}
