package org.apache.kafka.connect.runtime.distributed;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.MetadataRecoveryStrategy;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.crypto.KeyGenerator;
import javax.crypto.Mac;

/**
 * Properties of a distributed worker (worker-config.md §3): the common worker properties plus group membership,
 * the three internal topics and their creation settings, exactly-once source support, inter-worker request
 * signing and the settings of the group-membership client. Parse with the plugins' delegating loader current, as
 * {@link WorkerConfig} explains.
 */
public class DistributedConfig extends WorkerConfig {

    private static final Logger log = LoggerFactory.getLogger(DistributedConfig.class);

    public static final String GROUP_ID_CONFIG = CommonClientConfigs.GROUP_ID_CONFIG;
    public static final String SESSION_TIMEOUT_MS_CONFIG = CommonClientConfigs.SESSION_TIMEOUT_MS_CONFIG;
    public static final String HEARTBEAT_INTERVAL_MS_CONFIG = CommonClientConfigs.HEARTBEAT_INTERVAL_MS_CONFIG;
    public static final String REBALANCE_TIMEOUT_MS_CONFIG = CommonClientConfigs.REBALANCE_TIMEOUT_MS_CONFIG;
    public static final String WORKER_SYNC_TIMEOUT_MS_CONFIG = "worker.sync.timeout.ms";
    public static final String WORKER_UNSYNC_BACKOFF_MS_CONFIG = "worker.unsync.backoff.ms";
    public static final int WORKER_UNSYNC_BACKOFF_MS_DEFAULT = 300_000;

    /** Prefixes of the settings of each internal topic; other keys under them become topic-level configs. */
    public static final String CONFIG_STORAGE_PREFIX = "config.storage.";
    public static final String OFFSET_STORAGE_PREFIX = "offset.storage.";
    public static final String STATUS_STORAGE_PREFIX = "status.storage.";
    public static final String TOPIC_SUFFIX = "topic";
    public static final String PARTITIONS_SUFFIX = "partitions";
    public static final String REPLICATION_FACTOR_SUFFIX = "replication.factor";

    public static final String OFFSET_STORAGE_TOPIC_CONFIG = OFFSET_STORAGE_PREFIX + TOPIC_SUFFIX;
    public static final String OFFSET_STORAGE_PARTITIONS_CONFIG = OFFSET_STORAGE_PREFIX + PARTITIONS_SUFFIX;
    public static final String OFFSET_STORAGE_REPLICATION_FACTOR_CONFIG = OFFSET_STORAGE_PREFIX + REPLICATION_FACTOR_SUFFIX;
    public static final String CONFIG_TOPIC_CONFIG = CONFIG_STORAGE_PREFIX + TOPIC_SUFFIX;
    public static final String CONFIG_STORAGE_REPLICATION_FACTOR_CONFIG = CONFIG_STORAGE_PREFIX + REPLICATION_FACTOR_SUFFIX;
    public static final String STATUS_STORAGE_TOPIC_CONFIG = STATUS_STORAGE_PREFIX + TOPIC_SUFFIX;
    public static final String STATUS_STORAGE_PARTITIONS_CONFIG = STATUS_STORAGE_PREFIX + PARTITIONS_SUFFIX;
    public static final String STATUS_STORAGE_REPLICATION_FACTOR_CONFIG = STATUS_STORAGE_PREFIX + REPLICATION_FACTOR_SUFFIX;

    public static final String CONNECT_PROTOCOL_CONFIG = "connect.protocol";
    public static final String CONNECT_PROTOCOL_DEFAULT = "sessioned";
    public static final String SCHEDULED_REBALANCE_MAX_DELAY_MS_CONFIG = "scheduled.rebalance.max.delay.ms";
    public static final int SCHEDULED_REBALANCE_MAX_DELAY_MS_DEFAULT = 300_000;

    public static final String EXACTLY_ONCE_SOURCE_SUPPORT_CONFIG = "exactly.once.source.support";
    public static final String EXACTLY_ONCE_SOURCE_SUPPORT_DEFAULT = "disabled";

