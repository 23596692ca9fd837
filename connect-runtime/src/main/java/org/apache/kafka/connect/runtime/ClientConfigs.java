package org.apache.kafka.connect.runtime;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigRequest;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigRequest.ClientType;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.health.ConnectorType;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds the settings of the Kafka clients a worker creates for connectors and tasks (worker-config.md §5), lowest
 * precedence first: the worker's defaults for connector clients, the worker's {@code producer.} / {@code consumer.}
 * / {@code admin.} settings, the Connect metrics context labels, and the connector's {@code *.override.} settings,
 * which the worker's {@link ConnectorClientConfigOverridePolicy} must allow.
 */
public final class ClientConfigs {

    private static final Logger log = LoggerFactory.getLogger(ClientConfigs.class);

    public static final String PRODUCER_PREFIX = "producer.";
    public static final String CONSUMER_PREFIX = "consumer.";
    public static final String ADMIN_PREFIX = "admin.";
    /** Metrics context labels every connector client gets. */
    public static final String CONNECT_KAFKA_CLUSTER_ID = "connect.kafka.cluster.id";
    public static final String CONNECT_GROUP_ID = "connect.group.id";

    private static final String ENABLE_IDEMPOTENCE = ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG;

    private ClientConfigs() {
    }

    /** The producer of a regular (not exactly-once) source task; also used for a sink task's dead letter queue. */
    public static Map<String, Object> sourceProducerConfigs(ConnectorTaskId id, String defaultClientId,
                                                            WorkerConfig workerConfig, ConnectorConfig connConfig,
                                                            Class<? extends Connector> connectorClass,
                                                            ConnectorClientConfigOverridePolicy policy,
                                                            String kafkaClusterId) {
        return baseProducerConfigs(id.connector(), defaultClientId, workerConfig, connConfig, connectorClass, policy,
                kafkaClusterId);
    }

