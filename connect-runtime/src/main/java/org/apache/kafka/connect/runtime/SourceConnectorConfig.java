package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.source.SourceTask.TransactionBoundary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.apache.kafka.connect.runtime.TopicCreationConfig.DEFAULT_TOPIC_CREATION_GROUP;
import static org.apache.kafka.connect.runtime.TopicCreationConfig.DEFAULT_TOPIC_CREATION_PREFIX;
import static org.apache.kafka.connect.runtime.TopicCreationConfig.EXCLUDE_REGEX_CONFIG;
import static org.apache.kafka.connect.runtime.TopicCreationConfig.INCLUDE_REGEX_CONFIG;
import static org.apache.kafka.connect.runtime.TopicCreationConfig.PARTITIONS_CONFIG;
import static org.apache.kafka.connect.runtime.TopicCreationConfig.REPLICATION_FACTOR_CONFIG;
import static org.apache.kafka.connect.runtime.TopicCreationConfig.TOPIC_CREATION_PREFIX;

/**
 * The configuration of a source connector (connector-config.md §3): the common keys plus topic creation groups
 * (KIP-158), exactly-once support and transaction boundaries (KIP-618), and an optional connector-specific offsets
 * topic.
 * <p>
 * Topic creation is in use when the worker allows it and the connector has at least one {@code topic.creation.}
 * setting; then the definitions of the {@code default} group and of every listed group are added and parsed too.
 */
public class SourceConnectorConfig extends ConnectorConfig {

    private static final Logger log = LoggerFactory.getLogger(SourceConnectorConfig.class);

    public static final String TOPIC_CREATION_GROUP = "Topic Creation";
    public static final String EXACTLY_ONCE_SUPPORT_GROUP = "Exactly Once Support";
    public static final String OFFSETS_TOPIC_GROUP = "offsets.topic";

    public static final String TOPIC_CREATION_GROUPS_CONFIG = TopicCreationConfig.TOPIC_CREATION_GROUPS_CONFIG;

    public static final String EXACTLY_ONCE_SUPPORT_CONFIG = "exactly.once.support";
    public static final String TRANSACTION_BOUNDARY_CONFIG = "transaction.boundary";
    public static final String TRANSACTION_BOUNDARY_INTERVAL_CONFIG = "transaction.boundary.interval.ms";
    public static final String OFFSETS_TOPIC_CONFIG = "offsets.storage.topic";

    /** The values of {@code exactly.once.support}. */
    public enum ExactlyOnceSupportLevel {
        /** Use exactly-once semantics if the worker and the connector support them. */
        REQUESTED,
        /** Refuse to run the connector unless exactly-once semantics can be guaranteed. */
        REQUIRED;

