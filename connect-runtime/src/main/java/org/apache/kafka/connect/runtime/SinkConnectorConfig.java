package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.runtime.isolation.Plugins;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The configuration of a sink connector (connector-config.md §2): the common keys plus the topics to consume
 * ({@code topics} or {@code topics.regex}) and the dead letter queue.
 */
public class SinkConnectorConfig extends ConnectorConfig {

    public static final String TOPICS_CONFIG = "topics";
    public static final String TOPICS_DEFAULT = "";
    public static final String TOPICS_REGEX_CONFIG = "topics.regex";
    public static final String TOPICS_REGEX_DEFAULT = "";

    public static final String DLQ_PREFIX = "errors.deadletterqueue.";
    public static final String DLQ_TOPIC_NAME_CONFIG = DLQ_PREFIX + "topic.name";
    public static final String DLQ_TOPIC_DEFAULT = "";
    public static final String DLQ_TOPIC_REPLICATION_FACTOR_CONFIG = DLQ_PREFIX + "topic.replication.factor";
    public static final short DLQ_TOPIC_REPLICATION_FACTOR_CONFIG_DEFAULT = 3;
    public static final String DLQ_CONTEXT_HEADERS_ENABLE_CONFIG = DLQ_PREFIX + "context.headers.enable";
    public static final boolean DLQ_CONTEXT_HEADERS_ENABLE_DEFAULT = false;

    // The order Apache gives both topic keys: the same as tasks.max.
    private static final int TOPICS_ORDER_IN_GROUP = 4;

    public SinkConnectorConfig(Plugins plugins, Map<String, String> props) {
        super(plugins, configDef(), props);
    }

    public static ConfigDef configDef() {
        return configDef(PluginRecommenders.NONE);
    }

    static ConfigDef configDef(PluginRecommenders recommenders) {
        int errorOrder = 5;
        return ConnectorConfig.configDef(recommenders)
                .define(TOPICS_CONFIG, Type.LIST, TOPICS_DEFAULT,
                        ConfigDef.ValidList.anyNonDuplicateValues(true, false), Importance.HIGH,
                        "Topics to consume, comma separated.", COMMON_GROUP, TOPICS_ORDER_IN_GROUP, Width.LONG,
                        "Topics")
                .define(TOPICS_REGEX_CONFIG, Type.STRING, TOPICS_REGEX_DEFAULT, new RegexValidator(), Importance.HIGH,
                        "Java regular expression of the topics to consume; the connector follows topics created "
                                + "later. Only one of topics and topics.regex may be set.",
                        COMMON_GROUP, TOPICS_ORDER_IN_GROUP, Width.LONG, "Topics regex")
                .define(DLQ_TOPIC_NAME_CONFIG, Type.STRING, DLQ_TOPIC_DEFAULT, Importance.MEDIUM,
                        "Topic to which records that failed processing are written (the dead letter queue); blank "
                                + "disables it.",
                        ERROR_GROUP, ++errorOrder, Width.MEDIUM, "Dead Letter Queue Topic Name")
                .define(DLQ_TOPIC_REPLICATION_FACTOR_CONFIG, Type.SHORT, DLQ_TOPIC_REPLICATION_FACTOR_CONFIG_DEFAULT,
                        Importance.MEDIUM, "Replication factor of the dead letter queue topic if it is created.",
                        ERROR_GROUP, ++errorOrder, Width.MEDIUM, "Dead Letter Queue Topic Replication Factor")
                .define(DLQ_CONTEXT_HEADERS_ENABLE_CONFIG, Type.BOOLEAN, DLQ_CONTEXT_HEADERS_ENABLE_DEFAULT,
                        Importance.MEDIUM,
                        "Whether records in the dead letter queue carry __connect.errors.* headers saying where "
                                + "they came from and why they failed.",
                        ERROR_GROUP, ++errorOrder, Width.MEDIUM, "Enable Error Context Headers");
    }

    /**
     * Checks the topic settings: exactly one of {@code topics} and {@code topics.regex}, and the dead letter queue
     * topic not among the topics consumed.
     *
     * @throws ConfigException naming {@code topics} or {@code topics.regex}, with Apache Connect's messages
     */
    public static void validate(Map<String, String> props) {
        List<TopicsError> errors = topicsErrors(props);
        if (!errors.isEmpty()) {
            TopicsError first = errors.get(0);
            throw new ConfigException(first.key(), props.get(first.key()), first.message());
        }
    }

