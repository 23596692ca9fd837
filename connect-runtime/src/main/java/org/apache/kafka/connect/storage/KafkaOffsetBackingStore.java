package org.apache.kafka.connect.storage;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.apache.kafka.connect.util.Callback;
import org.apache.kafka.connect.util.InternalTopicInitializer;
import org.apache.kafka.connect.util.KafkaBasedLog;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The distributed worker's {@link OffsetBackingStore}: source offsets kept in the compacted
 * {@code offset.storage.topic} (internal-topics.md §3), keys and values as the exact bytes the internal JSON
 * converter writes (see {@link OffsetCodec}).
 * <p>
 * Every worker reads the whole topic into memory; a lookup first reads to the end of the topic, so it sees every
 * offset written (by any worker) before it was requested. A write sends one record per key and completes when all
 * are acknowledged; the in-memory view learns of them by reading them back. Thread-safe: the view is a concurrent
 * map updated only by the log's work thread.
 */
public class KafkaOffsetBackingStore implements OffsetBackingStore {

    private final Time time;
    private final Map<ByteBuffer, ByteBuffer> data = new ConcurrentHashMap<>();
    private final ConnectorPartitionIndex partitionIndex = new ConnectorPartitionIndex();
    private KafkaBasedLog<byte[], byte[]> offsetLog;

    public KafkaOffsetBackingStore() {
        this(Time.SYSTEM);
    }

    public KafkaOffsetBackingStore(Time time) {
        this.time = time;
    }

    /**
     * Parses the worker properties as a {@link DistributedConfig} (so the plugins' delegating loader must be the
     * context class loader, as when the worker itself was configured) and prepares the log.
     */
    @Override
    public void configure(Map<String, ?> workerConfigs) {
        Map<String, String> props = new HashMap<>();
        workerConfigs.forEach((key, value) -> props.put(key, value == null ? null : value.toString()));
        configure(new DistributedConfig(props));
    }

    /** Prepares the log over the worker's {@code offset.storage.topic}. */
    public void configure(DistributedConfig config) {
        String topic = config.getString(DistributedConfig.OFFSET_STORAGE_TOPIC_CONFIG);
        Map<String, Object> producerConfigs = InternalTopicClients.producerConfigs(config, "offsets");
        producerConfigs.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producerConfigs.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producerConfigs.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
        Map<String, Object> consumerConfigs = InternalTopicClients.consumerConfigs(config, "offsets");
        consumerConfigs.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumerConfigs.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        if (config.exactlyOnceSourceEnabled()) {
            consumerConfigs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        }
        InternalTopicInitializer initializer = new InternalTopicInitializer(
                InternalTopicClients.adminConfigs(config, "offsets"),
                config.internalTopicsAutomaticCreationEnabled(), time);
        InternalTopicInitializer.TopicSpec spec = InternalTopicInitializer.TopicSpec.of(topic,
                DistributedConfig.OFFSET_STORAGE_TOPIC_CONFIG,
                config.getInt(DistributedConfig.OFFSET_STORAGE_PARTITIONS_CONFIG),
                config.getShort(DistributedConfig.OFFSET_STORAGE_REPLICATION_FACTOR_CONFIG),
                config.internalTopicSettings(DistributedConfig.OFFSET_STORAGE_PREFIX), false);
        offsetLog = new KafkaBasedLog<>(topic, producerConfigs, consumerConfigs, () -> initializer.initialize(spec),
                this::consume, time);
    }

    @Override
    public void start() {
        log().start();
    }

    @Override
    public void stop() {
        log().stop();
    }

    @Override
    public Future<Map<ByteBuffer, ByteBuffer>> get(Collection<ByteBuffer> keys) {
        List<ByteBuffer> requested = new ArrayList<>(keys);
        CompletableFuture<Map<ByteBuffer, ByteBuffer>> result = new CompletableFuture<>();
        log().readToEnd((error, ignored) -> {
            if (error != null) {
                result.completeExceptionally(error);
                return;
            }
            Map<ByteBuffer, ByteBuffer> values = new HashMap<>();
            for (ByteBuffer key : requested) {
                values.put(key, data.get(key));
            }
            result.complete(values);
        });
        return result;
    }

    @Override
    public Future<Void> set(Map<ByteBuffer, ByteBuffer> values, Callback<Void> callback) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        if (values.isEmpty()) {
            complete(callback, result, null);
            return result;
        }
        AtomicInteger outstanding = new AtomicInteger(values.size());
        AtomicBoolean done = new AtomicBoolean();
        values.forEach((key, value) -> log().send(OffsetCodec.toArray(key),
                value == null ? null : OffsetCodec.toArray(value), (metadata, error) -> {
                    // The first failure, or else the last acknowledgement, completes the write.
                    if (error != null ? done.compareAndSet(false, true)
                            : outstanding.decrementAndGet() == 0 && done.compareAndSet(false, true)) {
                        complete(callback, result, error);
                    }
                }));
        return result;
    }

    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
        return partitionIndex.partitions(connectorName);
    }

    private void consume(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            return;
        }
        ByteBuffer key = ByteBuffer.wrap(record.key());
        ByteBuffer value = record.value() == null ? null : ByteBuffer.wrap(record.value());
        if (value == null) {
            data.remove(key);
        } else {
            data.put(key, value);
        }
        partitionIndex.record(key, value);
    }

    private KafkaBasedLog<byte[], byte[]> log() {
        if (offsetLog == null) {
            throw new IllegalStateException("KafkaOffsetBackingStore is not configured");
        }
        return offsetLog;
    }

    private static void complete(Callback<Void> callback, CompletableFuture<Void> result, Throwable error) {
        if (callback != null) {
            callback.onCompletion(error, null);
        }
        if (error == null) {
            result.complete(null);
        } else {
            result.completeExceptionally(error);
        }
    }
}