    public static final String INTER_WORKER_KEY_GENERATION_ALGORITHM_CONFIG = "inter.worker.key.generation.algorithm";
    public static final String INTER_WORKER_KEY_GENERATION_ALGORITHM_DEFAULT = "HmacSHA256";
    public static final String INTER_WORKER_KEY_SIZE_CONFIG = "inter.worker.key.size";
    public static final String INTER_WORKER_KEY_TTL_MS_CONFIG = "inter.worker.key.ttl.ms";
    public static final int INTER_WORKER_KEY_TTL_MS_DEFAULT = 3_600_000;
    public static final String INTER_WORKER_SIGNATURE_ALGORITHM_CONFIG = "inter.worker.signature.algorithm";
    public static final String INTER_WORKER_SIGNATURE_ALGORITHM_DEFAULT = "HmacSHA256";
    public static final String INTER_WORKER_VERIFICATION_ALGORITHMS_CONFIG = "inter.worker.verification.algorithms";
    public static final List<String> INTER_WORKER_VERIFICATION_ALGORITHMS_DEFAULT = List.of("HmacSHA256");

    public static final String INTERNAL_TOPICS_AUTOMATIC_CREATION_ENABLE_CONFIG =
            "internal.topics.automatic.creation.enable";

    /** The suffixes under a storage prefix that are worker settings rather than topic-level configs. */
    private static final Set<String> NON_TOPIC_SUFFIXES = Set.of(TOPIC_SUFFIX, PARTITIONS_SUFFIX,
            REPLICATION_FACTOR_SUFFIX, "cleanup.policy");

    private static final ConfigDef CONFIG = distributedConfigDef();

    public DistributedConfig(Map<String, String> props) {
        super(CONFIG, props);
        checkVerificationAlgorithmsIncludeSignature();
        warnAboutIgnoredTopicSettings();
        if (getLong(CommonClientConfigs.CONNECTIONS_MAX_IDLE_MS_CONFIG) < getInt(REBALANCE_TIMEOUT_MS_CONFIG)) {
            log.warn("'{}' ({} ms) is shorter than '{}' ({} ms): idle connections to the group coordinator may be "
                            + "closed while a rebalance is still running",
                    CommonClientConfigs.CONNECTIONS_MAX_IDLE_MS_CONFIG,
                    getLong(CommonClientConfigs.CONNECTIONS_MAX_IDLE_MS_CONFIG), REBALANCE_TIMEOUT_MS_CONFIG,
                    getInt(REBALANCE_TIMEOUT_MS_CONFIG));
        }
    }

