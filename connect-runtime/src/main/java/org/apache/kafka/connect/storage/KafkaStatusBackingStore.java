package org.apache.kafka.connect.storage;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.runtime.AbstractStatus;
import org.apache.kafka.connect.runtime.ConnectorStatus;
import org.apache.kafka.connect.runtime.TaskStatus;
import org.apache.kafka.connect.runtime.TopicStatus;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.apache.kafka.connect.util.InternalTopicInitializer;
import org.apache.kafka.connect.util.KafkaBasedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The distributed worker's {@link StatusBackingStore}: statuses of connectors and tasks, and the topics connectors
 * use, kept in the compacted {@code status.storage.topic} (internal-topics.md §2; formats in {@link StatusCodec}).
 * <p>
 * Writes are asynchronous. The in-memory view is what this worker has read from the topic, so a write becomes
 * visible once it has been read back; every worker converges on the same view. {@code DESTROYED} is written as a
 * tombstone. Safe writes are skipped when the view holds a status of the same key written by another worker in a
 * newer generation. A write that fails with a retriable error is retried on a background thread unless a newer write
 * of the same key has been requested since.
 * <p>
 * Thread-safe: the view is guarded by this object's monitor; it is updated on the log's work thread and read by
 * herder, task and REST threads.
 */
public class KafkaStatusBackingStore implements StatusBackingStore {

    private static final Logger log = LoggerFactory.getLogger(KafkaStatusBackingStore.class);

    private static final long RETRY_BACKOFF_MS = 100L;

    private final Time time;
    private final StatusCodec codec = new StatusCodec();
    private final Map<String, ConnectorStatus> connectors = new HashMap<>();
    private final Map<String, Map<Integer, TaskStatus>> tasks = new HashMap<>();
    private final Map<String, Map<String, TopicStatus>> topics = new HashMap<>();
    /** Number of writes requested per key, so that a retry can tell whether it has been superseded. */
    private final Map<String, Long> writeSequences = new HashMap<>();
    private ScheduledExecutorService retryExecutor;
    private KafkaBasedLog<String, byte[]> statusLog;

    public KafkaStatusBackingStore() {
        this(Time.SYSTEM);
    }

    public KafkaStatusBackingStore(Time time) {
        this.time = time;
    }

    /**
     * @throws ConfigException if the worker is not a distributed one
     */
    @Override
    public void configure(WorkerConfig workerConfig) {
        if (!(workerConfig instanceof DistributedConfig config)) {
            throw new ConfigException("The status topic needs a distributed worker configuration");
        }
        String topic = config.getString(DistributedConfig.STATUS_STORAGE_TOPIC_CONFIG);
        if (topic == null || topic.isBlank()) {
            throw new ConfigException("Must specify topic for connector status.");
        }
        Map<String, Object> producerConfigs = InternalTopicClients.producerConfigs(config, "statuses");
        producerConfigs.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerConfigs.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        // This store retries by itself, so that it can drop a retry that a newer write has superseded.
        producerConfigs.put(ProducerConfig.RETRIES_CONFIG, 0);
        Map<String, Object> consumerConfigs = InternalTopicClients.consumerConfigs(config, "statuses");
        consumerConfigs.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumerConfigs.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        InternalTopicInitializer initializer = new InternalTopicInitializer(
                InternalTopicClients.adminConfigs(config, "statuses"),
                config.internalTopicsAutomaticCreationEnabled(), time);
        InternalTopicInitializer.TopicSpec spec = InternalTopicInitializer.TopicSpec.of(topic,
                DistributedConfig.STATUS_STORAGE_TOPIC_CONFIG,
                config.getInt(DistributedConfig.STATUS_STORAGE_PARTITIONS_CONFIG),
                config.getShort(DistributedConfig.STATUS_STORAGE_REPLICATION_FACTOR_CONFIG),
                config.internalTopicSettings(DistributedConfig.STATUS_STORAGE_PREFIX), false);
        statusLog = new KafkaBasedLog<>(topic, producerConfigs, consumerConfigs, () -> initializer.initialize(spec),
                this::consume, time);
    }

