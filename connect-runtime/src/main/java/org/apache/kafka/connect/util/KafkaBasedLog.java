package org.apache.kafka.connect.util;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * A log over one compacted topic, read fully by every worker: a consumer assigned to all partitions (no group, no
 * committed offsets) replays the topic from the beginning and hands each record to a callback, and a producer
 * appends to it with Kafka's default partitioner ({@code acks=all}), so Apache's workers and ours agree on where
 * each key lives.
 * <p>
 * Threading: the consumer belongs to one background <em>work thread</em>, which polls, invokes the consumed-record
 * callback (so callbacks never run concurrently and see records in log order), fetches end offsets, and completes
 * read-to-end requests. {@link #readToEnd}, {@link #send} and {@link #flush} may be called from any thread;
 * {@link #start()} and {@link #stop()} by the owner only, once each. The producer is thread-safe; its callbacks run
 * on its I/O thread.
 *
 * @param <K> the record key type
 * @param <V> the record value type
 */
public class KafkaBasedLog<K, V> {

    private static final Logger log = LoggerFactory.getLogger(KafkaBasedLog.class);

    private static final Duration POLL_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);
    private static final long ERROR_BACKOFF_MS = 1_000L;

    private final String topic;
    private final Map<String, Object> producerConfigs;
    private final Map<String, Object> consumerConfigs;
    private final Runnable topicInitializer;
    private final java.util.function.Consumer<ConsumerRecord<K, V>> consumedCallback;
    private final Time time;

    /** Requests not yet given a target; guarded by itself. */
    private final Queue<Callback<Void>> newReadRequests = new ArrayDeque<>();
    /** Requests with their target end offsets; only touched by the work thread. */
    private final List<ReadRequest> targetedReadRequests = new ArrayList<>();

    private Producer<K, V> producer;
    private Consumer<K, V> consumer;
    /**
     * Asks only for end offsets, over its own connection: on the reading consumer's connection the broker would answer
     * the offset request only after the parked fetch returns, i.e. up to {@code fetch.max.wait.ms} later.
     */
    private Consumer<K, V> endOffsetsConsumer;
    private List<TopicPartition> partitions;
    private volatile Thread workThread;
    /** Guarded by {@link #newReadRequests}, so that no request slips in after {@link #stop()} drained them. */
    private boolean stopping;

    /**
     * @param topic            the topic
     * @param producerConfigs  producer settings including serializers; {@code null} for a read-only log
     * @param consumerConfigs  consumer settings including deserializers; group and auto-commit settings are
     *                         replaced, since the consumer has no group
     * @param topicInitializer run first by {@link #start()} to create or check the topic; may be {@code null}
     * @param consumedCallback receives every record read, on the work thread, in log order per partition
     */
    public KafkaBasedLog(String topic, Map<String, Object> producerConfigs, Map<String, Object> consumerConfigs,
                         Runnable topicInitializer, java.util.function.Consumer<ConsumerRecord<K, V>> consumedCallback,
                         Time time) {
        this.topic = topic;
        this.producerConfigs = producerConfigs == null ? null : new HashMap<>(producerConfigs);
        this.consumerConfigs = new HashMap<>(consumerConfigs);
        this.topicInitializer = topicInitializer;
        this.consumedCallback = consumedCallback;
        this.time = time;
    }

    /**
     * Creates or checks the topic, opens the clients, reads the whole topic (every record goes through the callback
     * before this returns) and starts the work thread.
     *
     * @throws ConnectException if the topic has no partitions or cannot be read
     */
    public void start() {
        log.info("Starting the log over topic '{}'", topic);
        if (topicInitializer != null) {
            topicInitializer.run();
        }
        if (producerConfigs != null) {
            producerConfigs.put(ProducerConfig.ACKS_CONFIG, "all");
            producerConfigs.remove(ProducerConfig.PARTITIONER_CLASS_CONFIG);
            producerConfigs.remove(ProducerConfig.PARTITIONER_IGNORE_KEYS_CONFIG);
            producer = createProducer(producerConfigs);
        }
        consumerConfigs.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumerConfigs.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        consumerConfigs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfigs.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = createConsumer(consumerConfigs);
        Map<String, Object> endOffsetsConfigs = new HashMap<>(consumerConfigs);
        Object clientId = consumerConfigs.get(ConsumerConfig.CLIENT_ID_CONFIG);
        if (clientId != null) {
            endOffsetsConfigs.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-end-offsets");
        }
        try {
            endOffsetsConsumer = createConsumer(endOffsetsConfigs);
            partitions = partitionsOf(topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            readToEnd(consumer.endOffsets(partitions));
        } catch (RuntimeException e) {
            closeClients();
            throw e;
        }
        workThread = new Thread(this::work, "KafkaBasedLog Work Thread - " + topic);
        workThread.setDaemon(true);
        workThread.start();
        log.info("Finished reading the log over topic '{}' and started", topic);
    }

    /**
     * Stops the work thread (pending read-to-end requests fail), waits for sent records to complete, and closes the
     * clients.
     */
    public void stop() {
        log.info("Stopping the log over topic '{}'", topic);
        synchronized (newReadRequests) {
            stopping = true;
            if (consumer != null) {
                consumer.wakeup();
            }
            if (endOffsetsConsumer != null && endOffsetsConsumer != consumer) {
                endOffsetsConsumer.wakeup();
            }
        }
        if (workThread != null) {
            try {
                workThread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeClients();
        failPendingReads(new ConnectException("The log over topic '" + topic + "' was stopped"));
        log.info("Stopped the log over topic '{}'", topic);
    }

    /**
     * Asks the work thread to consume until it has reached the end offsets of every partition as they are when it
     * takes up the request; the callback runs on the work thread after every record up to there went through the
     * consumed-record callback.
     */
    public void readToEnd(Callback<Void> callback) {
        synchronized (newReadRequests) {
            if (stopping) {
                callback.onCompletion(new ConnectException("The log over topic '" + topic + "' is stopped"), null);
                return;
            }
            newReadRequests.add(callback);
            // Before start() finished, the work thread will take the request up when it begins.
            if (workThread != null) {
                consumer.wakeup();
            }
        }
    }

    /** {@link #readToEnd(Callback)} as a future. */
    public Future<Void> readToEnd() {
        CompletableFuture<Void> future = new CompletableFuture<>();
        readToEnd((error, ignored) -> {
            if (error == null) {
                future.complete(null);
            } else {
                future.completeExceptionally(error);
            }
        });
        return future;
    }

    /** Appends a record; {@code callback} (may be {@code null}) runs on the producer's I/O thread. */
    public void send(K key, V value, org.apache.kafka.clients.producer.Callback callback) {
        if (producer == null) {
            throw new IllegalStateException("The log over topic '" + topic + "' is read-only or not started");
        }
        producer.send(new ProducerRecord<>(topic, key, value), callback);
    }

    /** Waits until every record sent so far has been acknowledged or has failed. */
    public void flush() {
        if (producer != null) {
            producer.flush();
        }
    }

    public String topic() {
        return topic;
    }

    /** The partitions the log reads; stable after {@link #start()}. */
    public List<TopicPartition> partitions() {
        return List.copyOf(partitions);
    }

    protected Producer<K, V> createProducer(Map<String, Object> configs) {
        return new KafkaProducer<>(configs);
    }

    protected Consumer<K, V> createConsumer(Map<String, Object> configs) {
        return new KafkaConsumer<>(configs);
    }

    private List<TopicPartition> partitionsOf(String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic);
        if (infos == null || infos.isEmpty()) {
            throw new ConnectException("Topic '" + topic + "' has no partitions or does not exist");
        }
        List<TopicPartition> result = new ArrayList<>(infos.size());
        for (PartitionInfo info : infos) {
            result.add(new TopicPartition(info.topic(), info.partition()));
        }
        return result;
    }

    private boolean stopping() {
        synchronized (newReadRequests) {
            return stopping;
        }
    }

    private void work() {
        while (!stopping()) {
            try {
                takeNewReadRequests();
                pollOnce();
                completeReachedReadRequests();
            } catch (WakeupException e) {
                // A new read request or stop(): loop around and look.
            } catch (RuntimeException e) {
                if (stopping()) {
                    break;
                }
                log.error("Unexpected error reading topic '{}'; retrying in {} ms", topic, ERROR_BACKOFF_MS, e);
                time.sleep(ERROR_BACKOFF_MS);
            }
        }
    }

    /** Fetches the end offsets now, so a request waits only for records written before it was taken up. */
    private void takeNewReadRequests() {
        List<Callback<Void>> taken = new ArrayList<>();
        synchronized (newReadRequests) {
            taken.addAll(newReadRequests);
            newReadRequests.clear();
        }
        if (taken.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> endOffsets;
        try {
            endOffsets = endOffsetsConsumer.endOffsets(partitions);
        } catch (WakeupException e) {
            synchronized (newReadRequests) {
                taken.forEach(newReadRequests::add);
            }
            throw e;
        } catch (RuntimeException e) {
            log.error("Could not fetch the end offsets of topic '{}'", topic, e);
            taken.forEach(callback -> complete(callback, e));
            return;
        }
        for (Callback<Void> callback : taken) {
            targetedReadRequests.add(new ReadRequest(endOffsets, callback));
        }
        completeReachedReadRequests();
    }

    private void pollOnce() {
        // Only wait long when nobody is waiting for progress; a pending read keeps polling briskly.
        Duration timeout = targetedReadRequests.isEmpty() ? POLL_TIMEOUT : Duration.ofMillis(100);
        ConsumerRecords<K, V> records = consumer.poll(timeout);
        for (ConsumerRecord<K, V> record : records) {
            try {
                consumedCallback.accept(record);
            } catch (RuntimeException e) {
                log.error("Failed to process record at offset {} of {}-{}", record.offset(), record.topic(),
                        record.partition(), e);
            }
        }
    }

    private void completeReachedReadRequests() {
        Iterator<ReadRequest> it = targetedReadRequests.iterator();
        while (it.hasNext()) {
            ReadRequest request = it.next();
            if (reached(request.endOffsets)) {
                it.remove();
                complete(request.callback, null);
            }
        }
    }

    private boolean reached(Map<TopicPartition, Long> endOffsets) {
        for (Map.Entry<TopicPartition, Long> end : endOffsets.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** The initial read in {@link #start()}, on the caller's thread before the work thread exists. */
    private void readToEnd(Map<TopicPartition, Long> endOffsets) {
        while (!reached(endOffsets)) {
            for (ConsumerRecord<K, V> record : consumer.poll(Duration.ofMillis(500))) {
                try {
                    consumedCallback.accept(record);
                } catch (RuntimeException e) {
                    log.error("Failed to process record at offset {} of {}-{}", record.offset(), record.topic(),
                            record.partition(), e);
                }
            }
        }
    }

    private void failPendingReads(Throwable error) {
        List<Callback<Void>> pending = new ArrayList<>();
        synchronized (newReadRequests) {
            pending.addAll(newReadRequests);
            newReadRequests.clear();
        }
        targetedReadRequests.forEach(request -> pending.add(request.callback));
        targetedReadRequests.clear();
        pending.forEach(callback -> complete(callback, error));
    }

    private void closeClients() {
        if (producer != null) {
            try {
                producer.close();
            } catch (RuntimeException e) {
                log.warn("Failed to close the producer of topic '{}'", topic, e);
            }
        }
        closeConsumer(consumer);
        if (endOffsetsConsumer != consumer) {
            closeConsumer(endOffsetsConsumer);
        }
    }

    private void closeConsumer(Consumer<K, V> c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (RuntimeException e) {
            log.warn("Failed to close a consumer of topic '{}'", topic, e);
        }
    }

    private void complete(Callback<Void> callback, Throwable error) {
        try {
            callback.onCompletion(error, null);
        } catch (RuntimeException e) {
            log.error("A read-to-end callback of topic '{}' failed", topic, e);
        }
    }

    private record ReadRequest(Map<TopicPartition, Long> endOffsets, Callback<Void> callback) {
    }
}
