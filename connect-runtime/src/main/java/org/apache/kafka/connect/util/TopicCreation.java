package org.apache.kafka.connect.util;

import org.apache.kafka.connect.runtime.TopicCreationConfig;
import org.apache.kafka.connect.runtime.WorkerConfig;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A source task's view of topic creation (KIP-158): whether it may create topics, the group whose settings create a
 * given topic, and the topics it has already seen (created or found to exist), which it never checks again.
 * <p>
 * One instance per task, used by the task thread only.
 */
public class TopicCreation {

    private static final TopicCreation EMPTY = new TopicCreation(false, null, Map.of());

    private final boolean enabled;
    private final TopicCreationGroup defaultGroup;
    private final Map<String, TopicCreationGroup> otherGroups;
    private final Set<String> seenTopics;

    private TopicCreation(boolean enabled, TopicCreationGroup defaultGroup,
                          Map<String, TopicCreationGroup> otherGroups) {
        this.enabled = enabled;
        this.defaultGroup = defaultGroup;
        this.otherGroups = otherGroups;
        // A disabled instance never records topics, so the shared empty one holds no mutable state.
        this.seenTopics = enabled ? new HashSet<>() : Set.of();
    }

    /**
     * @param groups the connector's groups (see {@link TopicCreationGroup#configuredGroups}); empty or null when the
     *               connector does not use topic creation
     * @return a disabled instance unless the worker allows topic creation and the connector defines groups
     */
    public static TopicCreation newTopicCreation(WorkerConfig workerConfig, Map<String, TopicCreationGroup> groups) {
        if (!workerConfig.topicCreationEnable() || groups == null
                || !groups.containsKey(TopicCreationConfig.DEFAULT_TOPIC_CREATION_GROUP)) {
            return empty();
        }
        Map<String, TopicCreationGroup> otherGroups = new LinkedHashMap<>(groups);
        TopicCreationGroup defaultGroup = otherGroups.remove(TopicCreationConfig.DEFAULT_TOPIC_CREATION_GROUP);
        return new TopicCreation(true, defaultGroup, otherGroups);
    }

    /** An instance for tasks that never create topics; it holds no state. */
    public static TopicCreation empty() {
        return EMPTY;
    }

    public boolean isTopicCreationEnabled() {
        return enabled;
    }

    /** Whether the task must check (and maybe create) {@code topic} before writing to it: not seen yet. */
    public boolean isTopicCreationRequired(String topic) {
        return enabled && !seenTopics.contains(topic);
    }

    /** The {@code default} group, or null when topic creation is disabled. */
    public TopicCreationGroup defaultTopicGroup() {
        return defaultGroup;
    }

    /** The groups other than {@code default}, in matching order. */
    public Map<String, TopicCreationGroup> topicGroups() {
        return otherGroups;
    }

    /** The first listed group that matches {@code topic}, else the default group. */
    public TopicCreationGroup findFirstGroup(String topic) {
        for (TopicCreationGroup group : otherGroups.values()) {
            if (group.matches(topic)) {
                return group;
            }
        }
        return defaultGroup;
    }

    /** Records that {@code topic} exists, so it is not checked again. */
    public void addTopic(String topic) {
        if (enabled) {
            seenTopics.add(topic);
        }
    }
}
