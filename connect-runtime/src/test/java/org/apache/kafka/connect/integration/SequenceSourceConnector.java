package org.apache.kafka.connect.integration;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test source whose task {@code t} writes key {@code t} and value {@code <t>:<seq>} to {@code topic} for
 * seq = 0, 1, 2, ... with source partition {@code {"task": t}} and offset {@code {"seq": seq}}, resuming after its
 * stored offset. Reading the topic back, a gap in a task's sequence is a lost record and a repeated number a
 * duplicate. Found by the worker through class path scanning, in the test JVM and in worker processes alike.
 */
public class SequenceSourceConnector extends SourceConnector {

    static final String TOPIC_CONFIG = "topic";
    static final String RECORDS_PER_POLL_CONFIG = "records.per.poll";
    static final String POLL_INTERVAL_MS_CONFIG = "poll.interval.ms";
    static final String TASK_ID_CONFIG = "task.id";

    private static final ConfigDef CONFIG = new ConfigDef()
            .define(TOPIC_CONFIG, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "The topic to write to")
            .define(RECORDS_PER_POLL_CONFIG, ConfigDef.Type.INT, 10, ConfigDef.Range.atLeast(1),
                    ConfigDef.Importance.MEDIUM, "Records each task returns from one poll")
            .define(POLL_INTERVAL_MS_CONFIG, ConfigDef.Type.LONG, 100L, ConfigDef.Range.atLeast(0),
                    ConfigDef.Importance.MEDIUM, "Pause of each task before every poll");

    private Map<String, String> props;

    /** A connector config: {@code tasks} tasks each writing {@code recordsPerPoll} records every {@code pollIntervalMs}. */
    static Map<String, String> config(String topic, int tasks, int recordsPerPoll, long pollIntervalMs) {
        return Map.of(
                "connector.class", SequenceSourceConnector.class.getName(),
                "tasks.max", Integer.toString(tasks),
                TOPIC_CONFIG, topic,
                RECORDS_PER_POLL_CONFIG, Integer.toString(recordsPerPoll),
                POLL_INTERVAL_MS_CONFIG, Long.toString(pollIntervalMs));
    }

    /**
     * Reads back what the tasks wrote: for each task the numbers seen, so gaps (lost records) and repeats
     * (duplicates) can be counted.
     *
     * @param values record values {@code <task>:<seq>} as found in the topic or a sink's output
     */
    static Audit audit(Iterable<String> values) {
        Map<Integer, Map<Long, Integer>> seen = new TreeMap<>();
        for (String value : values) {
            int colon = value == null ? -1 : value.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("Not a sequence record: " + value);
            }
            int task = Integer.parseInt(value.substring(0, colon));
            long seq = Long.parseLong(value.substring(colon + 1));
            seen.computeIfAbsent(task, t -> new HashMap<>()).merge(seq, 1, Integer::sum);
        }
        Map<Integer, TaskSequence> tasks = new TreeMap<>();
        seen.forEach((task, counts) -> tasks.put(task, new TaskSequence(
                counts.keySet().stream().mapToLong(Long::longValue).max().orElse(-1),
                counts.size(),
                counts.values().stream().mapToLong(Integer::longValue).sum())));
        return new Audit(tasks);
    }

    /** One task's sequence as read back: its highest number, how many distinct numbers and how many records. */
    record TaskSequence(long highest, long distinct, long total) {

        /** Numbers below the highest that never appeared. */
        long lost() {
            return highest + 1 - distinct;
        }

        long duplicates() {
            return total - distinct;
        }
    }

    /** The sequences of all tasks that wrote at least one record, by task number. */
    record Audit(Map<Integer, TaskSequence> tasks) {

        long produced() {
            return tasks.values().stream().mapToLong(TaskSequence::distinct).sum();
        }

        long lost() {
            return tasks.values().stream().mapToLong(TaskSequence::lost).sum();
        }

        long duplicates() {
            return tasks.values().stream().mapToLong(TaskSequence::duplicates).sum();
        }

        TaskSequence task(int task) {
            TaskSequence sequence = tasks.get(task);
            if (sequence == null) {
                throw new IllegalStateException("Task " + task + " wrote nothing; tasks seen: " + tasks);
            }
            return sequence;
        }
    }

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return SequenceSourceTask.class;
    }

    /** The connector's config for every task, plus the task's number (its source partition). */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>();
        for (int task = 0; task < maxTasks; task++) {
            Map<String, String> config = new HashMap<>(props);
            config.put(TASK_ID_CONFIG, Integer.toString(task));
            configs.add(config);
        }
        return configs;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return CONFIG;
    }

    @Override
    public String version() {
        return "1.0-test";
    }

    /**
     * How often each task was started in this JVM, by connector name and task number. Only meaningful for workers
     * inside the test JVM: it lets a test tell a task that kept running through a rebalance from one that was
     * stopped and started again.
     */
    static final class TaskStarts {

        private static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();

        private TaskStarts() {
        }

        static int of(String connector, int task) {
            AtomicInteger count = COUNTS.get(key(connector, task));
            return count == null ? 0 : count.get();
        }

        private static void record(String connector, int task) {
            COUNTS.computeIfAbsent(key(connector, task), k -> new AtomicInteger()).incrementAndGet();
        }

        private static String key(String connector, int task) {
            return connector + "/" + task;
        }
    }

    /** Writes one numbered sequence; its source partition is its task number. */
    public static class SequenceSourceTask extends SourceTask {

        private final CountDownLatch stopped = new CountDownLatch(1);
        private String topic;
        private int task;
        private int recordsPerPoll;
        private long pollIntervalMs;
        private Map<String, Integer> sourcePartition;
        private long nextSeq;

        @Override
        public void start(Map<String, String> props) {
            topic = props.get(TOPIC_CONFIG);
            task = Integer.parseInt(props.get(TASK_ID_CONFIG));
            recordsPerPoll = Integer.parseInt(props.getOrDefault(RECORDS_PER_POLL_CONFIG, "10"));
            pollIntervalMs = Long.parseLong(props.getOrDefault(POLL_INTERVAL_MS_CONFIG, "100"));
            sourcePartition = Map.of("task", task);
            Map<String, Object> offset = context.offsetStorageReader().offset(sourcePartition);
            // Offsets come back from JSON, so the number may be an Integer or a Long.
            nextSeq = offset == null || offset.get("seq") == null ? 0 : ((Number) offset.get("seq")).longValue() + 1;
            TaskStarts.record(props.get("name"), task);
        }

        @Override
        public List<SourceRecord> poll() throws InterruptedException {
            if (stopped.await(pollIntervalMs, TimeUnit.MILLISECONDS)) {
                return null;
            }
            List<SourceRecord> records = new ArrayList<>(recordsPerPoll);
            String key = Integer.toString(task);
            for (int i = 0; i < recordsPerPoll; i++) {
                long seq = nextSeq++;
                records.add(new SourceRecord(sourcePartition, Map.of("seq", seq), topic, null,
                        Schema.STRING_SCHEMA, key, Schema.STRING_SCHEMA, task + ":" + seq));
            }
            return records;
        }

        @Override
        public void stop() {
            stopped.countDown();
        }

        @Override
        public String version() {
            return "1.0-test";
        }
    }
}