    /** A copy of the definitions, e.g. for documentation. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }

    private static ConfigDef distributedConfigDef() {
        return baseConfigDef()
                .define(GROUP_ID_CONFIG, Type.STRING, Importance.HIGH,
                        "Id of the Connect cluster: the Kafka group its workers join.")
                .define(SESSION_TIMEOUT_MS_CONFIG, Type.INT, 10_000, Importance.HIGH,
                        "Time without heartbeats after which a worker is removed from the group.")
                .define(HEARTBEAT_INTERVAL_MS_CONFIG, Type.INT, 3_000, Importance.HIGH,
                        "Time between heartbeats to the group coordinator.")
                .define(REBALANCE_TIMEOUT_MS_CONFIG, Type.INT, 60_000, Importance.HIGH,
                        "Longest time every member may take to rejoin the group during a rebalance.")
                .define(WORKER_SYNC_TIMEOUT_MS_CONFIG, Type.INT, 3_000, Importance.MEDIUM,
                        "How long a worker tries to catch up with the config topic before it leaves the group.")
                .define(WORKER_UNSYNC_BACKOFF_MS_CONFIG, Type.INT, WORKER_UNSYNC_BACKOFF_MS_DEFAULT, Importance.MEDIUM,
                        "How long a worker that could not catch up waits before it rejoins.")
                .define(OFFSET_STORAGE_TOPIC_CONFIG, Type.STRING, Importance.HIGH,
                        "Compacted topic holding source connector offsets.")
                .define(OFFSET_STORAGE_PARTITIONS_CONFIG, Type.INT, 25, new PositiveOrBrokerDefault(), Importance.LOW,
                        "Partitions of the offsets topic when the worker creates it; -1 for the broker default.")
                .define(OFFSET_STORAGE_REPLICATION_FACTOR_CONFIG, Type.SHORT, (short) 3, new PositiveOrBrokerDefault(),
                        Importance.LOW,
                        "Replication factor of the offsets topic when the worker creates it; -1 for the broker "
                                + "default.")
                .define(CONFIG_TOPIC_CONFIG, Type.STRING, Importance.HIGH,
                        "Compacted single-partition topic holding connector and task configurations.")
                .define(CONFIG_STORAGE_REPLICATION_FACTOR_CONFIG, Type.SHORT, (short) 3, new PositiveOrBrokerDefault(),
                        Importance.LOW,
                        "Replication factor of the config topic when the worker creates it; -1 for the broker "
                                + "default.")
                .define(STATUS_STORAGE_TOPIC_CONFIG, Type.STRING, Importance.HIGH,
                        "Compacted topic holding connector and task statuses.")
                .define(STATUS_STORAGE_PARTITIONS_CONFIG, Type.INT, 5, new PositiveOrBrokerDefault(), Importance.LOW,
                        "Partitions of the status topic when the worker creates it; -1 for the broker default.")
                .define(STATUS_STORAGE_REPLICATION_FACTOR_CONFIG, Type.SHORT, (short) 3, new PositiveOrBrokerDefault(),
                        Importance.LOW,
                        "Replication factor of the status topic when the worker creates it; -1 for the broker "
                                + "default.")
                .define(CONNECT_PROTOCOL_CONFIG, Type.STRING, CONNECT_PROTOCOL_DEFAULT,
                        ConfigDef.CaseInsensitiveValidString.in("eager", "compatible", "sessioned"), Importance.LOW,
                        "Highest Connect group protocol this worker offers.")
                .define(SCHEDULED_REBALANCE_MAX_DELAY_MS_CONFIG, Type.INT, SCHEDULED_REBALANCE_MAX_DELAY_MS_DEFAULT,
                        Range.between(0, Integer.MAX_VALUE), Importance.LOW,
                        "How long the work of departed workers waits before it is reassigned.")
                .define(EXACTLY_ONCE_SOURCE_SUPPORT_CONFIG, Type.STRING, EXACTLY_ONCE_SOURCE_SUPPORT_DEFAULT,
                        ConfigDef.CaseInsensitiveValidString.in("disabled", "preparing", "enabled"), Importance.HIGH,
                        "Exactly-once support for source connectors: disabled, preparing (leader writes "
                                + "transactionally) or enabled.")
                .define(INTER_WORKER_KEY_GENERATION_ALGORITHM_CONFIG, Type.STRING,
                        INTER_WORKER_KEY_GENERATION_ALGORITHM_DEFAULT, new AvailableAlgorithm(KeyGenerator.class),
                        Importance.LOW, "KeyGenerator algorithm of the session keys that sign internal requests.")
                .define(INTER_WORKER_KEY_SIZE_CONFIG, Type.INT, null, Importance.LOW,
                        "Size in bits of the session keys; unset means the algorithm's default.")
                .define(INTER_WORKER_KEY_TTL_MS_CONFIG, Type.INT, INTER_WORKER_KEY_TTL_MS_DEFAULT,
                        Range.between(0, Integer.MAX_VALUE), Importance.LOW,
                        "How long a session key is used before the leader rotates it.")
                .define(INTER_WORKER_SIGNATURE_ALGORITHM_CONFIG, Type.STRING, INTER_WORKER_SIGNATURE_ALGORITHM_DEFAULT,
                        new AvailableAlgorithm(Mac.class), Importance.LOW,
                        "MAC algorithm that signs internal requests.")
                .define(INTER_WORKER_VERIFICATION_ALGORITHMS_CONFIG, Type.LIST,
                        INTER_WORKER_VERIFICATION_ALGORITHMS_DEFAULT, new AvailableAlgorithms(), Importance.LOW,
                        "MAC algorithms accepted on internal requests; must include the signature algorithm.")
                .define(CommonClientConfigs.METADATA_MAX_AGE_CONFIG, Type.LONG, 300_000L, Range.atLeast(0),
                        Importance.LOW, CommonClientConfigs.METADATA_MAX_AGE_DOC)
                .define(CommonClientConfigs.CLIENT_ID_CONFIG, Type.STRING, "", Importance.LOW,
                        CommonClientConfigs.CLIENT_ID_DOC)
                .define(CommonClientConfigs.SEND_BUFFER_CONFIG, Type.INT, 128 * 1024, Range.atLeast(-1),
                        Importance.MEDIUM, CommonClientConfigs.SEND_BUFFER_DOC)
                .define(CommonClientConfigs.RECEIVE_BUFFER_CONFIG, Type.INT, 32 * 1024, Range.atLeast(-1),
                        Importance.MEDIUM, CommonClientConfigs.RECEIVE_BUFFER_DOC)
                .define(CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG, Type.LONG, 50L, Range.atLeast(0),
                        Importance.LOW, CommonClientConfigs.RECONNECT_BACKOFF_MS_DOC)
                .define(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, Type.LONG, 1_000L, Range.atLeast(0),
                        Importance.LOW, CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_DOC)
                .define(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, Type.LONG, 10_000L,
                        Importance.LOW, CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_DOC)
                .define(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, Type.LONG, 30_000L,
                        Importance.LOW, CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_DOC)
                .define(CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG, Type.LONG, 100L, Range.atLeast(0),
                        Importance.LOW, CommonClientConfigs.RETRY_BACKOFF_MS_DOC)
                .define(CommonClientConfigs.RETRY_BACKOFF_MAX_MS_CONFIG, Type.LONG, 1_000L, Range.atLeast(0),
                        Importance.LOW, CommonClientConfigs.RETRY_BACKOFF_MAX_MS_DOC)
                .define(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, Type.INT, 40_000, Range.atLeast(0),
                        Importance.MEDIUM, CommonClientConfigs.REQUEST_TIMEOUT_MS_DOC)
                .define(CommonClientConfigs.CONNECTIONS_MAX_IDLE_MS_CONFIG, Type.LONG, 9 * 60 * 1000L,
                        Importance.MEDIUM, CommonClientConfigs.CONNECTIONS_MAX_IDLE_MS_DOC)
                .define(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, Type.STRING,
                        CommonClientConfigs.DEFAULT_SECURITY_PROTOCOL,
                        ConfigDef.CaseInsensitiveValidString.in(securityProtocols()), Importance.MEDIUM,
                        CommonClientConfigs.SECURITY_PROTOCOL_DOC)
                .define(CommonClientConfigs.METADATA_RECOVERY_STRATEGY_CONFIG, Type.STRING,
                        CommonClientConfigs.DEFAULT_METADATA_RECOVERY_STRATEGY,
                        ConfigDef.CaseInsensitiveValidString.in(metadataRecoveryStrategies()), Importance.LOW,
                        CommonClientConfigs.METADATA_RECOVERY_STRATEGY_DOC)
                .define(CommonClientConfigs.METADATA_RECOVERY_REBOOTSTRAP_TRIGGER_MS_CONFIG, Type.LONG,
                        CommonClientConfigs.DEFAULT_METADATA_RECOVERY_REBOOTSTRAP_TRIGGER_MS, Range.atLeast(0),
                        Importance.LOW, CommonClientConfigs.METADATA_RECOVERY_REBOOTSTRAP_TRIGGER_MS_DOC)
                .define("metadata.cluster.check.enable", Type.BOOLEAN, true, Importance.LOW,
                        "Whether the group-membership client sends the cluster and node ids it expects, so that "
                                + "brokers can detect misrouted connections.")
                .define("bootstrap.resolve.timeout.ms", Type.LONG, 0L, Range.atLeast(0), Importance.LOW,
                        "0 resolves the bootstrap servers while the client is built; a positive value resolves "
                                + "them in the background, retrying for up to this long.")
                .define(INTERNAL_TOPICS_AUTOMATIC_CREATION_ENABLE_CONFIG, Type.BOOLEAN, true, Importance.LOW,
                        "Whether the worker creates missing internal topics (config, offsets, status and "
                                + "connector-specific offsets topics).")
                .withClientSaslSupport();
    }

    private static String[] securityProtocols() {
        return Arrays.stream(SecurityProtocol.values()).map(protocol -> protocol.name).toArray(String[]::new);
    }

    private static String[] metadataRecoveryStrategies() {
        return Arrays.stream(MetadataRecoveryStrategy.values()).map(strategy -> strategy.name)
                .toArray(String[]::new);
    }

    private void checkVerificationAlgorithmsIncludeSignature() {
        String signature = getString(INTER_WORKER_SIGNATURE_ALGORITHM_CONFIG);
        List<String> verification = getList(INTER_WORKER_VERIFICATION_ALGORITHMS_CONFIG);
        if (!verification.contains(signature)) {
            throw new ConfigException(INTER_WORKER_SIGNATURE_ALGORITHM_CONFIG, signature,
                    "Signature algorithm must be present in the list of verification algorithms ("
                            + INTER_WORKER_VERIFICATION_ALGORITHMS_CONFIG + ")");
        }
    }

    private void warnAboutIgnoredTopicSettings() {
        for (String prefix : List.of(CONFIG_STORAGE_PREFIX, OFFSET_STORAGE_PREFIX, STATUS_STORAGE_PREFIX)) {
            if (originals().containsKey(prefix + "cleanup.policy")) {
                log.warn("Ignoring '{}cleanup.policy': internal topics are always created with "
                        + "cleanup.policy=compact", prefix);
            }
        }
        if (originals().containsKey(CONFIG_STORAGE_PREFIX + PARTITIONS_SUFFIX)) {
            log.warn("Ignoring '{}{}': the config topic always has exactly one partition", CONFIG_STORAGE_PREFIX,
                    PARTITIONS_SUFFIX);
        }
    }

    @Override
    public String groupId() {
        return getString(GROUP_ID_CONFIG);
    }

    @Override
    public boolean exactlyOnceSourceEnabled() {
        return "enabled".equals(exactlyOnceSourceSupport());
    }

    @Override
    public boolean connectorOffsetsTopicsPermitted() {
        return true;
    }

    @Override
    public String offsetsTopic() {
        return getString(OFFSET_STORAGE_TOPIC_CONFIG);
    }

    @Override
    public Integer rebalanceTimeout() {
        return getInt(REBALANCE_TIMEOUT_MS_CONFIG);
    }

    /** {@code disabled}, {@code preparing} or {@code enabled}, in lower case. */
    public String exactlyOnceSourceSupport() {
        return getString(EXACTLY_ONCE_SOURCE_SUPPORT_CONFIG).toLowerCase(Locale.ROOT);
    }