    @Override
    public void start() {
        if (statusLog == null) {
            throw new IllegalStateException("KafkaStatusBackingStore is not configured");
        }
        retryExecutor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "KafkaStatusBackingStore-retry");
            thread.setDaemon(true);
            return thread;
        });
        statusLog.start();
    }

    @Override
    public void stop() {
        if (retryExecutor != null) {
            retryExecutor.shutdownNow();
        }
        if (statusLog != null) {
            statusLog.stop();
        }
    }

    @Override
    public void put(ConnectorStatus status) {
        send(StatusCodec.connectorKey(status.id()), encode(status), false, null);
    }

    @Override
    public void putSafe(ConnectorStatus status) {
        send(StatusCodec.connectorKey(status.id()), encode(status), true, status);
    }

    @Override
    public void put(TaskStatus status) {
        send(StatusCodec.taskKey(status.id()), encode(status), false, null);
    }

    @Override
    public void putSafe(TaskStatus status) {
        send(StatusCodec.taskKey(status.id()), encode(status), true, status);
    }

    @Override
    public void put(TopicStatus status) {
        synchronized (this) {
            Map<String, TopicStatus> known = topics.get(status.connector());
            if (known != null && known.containsKey(status.topic())) {
                return;
            }
        }
        send(StatusCodec.topicKey(status.topic(), status.connector()), codec.encodeTopic(status), false, null);
    }

    @Override
    public void deleteTopic(String connector, String topic) {
        send(StatusCodec.topicKey(topic, connector), null, false, null);
    }

    @Override
    public synchronized TaskStatus get(ConnectorTaskId id) {
        Map<Integer, TaskStatus> ofConnector = tasks.get(id.connector());
        return ofConnector == null ? null : ofConnector.get(id.task());
    }

    @Override
    public synchronized ConnectorStatus get(String connector) {
        return connectors.get(connector);
    }

    @Override
    public synchronized Collection<TaskStatus> getAll(String connector) {
        Map<Integer, TaskStatus> ofConnector = tasks.get(connector);
        return ofConnector == null ? List.of() : new ArrayList<>(ofConnector.values());
    }

    @Override
    public synchronized Set<String> connectors() {
        return new HashSet<>(connectors.keySet());
    }

    @Override
    public synchronized TopicStatus getTopic(String connector, String topic) {
        Map<String, TopicStatus> ofConnector = topics.get(connector);
        return ofConnector == null ? null : ofConnector.get(topic);
    }

    @Override
    public synchronized Collection<TopicStatus> getAllTopics(String connector) {
        Map<String, TopicStatus> ofConnector = topics.get(connector);
        return ofConnector == null ? List.of() : new ArrayList<>(ofConnector.values());
    }

    @Override
    public void flush() {
        statusLog.flush();
    }

    /** {@code DESTROYED} is a tombstone. */
    private byte[] encode(AbstractStatus<?> status) {
        return status.state() == AbstractStatus.State.DESTROYED ? null : codec.encodeStatus(status);
    }

    /**
     * @param safeStatus for a safe write, the status being written (checked against the view); else {@code null}
     */
    private void send(String key, byte[] value, boolean safe, AbstractStatus<?> safeStatus) {
        long sequence;
        synchronized (this) {
            if (safe && overridesNewer(cached(key), safeStatus)) {
                log.debug("Skipping the status write of '{}': another worker wrote it in a newer generation", key);
                return;
            }
            sequence = writeSequences.merge(key, 1L, Long::sum);
        }
        sendAttempt(key, value, sequence);
    }

    private void sendAttempt(String key, byte[] value, long sequence) {
        statusLog.send(key, value, (metadata, error) -> {
            if (error == null) {
                return;
            }
            if (!(error instanceof RetriableException)) {
                log.error("Failed to write status record '{}'", key, error);
                return;
            }
            synchronized (this) {
                if (writeSequences.getOrDefault(key, 0L) != sequence) {
                    log.debug("Not retrying the status write of '{}': a newer write superseded it", key);
                    return;
                }
            }
            log.warn("Retrying the status write of '{}' after a retriable error: {}", key, error.getMessage());
            try {
                retryExecutor.schedule(() -> sendAttempt(key, value, sequence), RETRY_BACKOFF_MS,
                        TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) {
                log.debug("Not retrying the status write of '{}': the store is stopping", key);
            }
        });
    }

    /** A safe write must not replace a status another worker wrote in a newer generation. */
    private static boolean overridesNewer(AbstractStatus<?> stored, AbstractStatus<?> update) {
        return stored != null && stored.generation() > update.generation()
                && !Objects.equals(stored.workerId(), update.workerId());
    }

    private AbstractStatus<?> cached(String key) {
        StatusCodec.ParsedKey parsed = StatusCodec.parseKey(key);
        if (parsed instanceof StatusCodec.ConnectorKey connectorKey) {
            return connectors.get(connectorKey.connector());
        }
        if (parsed instanceof StatusCodec.TaskKey taskKey) {
            return get(taskKey.id());
        }
        return null;
    }

    /** Applies one record of the topic to the view; runs on the log's work thread. */
    private void consume(ConsumerRecord<String, byte[]> record) {
        String key = record.key();
        StatusCodec.ParsedKey parsed = key == null ? null : StatusCodec.parseKey(key);
        if (parsed == null) {
            log.warn("Ignoring status record with an unexpected key: {}", key);
            return;
        }
        try {
            if (parsed instanceof StatusCodec.ConnectorKey connectorKey) {
                readConnectorStatus(connectorKey.connector(), record.value());
            } else if (parsed instanceof StatusCodec.TaskKey taskKey) {
                readTaskStatus(taskKey.id(), record.value());
            } else if (parsed instanceof StatusCodec.TopicKey topicKey) {
                readTopicStatus(topicKey, record.value());
            }
        } catch (RuntimeException e) {
            log.error("Ignoring status record '{}' whose value could not be read", key, e);
        }
    }

    private synchronized void readConnectorStatus(String connector, byte[] value) {
        if (value == null) {
            connectors.remove(connector);
            return;
        }
        StatusCodec.Status status = codec.decodeStatus(value);
        connectors.put(connector, new ConnectorStatus(connector, status.state(), status.workerId(),
                status.generation(), status.trace(), status.version()));
    }

    private synchronized void readTaskStatus(ConnectorTaskId id, byte[] value) {
        if (value == null) {
            Map<Integer, TaskStatus> ofConnector = tasks.get(id.connector());
            if (ofConnector != null) {
                ofConnector.remove(id.task());
                if (ofConnector.isEmpty()) {
                    tasks.remove(id.connector());
                }
            }
            return;
        }
        StatusCodec.Status status = codec.decodeStatus(value);
        TaskStatus current = get(id);
        // A late UNASSIGNED from an old owner must not hide that a newer owner already runs the task.
        if (status.state() == AbstractStatus.State.UNASSIGNED && current != null
                && current.state() == AbstractStatus.State.RUNNING && current.generation() >= status.generation()) {
            log.trace("Ignoring stale UNASSIGNED status of task {}", id);
            return;
        }
        tasks.computeIfAbsent(id.connector(), c -> new HashMap<>()).put(id.task(), new TaskStatus(id,
                status.state(), status.workerId(), status.generation(), status.trace(), status.version()));
    }

    private synchronized void readTopicStatus(StatusCodec.TopicKey key, byte[] value) {
        if (value == null) {
            Map<String, TopicStatus> ofConnector = topics.get(key.connector());
            if (ofConnector != null) {
                ofConnector.remove(key.topic());
                if (ofConnector.isEmpty()) {
                    topics.remove(key.connector());
                }
            }
            return;
        }
        TopicStatus status = codec.decodeTopic(value);
        topics.computeIfAbsent(key.connector(), c -> new HashMap<>()).put(key.topic(), status);
    }
}