    /** A problem with the topic settings, and the key it is reported on. */
    record TopicsError(String key, String message) {
    }

    /** Every problem {@link #validate} would report, the one it throws first; an invalid regex is not one. */
    static List<TopicsError> topicsErrors(Map<String, String> props) {
        boolean hasTopics = hasTopicsConfig(props);
        boolean hasTopicsRegex = hasTopicsRegexConfig(props);
        List<TopicsError> errors = new ArrayList<>();
        if (hasTopics == hasTopicsRegex) {
            String message = hasTopics
                    ? TOPICS_CONFIG + " and " + TOPICS_REGEX_CONFIG
                            + " are mutually exclusive options, but both are set."
                    : "Must configure one of " + TOPICS_CONFIG + " or " + TOPICS_REGEX_CONFIG;
            errors.add(new TopicsError(TOPICS_CONFIG, message));
            errors.add(new TopicsError(TOPICS_REGEX_CONFIG, message));
        }
        if (!hasDlqTopicConfig(props) || !(hasTopics || hasTopicsRegex)) {
            return errors;
        }
        String dlqTopic = props.get(DLQ_TOPIC_NAME_CONFIG).trim();
        if (hasTopics) {
            Set<String> consumed = parseTopicsList(props);
            if (consumed.contains(dlqTopic)) {
                errors.add(new TopicsError(TOPICS_CONFIG, "The DLQ topic '" + dlqTopic + "' may not be included in "
                        + "the list of topics ('" + TOPICS_CONFIG + "=" + List.copyOf(consumed)
                        + "') consumed by the connector"));
            }
        } else {
            String regex = props.get(TOPICS_REGEX_CONFIG);
            if (matches(regex, dlqTopic)) {
                errors.add(new TopicsError(TOPICS_REGEX_CONFIG, "The DLQ topic '" + dlqTopic + "' may not be "
                        + "matched by the regex for the topics ('" + TOPICS_REGEX_CONFIG + "=" + regex
                        + "') consumed by the connector"));
            }
        }
        return errors;
    }

    // An invalid regex is reported by the key's own validator; it cannot match anything here.
    private static boolean matches(String regex, String topic) {
        try {
            return Pattern.compile(regex).matcher(topic).matches();
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    public static boolean hasTopicsConfig(Map<String, String> props) {
        return isNotBlank(props.get(TOPICS_CONFIG));
    }

    public static boolean hasTopicsRegexConfig(Map<String, String> props) {
        return isNotBlank(props.get(TOPICS_REGEX_CONFIG));
    }

    public static boolean hasDlqTopicConfig(Map<String, String> props) {
        return isNotBlank(props.get(DLQ_TOPIC_NAME_CONFIG));
    }

    /** The topics listed in {@code topics}, trimmed, in order, without blanks or duplicates. */
    public static Set<String> parseTopicsList(Map<String, String> props) {
        Set<String> topics = new LinkedHashSet<>();
        String value = props.get(TOPICS_CONFIG);
        if (value != null) {
            for (String topic : value.split(",")) {
                if (!topic.isBlank()) {
                    topics.add(topic.trim());
                }
            }
        }
        return topics;
    }

    private static boolean isNotBlank(String value) {
        return value != null && !value.isBlank();
    }

    /** The dead letter queue topic, or an empty string if there is none. */
    public String dlqTopicName() {
        return getString(DLQ_TOPIC_NAME_CONFIG).trim();
    }

    public short dlqTopicReplicationFactor() {
        return getShort(DLQ_TOPIC_REPLICATION_FACTOR_CONFIG);
    }

    public boolean isDlqContextHeadersEnabled() {
        return getBoolean(DLQ_CONTEXT_HEADERS_ENABLE_CONFIG);
    }

    /** Whether the task gets an errant record reporter: with a dead letter queue or with error logging. */
    public boolean enableErrantRecordReporter() {
        return !dlqTopicName().isEmpty() || enableErrorLog();
    }

    /** Rejects values that are not Java regular expressions. */
    static final class RegexValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                return;
            }
            try {
                Pattern.compile(value.toString());
            } catch (PatternSyntaxException e) {
                throw new ConfigException(name, value, "Invalid regex: " + e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "valid regex";
        }
    }
}