    /** Whether the leader writes to the config topic through a transactional producer (preparing or enabled). */
    public boolean transactionalLeaderEnabled() {
        return !"disabled".equals(exactlyOnceSourceSupport());
    }

    public boolean internalTopicsAutomaticCreationEnabled() {
        return getBoolean(INTERNAL_TOPICS_AUTOMATIC_CREATION_ENABLE_CONFIG);
    }

    /**
     * The start of the client ids of the internal-topic clients: {@code <group.id>-} or
     * {@code <group.id>-<client.id>-}; the caller appends {@code configs}, {@code offsets}, {@code statuses}, ...
     */
    public String internalClientIdBase() {
        String clientId = getString(CommonClientConfigs.CLIENT_ID_CONFIG);
        return groupId() + "-" + (clientId == null || clientId.isEmpty() ? "" : clientId + "-");
    }

    /**
     * The topic-level configs given for one internal topic: every worker setting under the prefix except the
     * worker's own ({@code topic}, {@code partitions}, {@code replication.factor}) and {@code cleanup.policy},
     * which is always {@code compact}.
     *
     * @param prefix {@link #CONFIG_STORAGE_PREFIX}, {@link #OFFSET_STORAGE_PREFIX} or {@link #STATUS_STORAGE_PREFIX}
     */
    public Map<String, String> internalTopicSettings(String prefix) {
        Map<String, String> settings = new HashMap<>();
        originalsWithPrefix(prefix).forEach((key, value) -> {
            if (!NON_TOPIC_SUFFIXES.contains(key) && value != null) {
                settings.put(key, value.toString());
            }
        });
        return settings;
    }

