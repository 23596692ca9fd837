package org.apache.kafka.connect.util;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.connect.runtime.SourceConnectorConfig;
import org.apache.kafka.connect.runtime.TopicCreationConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One topic-creation group of a source connector (KIP-158): which topics it creates (a topic matches if some
 * inclusion pattern matches its whole name and no exclusion pattern does) and the {@link NewTopic} it creates for
 * them. Immutable.
 */
public class TopicCreationGroup {

    private final String name;
    private final Pattern inclusion;
    private final Pattern exclusion;
    private final int partitions;
    private final short replicationFactor;
    private final Map<String, String> otherConfigs;

    /** The group {@code name} as a parsed connector config defines it. */
    protected TopicCreationGroup(String name, SourceConnectorConfig config) {
        this(name, config.topicCreationInclude(name), config.topicCreationExclude(name),
                config.topicCreationPartitions(name), config.topicCreationReplicationFactor(name),
                stringValues(config.topicCreationOtherConfigs(name)));
    }

    /**
     * @param partitions        partition count, or -1 for the broker's default
     * @param replicationFactor replication factor, or -1 for the broker's default
     * @param otherConfigs      topic-level configs of the created topics
     */
    public TopicCreationGroup(String name, List<String> include, List<String> exclude, int partitions,
                              short replicationFactor, Map<String, String> otherConfigs) {
        this.name = Objects.requireNonNull(name, "name");
        this.inclusion = anyOf(include);
        this.exclusion = anyOf(exclude);
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.otherConfigs = Map.copyOf(otherConfigs);
    }

    /**
     * The groups a connector config defines, keyed by name: those of {@code topic.creation.groups} in their order,
     * then {@code default}. Empty if the config does not use topic creation.
     */
    public static Map<String, TopicCreationGroup> configuredGroups(SourceConnectorConfig config) {
        Map<String, TopicCreationGroup> groups = new LinkedHashMap<>();
        if (!config.usesTopicCreation()) {
            return groups;
        }
        for (String group : config.topicCreationGroups()) {
            groups.put(group, new TopicCreationGroup(group, config));
        }
        String defaultGroup = TopicCreationConfig.DEFAULT_TOPIC_CREATION_GROUP;
        groups.put(defaultGroup, new TopicCreationGroup(defaultGroup, config));
        return groups;
    }

    private static Map<String, String> stringValues(Map<String, Object> configs) {
        Map<String, String> values = new LinkedHashMap<>();
        configs.forEach((key, value) -> values.put(key, String.valueOf(value)));
        return values;
    }

    /** One pattern matching any of the given ones; with none, a pattern that matches nothing. */
    private static Pattern anyOf(List<String> regexes) {
        if (regexes.isEmpty()) {
            return null;
        }
        return Pattern.compile(regexes.stream().map(regex -> "(?:" + regex + ")").collect(Collectors.joining("|")));
    }

    public String name() {
        return name;
    }

    /** Whether this group creates {@code topic}: some inclusion pattern matches it and no exclusion pattern does. */
    public boolean matches(String topic) {
        return inclusion != null && inclusion.matcher(topic).matches()
                && (exclusion == null || !exclusion.matcher(topic).matches());
    }

    /** The topic to create, with this group's partitions, replication factor (unless -1) and topic configs. */
    public NewTopic newTopic(String topic) {
        Optional<Integer> numPartitions = partitions == TopicCreationConfig.NO_PARTITIONS
                ? Optional.empty() : Optional.of(partitions);
        Optional<Short> numReplicas = replicationFactor == TopicCreationConfig.NO_REPLICATION_FACTOR
                ? Optional.empty() : Optional.of(replicationFactor);
        return new NewTopic(topic, numPartitions, numReplicas).configs(otherConfigs);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TopicCreationGroup)) {
            return false;
        }
        TopicCreationGroup that = (TopicCreationGroup) o;
        return name.equals(that.name)
                && Objects.equals(patternOf(inclusion), patternOf(that.inclusion))
                && Objects.equals(patternOf(exclusion), patternOf(that.exclusion))
                && partitions == that.partitions
                && replicationFactor == that.replicationFactor
                && otherConfigs.equals(that.otherConfigs);
    }

    private static String patternOf(Pattern pattern) {
        return pattern == null ? null : pattern.pattern();
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, patternOf(inclusion), patternOf(exclusion), partitions, replicationFactor,
                otherConfigs);
    }

    @Override
    public String toString() {
        return "TopicCreationGroup{name='" + name + '\''
                + ", inclusion=" + patternOf(inclusion)
                + ", exclusion=" + patternOf(exclusion)
                + ", numPartitions=" + partitions
                + ", replicationFactor=" + replicationFactor
                + ", otherConfigs=" + otherConfigs
                + '}';
    }
}
