package org.apache.kafka.connect.util;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * Makes sure an internal topic (config, offsets, status, or a connector's own offsets topic) exists and is fit for
 * use before a {@link KafkaBasedLog} reads it (internal-topics.md §0):
 * <ul>
 *   <li>creates it if missing, with {@code cleanup.policy=compact} forced, retrying retriable failures until the
 *       admin client's {@code default.api.timeout.ms} has passed; or, when automatic creation is disabled, fails if
 *       it is missing;</li>
 *   <li>refuses an existing topic whose {@code cleanup.policy} is readable and not exactly {@code compact}, and a
 *       single-partition topic (the config topic) that has more partitions.</li>
 * </ul>
 * Each call opens and closes its own admin client, so instances are immutable and thread-safe.
 */
public final class InternalTopicInitializer {

    private static final Logger log = LoggerFactory.getLogger(InternalTopicInitializer.class);

    private static final long DEFAULT_API_TIMEOUT_MS = 60_000L;
    private static final long DEFAULT_RETRY_BACKOFF_MS = 100L;

    /**
     * What the topic should look like.
     *
     * @param name              the topic name
     * @param configKey         the worker (or connector) property that named the topic, quoted in errors
     * @param partitions        partitions when creating it; empty for the broker's default
     * @param replicationFactor replication factor when creating it; empty for the broker's default
     * @param topicConfigs      extra topic-level configs when creating it ({@code cleanup.policy} is overridden)
     * @param singlePartition   whether the topic must have exactly one partition (the config topic)
     */
    public record TopicSpec(String name, String configKey, Optional<Integer> partitions,
                            Optional<Short> replicationFactor, Map<String, String> topicConfigs,
                            boolean singlePartition) {

        public TopicSpec {
            topicConfigs = Map.copyOf(topicConfigs);
        }

        /** -1 in a worker property means "the broker's default". */
        public static TopicSpec of(String name, String configKey, int partitions, short replicationFactor,
                                   Map<String, String> topicConfigs, boolean singlePartition) {
            return new TopicSpec(name, configKey,
                    partitions == -1 ? Optional.empty() : Optional.of(partitions),
                    replicationFactor == -1 ? Optional.empty() : Optional.of(replicationFactor),
                    topicConfigs, singlePartition);
        }
    }

    private final Map<String, Object> adminConfigs;
    private final boolean automaticCreation;
    private final Time time;

    /**
     * @param adminConfigs      settings of the admin client used for each call
     * @param automaticCreation the worker's {@code internal.topics.automatic.creation.enable}
     */
    public InternalTopicInitializer(Map<String, Object> adminConfigs, boolean automaticCreation, Time time) {
        this.adminConfigs = Map.copyOf(adminConfigs);
        this.automaticCreation = automaticCreation;
        this.time = time;
    }

    /**
     * Creates the topic if needed and allowed, then checks it.
     *
     * @throws ConfigException  if the topic is missing and may not be created, is not compacted, or has too many
     *                          partitions
     * @throws ConnectException if the broker could not be asked in time or refused in another way
     */
    public void initialize(TopicSpec spec) {
        try (Admin admin = Admin.create(adminConfigs)) {
            if (automaticCreation) {
                create(admin, spec);
            }
            verify(admin, spec);
        }
    }

    private void create(Admin admin, TopicSpec spec) {
        Map<String, String> configs = new HashMap<>(spec.topicConfigs());
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        NewTopic topic = new NewTopic(spec.name(), spec.partitions(), spec.replicationFactor()).configs(configs);
        long deadline = time.milliseconds() + longSetting(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                DEFAULT_API_TIMEOUT_MS);
        long backoffMs = longSetting(CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG, DEFAULT_RETRY_BACKOFF_MS);
        while (true) {
            try {
                admin.createTopics(List.of(topic)).all().get();
                log.info("Created internal topic '{}' ({})", spec.name(), spec.configKey());
                return;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof TopicExistsException) {
                    log.debug("Internal topic '{}' already exists", spec.name());
                    return;
                }
                if (cause instanceof UnsupportedVersionException || cause instanceof ClusterAuthorizationException
                        || cause instanceof TopicAuthorizationException) {
                    // The topic may have been created by an administrator; verification tells.
                    log.info("Could not create internal topic '{}' ({}); assuming it exists", spec.name(),
                            cause.getMessage());
                    return;
                }
                if (!(cause instanceof RetriableException) || time.milliseconds() + backoffMs >= deadline) {
                    throw new ConnectException("Could not create internal topic '" + spec.name() + "' given by '"
                            + spec.configKey() + "'", cause);
                }
                log.debug("Retrying creation of internal topic '{}' after a retriable error: {}", spec.name(),
                        cause.getMessage());
                time.sleep(backoffMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectException("Interrupted while creating internal topic '" + spec.name() + "'", e);
            }
        }
    }

    private void verify(Admin admin, TopicSpec spec) {
        TopicDescription description = describe(admin, spec);
        int partitions = description.partitions().size();
        if (spec.singlePartition() && partitions != 1) {
            throw new ConfigException("Topic '" + spec.name() + "' supplied via the '" + spec.configKey()
                    + "' property must have exactly one partition, but it has " + partitions + ". Use a topic "
                    + "with a single partition, or let the worker create it.");
        }
        checkCompacted(admin, spec);
    }

    /** Retries retriable failures (a topic just created may not be known to every broker yet) until the deadline. */
    private TopicDescription describe(Admin admin, TopicSpec spec) {
        long deadline = time.milliseconds() + longSetting(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                DEFAULT_API_TIMEOUT_MS);
        long backoffMs = longSetting(CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG, DEFAULT_RETRY_BACKOFF_MS);
        while (true) {
            try {
                return admin.describeTopics(List.of(spec.name())).allTopicNames().get().get(spec.name());
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                boolean retriable = cause instanceof RetriableException;
                if (cause instanceof UnknownTopicOrPartitionException && !automaticCreation) {
                    throw new ConfigException(missingTopicMessage(spec));
                }
                if (!retriable || time.milliseconds() + backoffMs >= deadline) {
                    if (cause instanceof UnknownTopicOrPartitionException) {
                        throw new ConfigException("Topic '" + spec.name() + "' specified via the '"
                                + spec.configKey() + "' property is missing and could not be created");
                    }
                    throw new ConnectException("Could not describe internal topic '" + spec.name() + "'", cause);
                }
                time.sleep(backoffMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectException("Interrupted while describing internal topic '" + spec.name() + "'", e);
            }
        }
    }

    private static void checkCompacted(Admin admin, TopicSpec spec) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
        String policy;
        try {
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            ConfigEntry entry = config == null ? null : config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
            policy = entry == null ? null : entry.value();
        } catch (ExecutionException | KafkaException e) {
            log.info("Could not read the cleanup.policy of internal topic '{}', so it is not checked: {}",
                    spec.name(), e.getMessage());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while describing internal topic '" + spec.name() + "'", e);
        }
        if (policy == null) {
            log.info("The broker did not report the cleanup.policy of internal topic '{}'; it is not checked",
                    spec.name());
            return;
        }
        if (!TopicConfig.CLEANUP_POLICY_COMPACT.equals(policy.trim())) {
            throw new ConfigException("Topic '" + spec.name() + "' supplied via the '" + spec.configKey()
                    + "' property must have 'cleanup.policy=compact', but it has 'cleanup.policy=" + policy
                    + "'. Records of an internal topic that is not compacted are eventually deleted, and the "
                    + "Connect cluster would lose its state. Point '" + spec.configKey() + "' at a topic with "
                    + "'cleanup.policy=compact'.");
        }
    }

    static String missingTopicMessage(TopicSpec spec) {
        return "Topic '" + spec.name() + "' specified via the '" + spec.configKey() + "' property is missing. "
                + "The config 'internal.topics.automatic.creation.enable' is set to 'false', so automatic creation "
                + "of internal topics is disabled. Either enable automatic creation or create the topics manually.";
    }

    private long longSetting(String key, long defaultValue) {
        Object value = adminConfigs.get(key);
        if (value == null) {
            return defaultValue;
        }
        return value instanceof Number ? ((Number) value).longValue() : Long.parseLong(value.toString().trim());
    }
}
