package org.apache.kafka.connect.storage;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.RestartRequest;
import org.apache.kafka.connect.runtime.TargetState;
import org.apache.kafka.connect.runtime.distributed.ClusterConfigState;
import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.apache.kafka.connect.storage.ConfigRecord.ConnectorConfig;
import org.apache.kafka.connect.storage.ConfigRecord.LoggerLevel;
import org.apache.kafka.connect.storage.ConfigRecord.RestartRequestRecord;
import org.apache.kafka.connect.storage.ConfigRecord.SessionKeyUpdate;
import org.apache.kafka.connect.storage.ConfigRecord.TargetStateUpdate;
import org.apache.kafka.connect.storage.ConfigRecord.TaskCommit;
import org.apache.kafka.connect.storage.ConfigRecord.TaskConfig;
import org.apache.kafka.connect.storage.ConfigRecord.TaskCountRecord;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.apache.kafka.connect.util.InternalTopicInitializer;
import org.apache.kafka.connect.util.KafkaBasedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The distributed worker's {@link ConfigBackingStore}: connector configs, target states, task configs and the
 * cluster's other shared settings, kept in the single-partition, compacted {@code config.storage.topic}
 * (internal-topics.md §1; record formats in {@link ConfigRecordCodec}, their replay in {@link ConfigLogReplay}).
 * <p>
 * Every worker reads the whole topic; the state is what this worker has read, so its own writes and those of other
 * workers become visible the same way. Each write sends its records and then reads the topic to the end, so it is
 * visible in {@link #snapshot()} when the write returns; one write may take at most {@value #WRITE_TIMEOUT_MS} ms,
 * else it fails with a {@link ConnectException}. Writes are plain (non-transactional) producer sends.
 * <p>
 * Threading: records are applied on the log's work thread (during {@link #start()}, on the starting thread), under
 * this object's monitor, which also guards the snapshot. Changes are told to the listener on the work thread, after
 * they are visible in {@link #snapshot()} and outside the monitor; nothing is told about the records read during
 * start-up. A listener must not write to this store (a write waits for the work thread it would be blocking).
 * Writes, {@link #snapshot()} and {@link #refresh} may be called from any thread.
 */
public class KafkaConfigBackingStore implements ConfigBackingStore {

    private static final Logger log = LoggerFactory.getLogger(KafkaConfigBackingStore.class);

    /** Budget of one write operation, from the first send to the record read back. */
    static final long WRITE_TIMEOUT_MS = 30_000L;

    private final Time time;
    private final ConfigRecordCodec codec = new ConfigRecordCodec();
    private final ConfigLogReplay replay = new ConfigLogReplay(codec);
    private final KafkaBasedLog<String, byte[]> configLog;
    private volatile ConfigChange.Listener listener;

    /** The thread running {@link #start()}: records it applies were written before this worker started. */
    private Thread startingThread;
    /** The current state as immutable values, or {@code null} once a record changed it; guarded by {@code this}. */
    private ConfigLogReplay.Snapshot snapshot;

    /**
     * Prepares the log over the worker's {@code config.storage.topic}; nothing is read before {@link #start()}.
     *
     * @throws ConfigException if no config topic is named
     */
    public KafkaConfigBackingStore(DistributedConfig config, Time time) {
        this.time = time;
        String topic = config.getString(DistributedConfig.CONFIG_TOPIC_CONFIG);
        if (topic == null || topic.isBlank()) {
            throw new ConfigException("Must specify topic for connector configs.");
        }
        Map<String, Object> producerConfigs = InternalTopicClients.producerConfigs(config, "configs");
        producerConfigs.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerConfigs.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        // Records of one write must land in the order sent (target state before connector, tasks before commit),
        // and the producer is not idempotent: a retried batch must not overtake a later one.
        producerConfigs.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        Map<String, Object> consumerConfigs = InternalTopicClients.consumerConfigs(config, "configs");
        consumerConfigs.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumerConfigs.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        if (config.exactlyOnceSourceEnabled()) {
            // A fenced-out leader's aborted writes must never be seen.
            consumerConfigs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        }
        InternalTopicInitializer initializer = new InternalTopicInitializer(
                InternalTopicClients.adminConfigs(config, "configs"),
                config.internalTopicsAutomaticCreationEnabled(), time);
        InternalTopicInitializer.TopicSpec spec = InternalTopicInitializer.TopicSpec.of(topic,
                DistributedConfig.CONFIG_TOPIC_CONFIG, 1,
                config.getShort(DistributedConfig.CONFIG_STORAGE_REPLICATION_FACTOR_CONFIG),
                config.internalTopicSettings(DistributedConfig.CONFIG_STORAGE_PREFIX), true);
        configLog = new KafkaBasedLog<>(topic, producerConfigs, consumerConfigs, () -> initializer.initialize(spec),
                this::consume, time);
    }

    /**
     * Creates or checks the topic (one partition, compacted) and reads it to the end; from then on changes are told
     * to the listener.
     *
     * @throws ConfigException  if the topic is missing and may not be created, has several partitions or is not
     *                          compacted
     * @throws ConnectException if the topic cannot be read
     */
    @Override
    public void start() {
        log.info("Starting the config store over topic '{}'", configLog.topic());
        synchronized (this) {
            startingThread = Thread.currentThread();
        }
        configLog.start();
        synchronized (this) {
            replay.markStarted();
            startingThread = null;
        }
        log.info("Started the config store over topic '{}' at offset {}", configLog.topic(), snapshot().offset());
    }

    @Override
    public void stop() {
        configLog.stop();
    }

    @Override
    public ClusterConfigState snapshot() {
        return fullSnapshot().config();
    }

    /** The current state including what only the distributed herder needs (session key, fencing bookkeeping). */
    public synchronized ConfigLogReplay.Snapshot fullSnapshot() {
        if (snapshot == null) {
            snapshot = replay.snapshot();
        }
        return snapshot;
    }

    @Override
    public boolean contains(String connector) {
        return snapshot().contains(connector);
    }

    /** The restart requests read since the last call, at most one per connector (the highest impact). */
    public synchronized List<RestartRequest> drainRestartRequests() {
        return replay.drainRestartRequests();
    }

    /** Writes the target state first when one is given, so the connector starts in it (internal-topics.md §1). */
    @Override
    public void putConnectorConfig(String connector, Map<String, String> properties, TargetState targetState) {
        Objects.requireNonNull(properties, "properties");
        log.debug("Writing the config of connector {}", connector);
        List<ConfigRecord> records = new ArrayList<>(2);
        if (targetState != null) {
            records.add(new TargetStateUpdate(connector, targetState));
        }
        records.add(new ConnectorConfig(connector, properties));
        Deadline deadline = new Deadline();
        write(records, deadline);
        readToEnd(deadline);
    }

    /** Tombstones the connector config and the target state; stale task records are left to compaction. */
    @Override
    public void removeConnectorConfig(String connector) {
        log.debug("Removing connector {}", connector);
        Deadline deadline = new Deadline();
        write(List.of(new ConnectorConfig(connector, null), new TargetStateUpdate(connector, null)), deadline);
        readToEnd(deadline);
    }

    /** Commits an empty task set, as stopping a connector does (internal-topics.md §1, write sequence 4). */
    @Override
    public void removeTaskConfigs(String connector) {
        putTaskConfigs(connector, List.of());
    }

    /**
     * Writes one record per task and then the commit record naming their count, which makes them visible to every
     * worker at once. Not checked against the connectors: a commit for an unknown connector is ignored by readers.
     */
    @Override
    public void putTaskConfigs(String connector, List<Map<String, String>> configs) {
        log.debug("Writing {} task configs of connector {}", configs.size(), connector);
        Deadline deadline = new Deadline();
        // Catch up first, so the commit's effect is judged against the latest state of the topic.
        readToEnd(deadline);
        if (!configs.isEmpty()) {
            List<ConfigRecord> tasks = new ArrayList<>(configs.size());
            for (int task = 0; task < configs.size(); task++) {
                tasks.add(new TaskConfig(new ConnectorTaskId(connector, task), configs.get(task)));
            }
            write(tasks, deadline);
            readToEnd(deadline);
        }
        write(List.of(new TaskCommit(connector, configs.size())), deadline);
        readToEnd(deadline);
    }

    @Override
    public void putTargetState(String connector, TargetState state) {
        Objects.requireNonNull(state, "state");
        log.debug("Writing target state {} of connector {}", state, connector);
        writeAndRead(new TargetStateUpdate(connector, state));
    }

    /** Records the task count whose producers were fenced out (KIP-618), which ends the connector's pending fencing. */
    public void putTaskCountRecord(String connector, int taskCount) {
        writeAndRead(new TaskCountRecord(connector, taskCount));
    }

    /** Distributes a new key for signing internal REST requests. */
    public void putSessionKey(SessionKeyUpdate sessionKey) {
        writeAndRead(sessionKey);
    }

    /** Asks every worker to restart what it runs of the connector (KIP-745). */
    public void putRestartRequest(RestartRequest request) {
        writeAndRead(new RestartRequestRecord(request));
    }

    /** Sets a logger level on every worker of the cluster (KIP-976). */
    public void putLoggerLevel(String namespace, String level) {
        writeAndRead(new LoggerLevel(namespace, level));
    }

    /** Reads the topic to the end: afterwards {@link #snapshot()} reflects every write made before the call. */
    @Override
    public void refresh(long timeout, TimeUnit unit) throws TimeoutException {
        try {
            configLog.readToEnd().get(timeout, unit);
        } catch (ExecutionException e) {
            throw new ConnectException("Failed to read the config topic '" + configLog.topic() + "' to the end",
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while reading the config topic '" + configLog.topic() + "'", e);
        }
    }

    /**
     * A plain {@link ConfigBackingStore.UpdateListener} hears about connector and task changes only; a
     * {@link ConfigChange.Listener} also about session keys, restart requests and logger levels.
     */
    @Override
    public void setUpdateListener(UpdateListener listener) {
        this.listener = listener == null ? null
                : listener instanceof ConfigChange.Listener full ? full : new StoreListenerAdapter(listener);
    }

    private void writeAndRead(ConfigRecord record) {
        Deadline deadline = new Deadline();
        write(List.of(record), deadline);
        readToEnd(deadline);
    }

    /** Sends the records in order and waits until the broker has acknowledged all of them. */
    private void write(List<ConfigRecord> records, Deadline deadline) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        for (ConfigRecord record : records) {
            CompletableFuture<RecordMetadata> ack = new CompletableFuture<>();
            configLog.send(record.key(), codec.encodeValue(record), (metadata, error) -> {
                if (error == null) {
                    ack.complete(metadata);
                } else {
                    ack.completeExceptionally(error);
                }
            });
            acks.add(ack);
        }
        for (Future<RecordMetadata> ack : acks) {
            await(ack, deadline, "write to");
        }
    }

    private void readToEnd(Deadline deadline) {
        await(configLog.readToEnd(), deadline, "read back");
    }

    private void await(Future<?> future, Deadline deadline, String action) {
        String topic = configLog.topic();
        try {
            future.get(deadline.remainingMs(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new ConnectException("Failed to " + action + " the config topic '" + topic + "'", e.getCause());
        } catch (TimeoutException e) {
            throw new ConnectException("Timed out after " + WRITE_TIMEOUT_MS + " ms trying to " + action
                    + " the config topic '" + topic + "'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while trying to " + action + " the config topic '" + topic + "'",
                    e);
        }
    }

    /** Applies one record read from the topic; runs on the log's work thread (at start-up, the starting thread). */
    private void consume(ConsumerRecord<String, byte[]> record) {
        List<ConfigChange> changes;
        synchronized (this) {
            // The work thread may read its first records before start() marks the end of the start-up read.
            if (!replay.started() && Thread.currentThread() != startingThread) {
                replay.markStarted();
            }
            changes = replay.apply(record.offset(), record.key(), record.value());
            snapshot = null;
        }
        ConfigChange.Listener current = listener;
        if (current == null) {
            return;
        }
        for (ConfigChange change : changes) {
            try {
                change.notify(current);
            } catch (RuntimeException e) {
                log.error("The config update listener failed on {}", change, e);
            }
        }
    }

    /** The end of one write's time budget. */
    private final class Deadline {
        private final long endMs = time.milliseconds() + WRITE_TIMEOUT_MS;

        long remainingMs() {
            return Math.max(0, endMs - time.milliseconds());
        }
    }
}
