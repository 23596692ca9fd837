package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The settings of one topic-creation group of a source connector (KIP-158, connector-config.md §3), written
 * {@code topic.creation.<group>.<setting>}: which topics the group creates ({@code include}, {@code exclude}) and
 * how ({@code replication.factor}, {@code partitions}, and any topic-level config). The {@code default} group always
 * exists, matches every topic that no other group claims, and must set the replication factor and partitions that
 * the other groups inherit.
 */
public final class TopicCreationConfig {

    public static final String DEFAULT_TOPIC_CREATION_GROUP = "default";
    public static final String TOPIC_CREATION_PREFIX = "topic.creation.";
    public static final String DEFAULT_TOPIC_CREATION_PREFIX =
            TOPIC_CREATION_PREFIX + DEFAULT_TOPIC_CREATION_GROUP + ".";
    public static final String TOPIC_CREATION_GROUPS_CONFIG = TOPIC_CREATION_PREFIX + "groups";

    public static final String INCLUDE_REGEX_CONFIG = "include";
    public static final String EXCLUDE_REGEX_CONFIG = "exclude";
    public static final String REPLICATION_FACTOR_CONFIG = "replication.factor";
    public static final String PARTITIONS_CONFIG = "partitions";

    /** Replication factor or partition count that leaves the choice to the broker. */
    public static final int NO_REPLICATION_FACTOR = -1;
    public static final int NO_PARTITIONS = -1;

    /** The group name used in definitions for a group's settings. */
    public static final String GROUP_DISPLAY_PREFIX = "Topic Creation: ";

    private TopicCreationConfig() {
    }

    /** The prefix of a group's settings, e.g. {@code topic.creation.compacted.}. */
    public static String prefix(String group) {
        return TOPIC_CREATION_PREFIX + group + ".";
    }

    /** The settings of the default group: replication factor and partitions are required. */
    public static ConfigDef defaultGroupConfigDef() {
        return groupConfigDef(DEFAULT_TOPIC_CREATION_GROUP, ".*", ConfigDef.NO_DEFAULT_VALUE,
                ConfigDef.NO_DEFAULT_VALUE);
    }

    /** The settings of a group other than {@code default}, inheriting the default group's numbers. */
    public static ConfigDef configDef(String group, short defaultReplicationFactor, int defaultPartitions) {
        return groupConfigDef(group, "", defaultReplicationFactor, defaultPartitions);
    }

    private static ConfigDef groupConfigDef(String group, String defaultInclude, Object defaultReplicationFactor,
                                            Object defaultPartitions) {
        String displayGroup = GROUP_DISPLAY_PREFIX + group;
        int order = 0;
        return new ConfigDef()
                .define(INCLUDE_REGEX_CONFIG, Type.LIST, defaultInclude, new RegexListValidator(), Importance.LOW,
                        "Regular expressions of the topics this group creates; ignored for the default group, "
                                + "which matches every topic no other group claims.",
                        displayGroup, order++, Width.LONG, "Inclusion Topic Pattern for " + group)
                .define(EXCLUDE_REGEX_CONFIG, Type.LIST, "", new RegexListValidator(), Importance.LOW,
                        "Regular expressions of topics this group does not create even if they are included.",
                        displayGroup, order++, Width.LONG, "Exclusion Topic Pattern for " + group)
                .define(REPLICATION_FACTOR_CONFIG, Type.SHORT, defaultReplicationFactor,
                        new PositiveOrBrokerDefault(REPLICATION_FACTOR_MESSAGE,
                                "Positive number not larger than the number of brokers in the Kafka cluster, or -1 "
                                        + "to use the broker's default"), Importance.LOW,
                        "Replication factor of the topics this group creates, or -1 for the broker's default.",
                        displayGroup, order++, Width.LONG, "Replication Factor for Topics in " + group)
                .define(PARTITIONS_CONFIG, Type.INT, defaultPartitions, new PositiveOrBrokerDefault(PARTITIONS_MESSAGE,
                        "Positive number, or -1 to use the broker's default"),
                        Importance.LOW,
                        "Number of partitions of the topics this group creates, or -1 for the broker's default.",
                        displayGroup, order, Width.LONG, "Partition Count for Topics in " + group);
    }

    private static final String REPLICATION_FACTOR_MESSAGE = "Replication factor must be positive and not larger "
            + "than the number of brokers in the Kafka cluster, or -1 to use the broker's default";
    private static final String PARTITIONS_MESSAGE =
            "Number of partitions must be positive, or -1 to use the broker's default";

    /** Accepts a positive number or -1. */
    private static final class PositiveOrBrokerDefault implements ConfigDef.Validator {
        private final String message;
        private final String description;

        PositiveOrBrokerDefault(String message, String description) {
            this.message = message;
            this.description = description;
        }

        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                return;
            }
            long number = ((Number) value).longValue();
            if (number < 1 && number != -1) {
                throw new ConfigException(name, value, message);
            }
        }

        @Override
        public String toString() {
            return description;
        }
    }

    /** Accepts lists whose every element is a Java regular expression. */
    private static final class RegexListValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                throw new ConfigException(name, null, "Value must not be null.");
            }
            for (Object regex : (List<?>) value) {
                try {
                    Pattern.compile(regex.toString());
                } catch (PatternSyntaxException e) {
                    throw new ConfigException(name, value, "Syntax error in regular expression: " + e.getMessage());
                }
            }
        }

        @Override
        public String toString() {
            return "list of regular expressions";
        }
    }
}