    /** Accepts -1 (use the broker's default) or a positive number; {@code null} is left to the type check. */
    private static final class PositiveOrBrokerDefault implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                return;
            }
            long number = ((Number) value).longValue();
            if (number != -1 && number < 1) {
                throw new ConfigException(name, value, "Value must be -1 (the broker default) or at least 1");
            }
        }

        @Override
        public String toString() {
            return "-1 (broker default) or a positive number";
        }
    }

    /** Accepts an algorithm this JVM provides for the given JCA engine ({@code KeyGenerator} or {@code Mac}). */
    private static final class AvailableAlgorithm implements ConfigDef.Validator {
        private final Class<?> engine;

        AvailableAlgorithm(Class<?> engine) {
            this.engine = engine;
        }

        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                return;
            }
            if (!isAvailable(engine, value.toString())) {
                throw new ConfigException(name, value, "This JVM does not provide the " + engine.getSimpleName()
                        + " algorithm '" + value + "'");
            }
        }

        @Override
        public String toString() {
            return "Any " + engine.getSimpleName() + " algorithm this JVM provides";
        }
    }

    /** Accepts a non-empty list of MAC algorithms this JVM provides. */
    private static final class AvailableAlgorithms implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                return;
            }
            List<?> algorithms = (List<?>) value;
            if (algorithms.isEmpty()) {
                throw new ConfigException(name, value, "At least one verification algorithm must be given");
            }
            for (Object algorithm : algorithms) {
                if (!isAvailable(Mac.class, algorithm.toString())) {
                    throw new ConfigException(name, value, "This JVM does not provide the Mac algorithm '"
                            + algorithm + "'");
                }
            }
        }

        @Override
        public String toString() {
            return "A non-empty list of Mac algorithms this JVM provides";
        }
    }

    private static boolean isAvailable(Class<?> engine, String algorithm) {
        try {
            if (engine == KeyGenerator.class) {
                KeyGenerator.getInstance(algorithm);
            } else {
                Mac.getInstance(algorithm);
            }
            return true;
        } catch (NoSuchAlgorithmException e) {
            return false;
        }
    }
}
