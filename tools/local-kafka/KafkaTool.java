import java.io.BufferedReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Small Kafka client chores for bin/quickstart.sh and bin/bench-standalone.sh, run on the local broker's class path
 * (the broker's distribution has no console consumer any more, and the scripts need a few things it never had).
 *
 * <pre>
 *   dump         BOOTSTRAP TOPIC COUNT TIMEOUT_MS  print the values of the first COUNT records (exit 1 if fewer came)
 *   produce      BOOTSTRAP TOPIC FILE              send every line of FILE as one string record; prints the count
 *   wait-offsets BOOTSTRAP TOPIC N TIMEOUT_S       until the topic's end offsets add up to N or more
 *   wait-lines   FILE N TIMEOUT_S                  until FILE holds N or more newline characters
 * </pre>
 *
 * The two wait commands print {@code READY <epoch ms>} once they are set up, so that a caller can start its clock
 * afterwards, then {@code DONE <epoch ms> <count>} (exit 0) or {@code TIMEOUT <epoch ms> <count>} (exit 1).
 * They poll every {@code POLL_MS} milliseconds (environment, default 20), cheap enough to run beside a benchmark.
 */
public final class KafkaTool {

    private static final long POLL_MS = Long.parseLong(System.getenv().getOrDefault("POLL_MS", "20"));

    public static void main(String[] args) throws Exception {
        String command = args.length > 0 ? args[0] : "";
        switch (command) {
            case "dump" -> {
                expectArgs(args, 5);
                System.exit(dump(args[1], args[2], Long.parseLong(args[3]), Long.parseLong(args[4])));
            }
            case "produce" -> {
                expectArgs(args, 4);
                produce(args[1], args[2], Path.of(args[3]));
            }
            case "wait-offsets" -> {
                expectArgs(args, 5);
                System.exit(waitForOffsets(args[1], args[2], Long.parseLong(args[3]), Long.parseLong(args[4])));
            }
            case "wait-lines" -> {
                expectArgs(args, 4);
                System.exit(waitForLines(Path.of(args[1]), Long.parseLong(args[2]), Long.parseLong(args[3])));
            }
            default -> {
                System.err.println("usage: KafkaTool dump|produce|wait-offsets|wait-lines ... (see the class comment)");
                System.exit(2);
            }
        }
    }

    private static void expectArgs(String[] args, int count) {
        if (args.length != count) {
            System.err.println("KafkaTool " + args[0] + ": expected " + (count - 1) + " arguments, got " + (args.length - 1));
            System.exit(2);
        }
    }

    /** Reads the topic from the beginning of every partition, without a consumer group. */
    static int dump(String bootstrap, String topic, long count, long timeoutMs) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        long deadline = System.currentTimeMillis() + timeoutMs;
        long seen = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            while (partitions.isEmpty() && System.currentTimeMillis() < deadline) {
                consumer.partitionsFor(topic, Duration.ofMillis(Math.max(1, deadline - System.currentTimeMillis())))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (seen < count && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    System.out.println(record.value());
                    if (++seen == count) {
                        break;
                    }
                }
            }
        }
        return seen >= count ? 0 : 1;
    }

    static void produce(String bootstrap, String topic, Path file) throws IOException, InterruptedException {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        // Throughput settings: this only preloads benchmark input, it is not what is being measured.
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.currentTimeMillis();
        long sent = 0;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props);
             BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null && failure.get() == null) {
                producer.send(new ProducerRecord<>(topic, line), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
                sent++;
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IOException("producing to " + topic + " failed", failure.get());
        }
        System.out.println("produced " + sent + " records to " + topic + " in "
                + (System.currentTimeMillis() - start) + " ms");
    }

    static int waitForOffsets(String bootstrap, String topic, long target, long timeoutS) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            return await(target, timeoutS, () -> endOffsetSum(admin, topic));
        }
    }

    private static long endOffsetSum(Admin admin, String topic) throws Exception {
        TopicDescription description;
        try {
            description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return 0;   // the worker has not created the topic yet
            }
            throw e;
        }
        Map<TopicPartition, OffsetSpec> query = new HashMap<>();
        description.partitions().forEach(p -> query.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        long sum = 0;
        for (ListOffsetsResultInfo info : admin.listOffsets(query).all().get().values()) {
            sum += info.offset();
        }
        return sum;
    }

    static int waitForLines(Path file, long target, long timeoutS) throws Exception {
        LineCounter counter = new LineCounter(file);
        try {
            return await(target, timeoutS, counter::count);
        } finally {
            counter.close();
        }
    }

    private interface Probe {
        long current() throws Exception;
    }

    private static int await(long target, long timeoutS, Probe probe) throws Exception {
        long initial = probe.current();
        System.out.println("READY " + System.currentTimeMillis() + " " + initial);
        System.out.flush();
        long deadline = System.currentTimeMillis() + timeoutS * 1000;
        long lastProgress = System.currentTimeMillis();
        while (true) {
            long value = probe.current();
            long now = System.currentTimeMillis();
            if (value >= target) {
                System.out.println("DONE " + now + " " + value);
                return 0;
            }
            if (now > deadline) {
                System.out.println("TIMEOUT " + now + " " + value);
                return 1;
            }
            if (now - lastProgress >= 5000) {
                System.err.println("progress " + value + "/" + target);
                lastProgress = now;
            }
            Thread.sleep(POLL_MS);
        }
    }

    /** Counts newlines in a file that is still being appended to, reading only what is new since the last call. */
    private static final class LineCounter {
        private final Path file;
        private final byte[] buffer = new byte[1 << 20];
        private RandomAccessFile input;
        private long position;
        private long lines;

        LineCounter(Path file) {
            this.file = file;
        }

        long count() throws IOException {
            if (input == null) {
                if (!Files.exists(file)) {
                    return 0;
                }
                input = new RandomAccessFile(file.toFile(), "r");
            }
            input.seek(position);
            int read;
            while ((read = input.read(buffer)) > 0) {
                position += read;
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
            return lines;
        }

        void close() throws IOException {
            if (input != null) {
                input.close();
            }
        }
    }
}