        /** Parses a config value, ignoring case and surrounding whitespace. */
        public static ExactlyOnceSupportLevel fromProperty(String property) {
            return valueOf(property.trim().toUpperCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final boolean usesTopicCreation;

    /**
     * @param createTopics whether the worker allows connectors to create topics ({@code topic.creation.enable})
     */
    public SourceConnectorConfig(Plugins plugins, Map<String, String> props, boolean createTopics) {
        super(plugins, withTopicCreationGroups(configDef(), props, createTopics), props);
        this.usesTopicCreation = usesTopicCreation(props, createTopics);
    }

    public static ConfigDef configDef() {
        return configDef(PluginRecommenders.NONE);
    }

    static ConfigDef configDef(PluginRecommenders recommenders) {
        int order = 0;
        return ConnectorConfig.configDef(recommenders)
                .define(TOPIC_CREATION_GROUPS_CONFIG, Type.LIST, List.of(),
                        new UniqueAliases("topic creation groups"), Importance.LOW,
                        "Topic creation groups besides 'default', in the order in which they are matched against a "
                                + "topic name; each is configured with topic.creation.<group>.* settings.",
                        TOPIC_CREATION_GROUP, ++order, Width.LONG, "Topic Creation Groups")
                .define(EXACTLY_ONCE_SUPPORT_CONFIG, Type.STRING, ExactlyOnceSupportLevel.REQUESTED.toString(),
                        ConfigDef.CaseInsensitiveValidString.in(enumNames(ExactlyOnceSupportLevel.values())),
                        Importance.MEDIUM,
                        "'required' refuses to run the connector unless the worker and the connector guarantee "
                                + "exactly-once delivery; 'requested' uses it when available.",
                        EXACTLY_ONCE_SUPPORT_GROUP, ++order, Width.SHORT, "Exactly once support")
                .define(TRANSACTION_BOUNDARY_CONFIG, Type.STRING, TransactionBoundary.DEFAULT.toString(),
                        ConfigDef.CaseInsensitiveValidString.in(enumNames(TransactionBoundary.values())),
                        Importance.MEDIUM,
                        "With exactly-once support, when transactions are committed: after each 'poll', every "
                                + "'interval', or where the 'connector' defines them.",
                        EXACTLY_ONCE_SUPPORT_GROUP, ++order, Width.SHORT, "Transaction Boundary")
                .define(TRANSACTION_BOUNDARY_INTERVAL_CONFIG, Type.LONG, null, new NullOrNonNegative(),
                        Importance.LOW,
                        "Interval (ms) between transaction commits with transaction.boundary=interval; unset uses "
                                + "the worker's offset.flush.interval.ms.",
                        EXACTLY_ONCE_SUPPORT_GROUP, ++order, Width.SHORT, "Transaction boundary interval")
                .define(OFFSETS_TOPIC_CONFIG, Type.STRING, null, new ConfigDef.NonEmptyString(), Importance.LOW,
                        "Topic for this connector's source offsets, instead of the worker's offsets topic "
                                + "(distributed workers only).",
                        OFFSETS_TOPIC_GROUP, 1, Width.LONG, "Offsets topic");
    }

    /** Accepts null (unset) or a number of at least 0. */
    private static final class NullOrNonNegative implements ConfigDef.Validator {
        private static final ConfigDef.Range NON_NEGATIVE = ConfigDef.Range.atLeast(0);

        @Override
        public void ensureValid(String name, Object value) {
            if (value != null) {
                NON_NEGATIVE.ensureValid(name, value);
            }
        }

        @Override
        public String toString() {
            return NON_NEGATIVE.toString();
        }
    }

    private static String[] enumNames(Enum<?>[] values) {
        String[] names = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            names[i] = values[i].name();
        }
        return names;
    }

    /** Whether topic creation is in use: the worker allows it and some {@code topic.creation.} key is set. */
    static boolean usesTopicCreation(Map<String, String> props, boolean createTopics) {
        return createTopics && props.keySet().stream().anyMatch(key -> key.startsWith(TOPIC_CREATION_PREFIX));
    }

    /**
     * Adds the definitions of the default group and of every group listed in {@code topic.creation.groups}, if topic
     * creation is in use. The listed groups inherit the replication factor and partitions of the default group.
     */
    public static ConfigDef withTopicCreationGroups(ConfigDef baseConfigDef, Map<String, String> props,
                                                    boolean createTopics) {
        if (!usesTopicCreation(props, createTopics)) {
            return baseConfigDef;
        }
        ConfigDef enriched = new ConfigDef(baseConfigDef);
        enriched.embed(DEFAULT_TOPIC_CREATION_PREFIX, TopicCreationConfig.GROUP_DISPLAY_PREFIX
                + DEFAULT_TOPIC_CREATION_GROUP, 0, TopicCreationConfig.defaultGroupConfigDef());
        short defaultReplicationFactor = parseOrBrokerDefault(props, REPLICATION_FACTOR_CONFIG, Type.SHORT)
                .shortValue();
        int defaultPartitions = parseOrBrokerDefault(props, PARTITIONS_CONFIG, Type.INT).intValue();
        for (String group : listedGroups(props)) {
            enriched.embed(TopicCreationConfig.prefix(group), TopicCreationConfig.GROUP_DISPLAY_PREFIX + group, 0,
                    TopicCreationConfig.configDef(group, defaultReplicationFactor, defaultPartitions));
        }
        return enriched;
    }

    /**
     * A default group number to inherit; -1 if it is missing or invalid, which its own definition then reports.
     */
    private static Number parseOrBrokerDefault(Map<String, String> props, String setting, Type type) {
        String value = props.get(DEFAULT_TOPIC_CREATION_PREFIX + setting);
        try {
            return value == null ? -1 : (Number) ConfigDef.parseType(setting, value, type);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** The distinct groups of {@code topic.creation.groups}, in order, without {@code default}. */
    private static Set<String> listedGroups(Map<String, String> props) {
        Set<String> groups = new LinkedHashSet<>();
        String value = props.get(TOPIC_CREATION_GROUPS_CONFIG);
        if (value == null) {
            return groups;
        }
        try {
            for (Object group : (List<?>) ConfigDef.parseType(TOPIC_CREATION_GROUPS_CONFIG, value, Type.LIST)) {
                groups.add(group.toString());
            }
        } catch (RuntimeException e) {
            return groups; // reported by the key's own definition
        }
        if (groups.remove(DEFAULT_TOPIC_CREATION_GROUP)) {
            log.warn("'{}' topic creation group always exists and does not need to be listed explicitly",
                    DEFAULT_TOPIC_CREATION_GROUP);
        }
        return groups;
    }

    public boolean usesTopicCreation() {
        return usesTopicCreation;
    }

    /** The groups listed in {@code topic.creation.groups}, in order, without {@code default}. */
    public List<String> topicCreationGroups() {
        return new ArrayList<>(listedGroups(originalsStrings()));
    }

    /** The inclusion patterns of a group; {@code .*} for the default group. */
    public List<String> topicCreationInclude(String group) {
        return DEFAULT_TOPIC_CREATION_GROUP.equals(group) ? List.of(".*")
                : getList(TopicCreationConfig.prefix(group) + INCLUDE_REGEX_CONFIG);
    }

    /** The exclusion patterns of a group; none for the default group. */
    public List<String> topicCreationExclude(String group) {
        return DEFAULT_TOPIC_CREATION_GROUP.equals(group) ? List.of()
                : getList(TopicCreationConfig.prefix(group) + EXCLUDE_REGEX_CONFIG);
    }

    /** The replication factor of a group's topics; -1 for the broker's default. */
    public Short topicCreationReplicationFactor(String group) {
        return getShort(TopicCreationConfig.prefix(group) + REPLICATION_FACTOR_CONFIG);
    }

    /** The partition count of a group's topics; -1 for the broker's default. */
    public Integer topicCreationPartitions(String group) {
        return getInt(TopicCreationConfig.prefix(group) + PARTITIONS_CONFIG);
    }

    /** The topic-level configs of a group's topics: its settings other than the four group settings. */
    public Map<String, Object> topicCreationOtherConfigs(String group) {
        Map<String, Object> configs = originalsWithPrefix(TopicCreationConfig.prefix(group));
        configs.remove(INCLUDE_REGEX_CONFIG);
        configs.remove(EXCLUDE_REGEX_CONFIG);
        configs.remove(REPLICATION_FACTOR_CONFIG);
        configs.remove(PARTITIONS_CONFIG);
        return configs;
    }

    public ExactlyOnceSupportLevel exactlyOnceSupport() {
        return ExactlyOnceSupportLevel.fromProperty(getString(EXACTLY_ONCE_SUPPORT_CONFIG));
    }

    public TransactionBoundary transactionBoundary() {
        return TransactionBoundary.fromProperty(getString(TRANSACTION_BOUNDARY_CONFIG));
    }

    /** The commit interval for {@code transaction.boundary=interval}, or null to use the worker's flush interval. */
    public Long transactionBoundaryInterval() {
        return getLong(TRANSACTION_BOUNDARY_INTERVAL_CONFIG);
    }

    /** The connector-specific offsets topic, or null. */
    public String offsetsTopic() {
        return getString(OFFSETS_TOPIC_CONFIG);
    }
}
