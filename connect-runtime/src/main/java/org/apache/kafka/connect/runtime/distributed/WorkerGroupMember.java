package org.apache.kafka.connect.runtime.distributed;

import org.apache.kafka.clients.ApiVersions;
import org.apache.kafka.clients.ClientUtils;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.GroupRebalanceConfig;
import org.apache.kafka.clients.Metadata;
import org.apache.kafka.clients.NetworkClient;
import org.apache.kafka.clients.consumer.internals.ConsumerNetworkClient;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.internals.ClusterResourceListeners;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.MetricsReporter;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.apache.kafka.common.utils.internals.LogContext;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.util.ConnectorTaskId;

import org.slf4j.Logger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A distributed worker's membership in its Connect group: the Kafka clients that talk to the group coordinator
 * (built from the worker's {@link DistributedConfig}: bootstrap servers, security, timeouts) and the
 * {@link WorkerCoordinator} that uses them. The herder's thread calls {@link #poll(long)}; any thread may call
 * {@link #wakeup()} and {@link #requestRejoin(String)}.
 */
public final class WorkerGroupMember {

    private static final String JMX_PREFIX = "kafka.connect";
    private static final String METRIC_GROUP_PREFIX = "connect";
    private static final long CLOSE_TIMEOUT_MS = 30_000;

    private final Logger log;
    private final String clientId;
    private final Time time;
    private final Metrics metrics;
    private final ConsumerNetworkClient client;
    private final WorkerCoordinator coordinator;
    private boolean stopped;

    /**
     * @param config       the worker config
     * @param restUrl      this worker's advertised REST URL, e.g. {@code http://10.0.0.5:8083/}
     * @param workerId     {@code <host>:<port>}, the default group client id is {@code connect-<workerId>}
     * @param configSource the worker's config snapshots
     * @param listener     receives assignments and revocations
     */
    public WorkerGroupMember(DistributedConfig config, String restUrl, String workerId,
                             ClusterConfigSource configSource, WorkerRebalanceListener listener, Time time) {
        this.time = time;
        this.clientId = clientId(config, workerId);
        LogContext logContext = new LogContext("[Worker clientId=" + clientId + ", groupId=" + config.groupId()
                + "] ");
        this.log = logContext.logger(WorkerGroupMember.class);

        Metrics createdMetrics = null;
        NetworkClient networkClient = null;
        try {
            createdMetrics = createMetrics(config, time);
            this.metrics = createdMetrics;
            // The network client reads its client id from the config it is given.
            Map<String, String> clientProps = new HashMap<>(config.originalsStrings());
            clientProps.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
            DistributedConfig clientConfig = new DistributedConfig(clientProps);

            List<String> bootstrapServers = config.getList(WorkerConfig.BOOTSTRAP_SERVERS_CONFIG);
            Metadata metadata = new Metadata(config.getLong(CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG),
                    config.getLong(CommonClientConfigs.RETRY_BACKOFF_MAX_MS_CONFIG),
                    config.getLong(CommonClientConfigs.METADATA_MAX_AGE_CONFIG), logContext,
                    new ClusterResourceListeners());
            ClientUtils.maybeBootstrapMetadataSynchronously(clientConfig, bootstrapServers, metadata);
            networkClient = ClientUtils.createNetworkClient(clientConfig, bootstrapServers, metrics,
                    METRIC_GROUP_PREFIX, logContext, new ApiVersions(), time, 100, metadata, null, null);
            this.client = new ConsumerNetworkClient(logContext, networkClient, metadata, time,
                    config.getLong(CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG),
                    config.getInt(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG), Integer.MAX_VALUE);
            this.coordinator = new WorkerCoordinator(
                    new GroupRebalanceConfig(config, GroupRebalanceConfig.ProtocolType.CONNECT), logContext, client,
                    metrics, METRIC_GROUP_PREFIX, time, restUrl, configSource, listener,
                    ConnectProtocolCompatibility.fromConfigValue(
                            config.getString(DistributedConfig.CONNECT_PROTOCOL_CONFIG)),
                    config.getInt(DistributedConfig.SCHEDULED_REBALANCE_MAX_DELAY_MS_CONFIG));
            AppInfoParser.registerAppInfo(JMX_PREFIX, clientId, metrics, time.milliseconds());
            log.debug("Connect group member created");
        } catch (Throwable t) {
            Utils.closeQuietly(networkClient, "group member network client");
            Utils.closeQuietly(createdMetrics, "group member metrics");
            throw new KafkaException("Failed to construct the Connect group member", t);
        }
    }

    private Metrics createMetrics(DistributedConfig config, Time time) {
        MetricConfig metricConfig = new MetricConfig()
                .samples(config.getInt(WorkerConfig.METRICS_NUM_SAMPLES_CONFIG))
                .timeWindow(config.getLong(WorkerConfig.METRICS_SAMPLE_WINDOW_MS_CONFIG), TimeUnit.MILLISECONDS)
                .tags(Map.of("client-id", clientId))
                .recordLevel(Sensor.RecordingLevel.forName(
                        config.getString(WorkerConfig.METRICS_RECORDING_LEVEL_CONFIG)));
        List<MetricsReporter> reporters = config.getConfiguredInstances(WorkerConfig.METRIC_REPORTER_CLASSES_CONFIG,
                MetricsReporter.class, Map.of(CommonClientConfigs.CLIENT_ID_CONFIG, clientId));
        Map<String, Object> labels = new HashMap<>(config.originalsWithPrefix(WorkerConfig.METRICS_CONTEXT_PREFIX));
        labels.put("connect.group.id", config.groupId());
        return new Metrics(metricConfig, reporters, time, new KafkaMetricsContext(JMX_PREFIX, labels));
    }

    /** Drives membership for up to {@code timeoutMs} (see {@link WorkerCoordinator#poll(long)}). */
    public void poll(long timeoutMs) {
        if (timeoutMs < 0) {
            throw new IllegalArgumentException("Timeout must not be negative");
        }
        coordinator.poll(timeoutMs);
    }

    /** Makes a blocked or the next {@link #poll(long)} throw a WakeupException. */
    public void wakeup() {
        coordinator.wakeup();
    }

    /** Asks for a rebalance at the next poll, e.g. after connectors were added or task configs committed. */
    public void requestRejoin(String reason) {
        coordinator.requestRejoin(reason);
    }

    /** Leaves the group and closes the clients; idempotent. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        log.trace("Stopping the Connect group member");
        try {
            coordinator.close(CLOSE_TIMEOUT_MS);
        } catch (RuntimeException e) {
            log.warn("Failed to leave the group cleanly", e);
        }
        Utils.closeQuietly(client, "group member network client");
        AppInfoParser.unregisterAppInfo(JMX_PREFIX, clientId, metrics);
        Utils.closeQuietly(metrics, "group member metrics");
        log.debug("Connect group member stopped");
    }

    /** The member id the group coordinator gave this worker; empty before the first join. */
    public String memberId() {
        return coordinator.memberId();
    }

    /** The client id of a worker's group clients: {@code client.id}, or {@code connect-<workerId>} if unset. */
    static String clientId(DistributedConfig config, String workerId) {
        String configuredId = config.getString(CommonClientConfigs.CLIENT_ID_CONFIG);
        return configuredId == null || configuredId.isEmpty() ? "connect-" + workerId : configuredId;
    }

    /** The client id of the group clients. */
    public String clientId() {
        return clientId;
    }

    /** The generation of the last join, or -1. */
    public int generationId() {
        return coordinator.generationId();
    }

    /** The protocol the group agreed on, or {@code null} before the first rebalance completed. */
    public ConnectProtocolCompatibility currentProtocol() {
        return coordinator.currentProtocol();
    }

    /** The complete work this worker runs according to its assignments. */
    public ConnectorsAndTasks currentWork() {
        return coordinator.currentWork();
    }

    /** Whether this worker is the Connect leader of the current generation. */
    public boolean isLeader() {
        return coordinator.isLeader();
    }

    /** The leader's REST URL as of the last assignment, or {@code null}. */
    public String leaderUrl() {
        return coordinator.leaderUrl();
    }

    /** On the leader, the REST URL of the worker running the connector, else {@code null}. */
    public String ownerUrl(String connector) {
        return coordinator.ownerUrl(connector);
    }

    /** On the leader, the REST URL of the worker running the task, else {@code null}. */
    public String ownerUrl(ConnectorTaskId task) {
        return coordinator.ownerUrl(task);
    }

    /** The registry of the group clients' metrics (including {@code connect-coordinator-metrics}). */
    Metrics metrics() {
        return metrics;
    }
}
