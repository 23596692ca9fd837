package org.apache.kafka.connect.integration;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Connect data written with {@link JsonConverter} survives a trip through a real broker unchanged: the bytes the
 * converter produces are what Kafka stores, and reading them back yields an equal schema and value.
 */
class ConverterBrokerRoundTripTest {

    private static final Schema SCHEMA = SchemaBuilder.struct().name("test.Order")
            .field("id", Schema.INT64_SCHEMA)
            .field("item", Schema.STRING_SCHEMA)
            .field("price", Decimal.schema(2))
            .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
            .build();

    @Test
    void structsRoundTripThroughKafka() {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.shared();
        String topic = "converter-round-trip";
        broker.createTopic(topic, 1);

        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "true"), false);

        List<Struct> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 10; i++) {
                Struct order = new Struct(SCHEMA)
                        .put("id", (long) i)
                        .put("item", "item-" + i)
                        .put("price", new BigDecimal(i + ".25"))
                        .put("tags", List.of("a", "b" + i));
                sent.add(order);
                producer.send(new ProducerRecord<>(topic, converter.fromConnectData(topic, SCHEMA, order)));
            }
        }

        List<SchemaAndValue> received = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "converter-round-trip-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (received.size() < sent.size() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    received.add(converter.toConnectData(topic, record.value()));
                }
            }
        }

        assertEquals(sent.size(), received.size());
        for (int i = 0; i < sent.size(); i++) {
            assertEquals(SCHEMA, received.get(i).schema());
            assertEquals(sent.get(i), received.get(i).value());
        }
    }
}