    /**
     * A producer for a connector: byte-array serializers, no idempotence, {@code acks=all}, one request in flight,
     * and it blocks and retries (almost) forever, so that records are neither lost nor reordered.
     */
    public static Map<String, Object> baseProducerConfigs(String connName, String defaultClientId,
                                                          WorkerConfig workerConfig, ConnectorConfig connConfig,
                                                          Class<? extends Connector> connectorClass,
                                                          ConnectorClientConfigOverridePolicy policy,
                                                          String kafkaClusterId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, workerConfig.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(Long.MAX_VALUE));
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(Integer.MAX_VALUE));
        props.put(ProducerConfig.CLIENT_ID_CONFIG, defaultClientId);
        props.putAll(workerConfig.originalsWithPrefix(PRODUCER_PREFIX));
        addMetricsContext(props, workerConfig, kafkaClusterId);
        props.putAll(allowedOverrides(connName, connConfig, connectorClass, policy,
                ConnectorConfig.CONNECTOR_CLIENT_PRODUCER_OVERRIDES_PREFIX, ClientType.PRODUCER));
        return props;
    }

    /**
     * The transactional producer of an exactly-once source task: as {@link #baseProducerConfigs} with idempotence
     * on and the task's transactional id, neither of which a connector may change.
     */
    public static Map<String, Object> exactlyOnceSourceTaskProducerConfigs(ConnectorTaskId id,
                                                                           WorkerConfig workerConfig,
                                                                           ConnectorConfig connConfig,
                                                                           Class<? extends Connector> connectorClass,
                                                                           ConnectorClientConfigOverridePolicy policy,
                                                                           String kafkaClusterId) {
        Map<String, Object> props = baseProducerConfigs(id.connector(), "connector-producer-" + id, workerConfig,
                connConfig, connectorClass, policy, kafkaClusterId);
        for (Object requested : List.of(
                workerConfig.originalsWithPrefix(PRODUCER_PREFIX).getOrDefault(ENABLE_IDEMPOTENCE, "true"),
                connConfig.originalsWithPrefix(ConnectorConfig.CONNECTOR_CLIENT_PRODUCER_OVERRIDES_PREFIX)
                        .getOrDefault(ENABLE_IDEMPOTENCE, "true"))) {
            if (!"true".equalsIgnoreCase(String.valueOf(requested).trim())) {
                log.warn("Ignoring {}={} for exactly-once source task {}: its producer must be idempotent",
                        ENABLE_IDEMPOTENCE, requested, id);
            }
        }
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                taskTransactionalId(workerConfig.groupId(), id.connector(), id.task()));
        return props;
    }

    /** The transactional id of an exactly-once source task: {@code <group.id>-<connector>-<task>}. */
    public static String taskTransactionalId(String groupId, String connector, int taskId) {
        return groupId + "-" + connector + "-" + taskId;
    }

    /**
     * The consumer of a sink task: group {@code connect-<connector>} (unless overridden), no auto-commit, reading
     * from the earliest offset when the group has none, byte-array deserializers.
     */
    public static Map<String, Object> sinkConsumerConfigs(ConnectorTaskId id, String defaultClientId,
                                                          WorkerConfig workerConfig, ConnectorConfig connConfig,
                                                          Class<? extends Connector> connectorClass,
                                                          ConnectorClientConfigOverridePolicy policy,
                                                          String kafkaClusterId) {
        return baseConsumerConfigs(id.connector(), defaultClientId, workerConfig, connConfig, connectorClass, policy,
                kafkaClusterId);
    }

    public static Map<String, Object> baseConsumerConfigs(String connName, String defaultClientId,
                                                          WorkerConfig workerConfig, ConnectorConfig connConfig,
                                                          Class<? extends Connector> connectorClass,
                                                          ConnectorClientConfigOverridePolicy policy,
                                                          String kafkaClusterId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, sinkConsumerGroupId(connName));
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, defaultClientId);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, workerConfig.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.putAll(workerConfig.originalsWithPrefix(CONSUMER_PREFIX));
        addMetricsContext(props, workerConfig, kafkaClusterId);
        props.putAll(allowedOverrides(connName, connConfig, connectorClass, policy,
                ConnectorConfig.CONNECTOR_CLIENT_CONSUMER_OVERRIDES_PREFIX, ClientType.CONSUMER));
        return props;
    }

    /**
     * A consumer of a source connector's offsets topic: reads only committed offsets unless the connector or worker
     * configures otherwise.
     */
    public static Map<String, Object> regularSourceOffsetsConsumerConfigs(String connName, String defaultClientId,
                                                                          WorkerConfig workerConfig,
                                                                          ConnectorConfig connConfig,
                                                                          Class<? extends Connector> connectorClass,
                                                                          ConnectorClientConfigOverridePolicy policy,
                                                                          String kafkaClusterId) {
        Map<String, Object> props = baseConsumerConfigs(connName, defaultClientId, workerConfig, connConfig,
                connectorClass, policy, kafkaClusterId);
        props.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted());
        return props;
    }

    /** As {@link #regularSourceOffsetsConsumerConfigs}, but reading only committed offsets is forced. */
    public static Map<String, Object> exactlyOnceSourceOffsetsConsumerConfigs(
            String connName, String defaultClientId, WorkerConfig workerConfig, ConnectorConfig connConfig,
            Class<? extends Connector> connectorClass, ConnectorClientConfigOverridePolicy policy,
            String kafkaClusterId) {
        Map<String, Object> props = baseConsumerConfigs(connName, defaultClientId, workerConfig, connConfig,
                connectorClass, policy, kafkaClusterId);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted());
        return props;
    }

    private static String readCommitted() {
        return IsolationLevel.READ_COMMITTED.toString().toLowerCase(Locale.ROOT);
    }

    /** The consumer group of a sink connector, unless {@code consumer.override.group.id} says otherwise. */
    public static String sinkConsumerGroupId(String connName) {
        return "connect-" + connName;
    }

    /**
     * An admin client for a connector: the worker's settings without prefix (everything not under
     * {@code admin.}, {@code producer.} or {@code consumer.}), then its {@code admin.} settings, then the
     * connector's {@code admin.override.} settings.
     */
    public static Map<String, Object> adminConfigs(String connName, String defaultClientId, WorkerConfig workerConfig,
                                                   ConnectorConfig connConfig,
                                                   Class<? extends Connector> connectorClass,
                                                   ConnectorClientConfigOverridePolicy policy,
                                                   String kafkaClusterId) {
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, workerConfig.bootstrapServers());
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, defaultClientId);
        workerConfig.originals().forEach((key, value) -> {
            if (!key.startsWith(ADMIN_PREFIX) && !key.startsWith(PRODUCER_PREFIX) && !key.startsWith(CONSUMER_PREFIX)) {
                props.put(key, value);
            }
        });
        props.putAll(workerConfig.originalsWithPrefix(ADMIN_PREFIX));
        props.putAll(allowedOverrides(connName, connConfig, connectorClass, policy,
                ConnectorConfig.CONNECTOR_CLIENT_ADMIN_OVERRIDES_PREFIX, ClientType.ADMIN));
        addMetricsContext(props, workerConfig, kafkaClusterId);
        return props;
    }

    /** Adds the Connect labels to the metrics context of a client. */
    public static void addMetricsContext(Map<String, Object> props, WorkerConfig workerConfig,
                                         String kafkaClusterId) {
        props.put(CommonClientConfigs.METRICS_CONTEXT_PREFIX + CONNECT_KAFKA_CLUSTER_ID, kafkaClusterId);
        String groupId = workerConfig.groupId();
        if (groupId != null) {
            props.put(CommonClientConfigs.METRICS_CONTEXT_PREFIX + CONNECT_GROUP_ID, groupId);
        }
    }

    /** The kind of a connector class as the override policy sees it. */
    public static ConnectorType connectorType(Class<? extends Connector> connectorClass) {
        if (SinkConnector.class.isAssignableFrom(connectorClass)) {
            return ConnectorType.SINK;
        }
        return SourceConnector.class.isAssignableFrom(connectorClass) ? ConnectorType.SOURCE : ConnectorType.UNKNOWN;
    }

    /**
     * The connector's settings under {@code prefix} (prefix removed), after the policy has allowed them.
     *
     * @throws ConnectException {@code Client Config Overrides not allowed [...]} listing what the policy rejected
     */
    private static Map<String, Object> allowedOverrides(String connName, ConnectorConfig connConfig,
                                                        Class<? extends Connector> connectorClass,
                                                        ConnectorClientConfigOverridePolicy policy, String prefix,
                                                        ClientType clientType) {
        Map<String, Object> overrides = connConfig.originalsWithPrefix(prefix);
        if (overrides.isEmpty()) {
            return overrides;
        }
        ConnectorClientConfigRequest request = new ConnectorClientConfigRequest(connName,
                connectorType(connectorClass), connectorClass, overrides, clientType);
        List<ConfigValue> rejected = policy.validate(request).stream()
                .filter(value -> !value.errorMessages().isEmpty())
                .collect(Collectors.toList());
        if (!rejected.isEmpty()) {
            throw new ConnectException("Client Config Overrides not allowed " + rejected);
        }
        return overrides;
    }
}
