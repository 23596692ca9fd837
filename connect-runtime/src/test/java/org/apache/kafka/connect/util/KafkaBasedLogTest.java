package org.apache.kafka.connect.util;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.integration.EmbeddedKafkaBroker;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KafkaBasedLogTest {

    private static final EmbeddedKafkaBroker BROKER = EmbeddedKafkaBroker.shared();

    private final List<ConsumerRecord<String, String>> consumed = new CopyOnWriteArrayList<>();

    private static String newTopic(int partitions) {
        String topic = "log-" + UUID.randomUUID();
        BROKER.createTopic(topic, partitions);
        return topic;
    }

    private KafkaBasedLog<String, String> newLog(String topic, Runnable initializer) {
        return newLog(topic, initializer, Map.of());
    }

    private KafkaBasedLog<String, String> newLog(String topic, Runnable initializer,
                                                 Map<String, Object> extraConsumerConfigs) {
        Map<String, Object> producer = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        Map<String, Object> consumer = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "must-be-ignored",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Map<String, Object> consumerConfigs = new java.util.HashMap<>(consumer);
        consumerConfigs.putAll(extraConsumerConfigs);
        return new KafkaBasedLog<>(topic, producer, consumerConfigs, initializer, consumed::add, Time.SYSTEM);
    }

    private static KafkaProducer<String, String> otherProducer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers()),
                new StringSerializer(), new StringSerializer());
    }

    private List<String> consumedValues() {
        return consumed.stream().map(ConsumerRecord::value).sorted().collect(Collectors.toList());
    }

    @Test
    void startReadsExistingRecordsAndRunsTheInitializerFirst() throws Exception {
        String topic = newTopic(3);
        try (KafkaProducer<String, String> producer = otherProducer()) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)).get();
            }
        }
        List<String> events = new CopyOnWriteArrayList<>();
        KafkaBasedLog<String, String> log = newLog(topic, () -> events.add("initialized"));
        log.start();
        try {
            assertEquals(List.of("initialized"), events);
            assertEquals(10, consumed.size());
            assertEquals(3, log.partitions().size());
        } finally {
            log.stop();
        }
    }

    @Test
    void readToEndWaitsForRecordsWrittenBeforeTheRequestByAnotherProducer() throws Exception {
        String topic = newTopic(3);
        KafkaBasedLog<String, String> log = newLog(topic, null);
        log.start();
        try (KafkaProducer<String, String> producer = otherProducer()) {
            assertEquals(0, consumed.size());
            for (int round = 1; round <= 3; round++) {
                for (int i = 0; i < 20; i++) {
                    producer.send(new ProducerRecord<>(topic, "key-" + i, "r" + round + "-" + i));
                }
                producer.flush();
                log.readToEnd().get(30, TimeUnit.SECONDS);
                // Every record acknowledged before the request has gone through the callback.
                assertEquals(20 * round, consumed.size());
            }
        } finally {
            log.stop();
        }
    }

    @Test
    void readToEndAfterOwnWriteDoesNotWaitForTheParkedFetch() throws Exception {
        // The broker answers one request per connection at a time: an end-offset lookup sent behind a fetch parked
        // on the broker would wait fetch.max.wait.ms. A write followed by a read-back must not pay that.
        String topic = newTopic(1);
        KafkaBasedLog<String, String> log = newLog(topic, null, Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 4000));
        log.start();
        try {
            for (int i = 0; i < 6; i++) {
                java.util.concurrent.CompletableFuture<Void> acked = new java.util.concurrent.CompletableFuture<>();
                log.send("k", "v" + i, (metadata, error) -> acked.complete(null));
                acked.get(30, TimeUnit.SECONDS);
                long start = System.nanoTime();
                log.readToEnd().get(30, TimeUnit.SECONDS);
                long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertEquals(i + 1, consumed.size());
                org.junit.jupiter.api.Assertions.assertTrue(tookMs < 2000,
                        "read-back after write " + i + " took " + tookMs + " ms");
                Thread.sleep(200); // let the consumer park its next fetch
            }
        } finally {
            log.stop();
        }
    }

    @Test
    void ownWritesUseTheDefaultPartitionerAndAreReadBack() throws Exception {
        String topic = newTopic(5);
        KafkaBasedLog<String, String> log = newLog(topic, null);
        log.start();
        try {
            for (int i = 0; i < 30; i++) {
                log.send("key-" + i, "value-" + i, null);
            }
            log.flush();
            FutureCallback<Void> done = new FutureCallback<>();
            log.readToEnd(done);
            done.get(30, TimeUnit.SECONDS);
            assertEquals(IntStream.range(0, 30).mapToObj(i -> "value-" + i).sorted().collect(Collectors.toList()),
                    consumedValues());
            for (ConsumerRecord<String, String> record : consumed) {
                int expected = Utils.toPositive(Utils.murmur2(record.key().getBytes())) % 5;
                assertEquals(expected, record.partition(), "partition of " + record.key());
            }
        } finally {
            log.stop();
        }
    }

    @Test
    void readToEndFailsOnceStopped() throws Exception {
        String topic = newTopic(1);
        KafkaBasedLog<String, String> log = newLog(topic, null);
        log.start();
        log.stop();
        assertThrows(ExecutionException.class, () -> log.readToEnd().get(5, TimeUnit.SECONDS));
    }
}
