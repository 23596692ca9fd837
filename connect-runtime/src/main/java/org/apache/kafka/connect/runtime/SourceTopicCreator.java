package org.apache.kafka.connect.runtime;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.apache.kafka.connect.util.TopicCreation;
import org.apache.kafka.connect.util.TopicCreationGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Creates the topics a source task writes to (KIP-158): before the task's first record to a topic it has not seen yet,
 * finds out whether the topic exists and, if not, creates it with the settings of the first matching topic creation
 * group. Each topic is checked once per task.
 * <p>
 * Used only by the task thread.
 */
final class SourceTopicCreator {

    private static final Logger log = LoggerFactory.getLogger(SourceTopicCreator.class);

    private final ConnectorTaskId id;
    private final Admin admin;
    private final TopicCreation topicCreation;

    /**
     * @param admin  the task's admin client; {@code null} turns topic creation off
     * @param groups the connector's topic creation groups; {@code null} or empty turns topic creation off
     */
    SourceTopicCreator(ConnectorTaskId id, WorkerConfig workerConfig, Admin admin,
                       Map<String, TopicCreationGroup> groups) {
        this.id = id;
        this.admin = admin;
        this.topicCreation = TopicCreation.newTopicCreation(workerConfig, groups == null ? Map.of() : groups);
    }

    boolean isEnabled() {
        return admin != null && topicCreation.isTopicCreationEnabled();
    }

    /**
     * Makes sure the topic exists, creating it if needed; does nothing if topic creation is off or the topic was
     * already seen.
     *
     * @throws RetriableException if the broker could not be asked in time; the caller may try again later
     * @throws ConnectException   if the topic neither exists nor could be created
     */
    void ensureTopic(String topic) {
        if (!isEnabled() || !topicCreation.isTopicCreationRequired(topic)) {
            return;
        }
        if (exists(topic)) {
            log.debug("{} Topic '{}' already exists", id, topic);
            topicCreation.addTopic(topic);
            return;
        }
        TopicCreationGroup group = topicCreation.findFirstGroup(topic);
        NewTopic newTopic = group.newTopic(topic);
        log.info("{} Creating topic '{}' with the settings of topic creation group '{}': {}", id, topic, group.name(),
                newTopic);
        if (!createOrFind(newTopic)) {
            throw new ConnectException("Task failed to create new topic " + topic + ". Ensure that the task is "
                    + "authorized to create topics or that the topic exists and restart the task");
        }
        topicCreation.addTopic(topic);
    }

    private boolean exists(String topic) {
        try {
            admin.describeTopics(List.of(topic)).allTopicNames().get();
            return true;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            if (cause instanceof TopicAuthorizationException || cause instanceof UnsupportedVersionException) {
                // The task may still be allowed to create it, which also tells whether it exists.
                log.debug("{} Could not describe topic '{}'; trying to create it", id, topic, cause);
                return false;
            }
            throw failure("describe", topic, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while describing topic " + topic, e);
        }
    }

    /** @return true if the topic was created or already existed; false if the broker refused to create it */
    private boolean createOrFind(NewTopic newTopic) {
        String topic = newTopic.name();
        try {
            admin.createTopics(List.of(newTopic)).all().get();
            log.info("{} Created topic '{}'", id, topic);
            return true;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TopicExistsException) {
                log.debug("{} Topic '{}' was created by someone else in the meantime", id, topic);
                return true;
            }
            if (cause instanceof TopicAuthorizationException || cause instanceof ClusterAuthorizationException
                    || cause instanceof InvalidConfigurationException || cause instanceof PolicyViolationException
                    || cause instanceof UnsupportedVersionException) {
                log.error("{} The broker refused to create topic '{}'", id, topic, cause);
                return false;
            }
            throw failure("create", topic, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while creating topic " + topic, e);
        }
    }

    private static ConnectException failure(String action, String topic, Throwable cause) {
        String message = "Failed to " + action + " topic " + topic;
        if (cause instanceof org.apache.kafka.common.errors.RetriableException) {
            return new RetriableException(message, cause);
        }
        return new ConnectException(message, cause);
    }
}
