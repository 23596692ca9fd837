package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.ConnectorContext;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigRequest;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Test-local plugins driven by their configs. Each test uses its own connector name; what the plugins observe is
 * recorded under that name in {@link #EVENTS}, and the latches of blocking tasks are kept in {@link #RELEASE}.
 */
final class WorkerTestPlugins {

    /** Per connector name: calls observed (e.g. {@code start}, {@code stop}, {@code alterOffsets:...}). */
    static final ConcurrentMap<String, List<String>> EVENTS = new ConcurrentHashMap<>();
    /** Per connector name: released when a blocking task may return from poll. */
    static final ConcurrentMap<String, CountDownLatch> RELEASE = new ConcurrentHashMap<>();
    /** Per connector name: records received by sink tasks. */
    static final ConcurrentMap<String, List<SinkRecord>> RECEIVED = new ConcurrentHashMap<>();

    /** Source connector config keys understood by these plugins. */
    static final String TOPIC = "test.topic";
    static final String RECORDS = "test.records";
    static final String TASK_MODE = "test.task.mode";        // emit (default), fail, block
    static final String TASK_COUNT = "test.task.count";      // configs generated, default tasks.max
    static final String ALTER_MODE = "test.alter.mode";      // managed (default), external, unsupported

    private WorkerTestPlugins() {
    }

    static List<String> events(String connName) {
        return EVENTS.computeIfAbsent(connName, name -> new CopyOnWriteArrayList<>());
    }

    private static List<Map<String, String>> taskConfigs(Map<String, String> props, int maxTasks) {
        int count = props.containsKey(TASK_COUNT) ? Integer.parseInt(props.get(TASK_COUNT)) : maxTasks;
        List<Map<String, String>> configs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            configs.add(Map.copyOf(props));
        }
        return configs;
    }

    private static boolean alterOffsets(Map<String, String> props, Object offsets) {
        events(props.get("name")).add("alterOffsets:" + offsets);
        String mode = props.getOrDefault(ALTER_MODE, "managed");
        if (mode.equals("unsupported")) {
            throw new UnsupportedOperationException("no");
        }
        return mode.equals("managed");
    }

    public static class TestSourceConnector extends SourceConnector {
        /** The context the latest instance was initialized with. */
        static volatile ConnectorContext lastContext;

        private Map<String, String> props;

        @Override
        public void start(Map<String, String> props) {
            this.props = props;
            events(props.get("name")).add("start");
        }

        @Override
        public Class<? extends Task> taskClass() {
            return TestSourceTask.class;
        }

        @Override
        public List<Map<String, String>> taskConfigs(int maxTasks) {
            return WorkerTestPlugins.taskConfigs(props, maxTasks);
        }

        @Override
        public void stop() {
            events(props.get("name")).add("stop");
        }

        @Override
        public ConfigDef config() {
            return new ConfigDef();
        }

        @Override
        public String version() {
            return "1.2.3";
        }

        @Override
        public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
            return WorkerTestPlugins.alterOffsets(connectorConfig, offsets);
        }

        @Override
        public void initialize(ConnectorContext ctx) {
            super.initialize(ctx);
            lastContext = ctx;
        }
    }

    public static class TestSourceTask extends SourceTask {
        private String connName;
        private String topic;
        private String mode;
        private int remaining;
        private long next;

        @Override
        public String version() {
            return "4.5.6";
        }

        @Override
        public void start(Map<String, String> props) {
            connName = props.get("name");
            topic = props.get(TOPIC);
            mode = props.getOrDefault(TASK_MODE, "emit");
            remaining = Integer.parseInt(props.getOrDefault(RECORDS, "0"));
            events(connName).add("task-start");
        }

        @Override
        public List<SourceRecord> poll() throws InterruptedException {
            switch (mode) {
                case "fail":
                    throw new IllegalStateException("poll failed on purpose");
                case "block":
                    events(connName).add("task-blocked");
                    // Ignores stop requests: only the test releases it.
                    RELEASE.get(connName).await(60, TimeUnit.SECONDS);
                    return null;
                default:
                    if (remaining == 0) {
                        Thread.sleep(20);
                        return null;
                    }
                    remaining--;
                    long n = next++;
                    return List.of(new SourceRecord(Map.of("source", connName), Map.of("position", n), topic, 0,
                            Schema.STRING_SCHEMA, "key-" + n, Schema.STRING_SCHEMA, "value-" + n));
            }
        }

        @Override
        public void stop() {
            events(connName).add("task-stop");
        }
    }

    public static class TestSinkConnector extends SinkConnector {
        private Map<String, String> props;

        @Override
        public void start(Map<String, String> props) {
            this.props = props;
            events(props.get("name")).add("start");
        }

        @Override
        public Class<? extends Task> taskClass() {
            return TestSinkTask.class;
        }

        @Override
        public List<Map<String, String>> taskConfigs(int maxTasks) {
            return WorkerTestPlugins.taskConfigs(props, maxTasks);
        }

        @Override
        public void stop() {
            events(props.get("name")).add("stop");
        }

        @Override
        public ConfigDef config() {
            return new ConfigDef();
        }

        @Override
        public String version() {
            return "7.8.9";
        }

        @Override
        public boolean alterOffsets(Map<String, String> connectorConfig, Map<TopicPartition, Long> offsets) {
            return WorkerTestPlugins.alterOffsets(connectorConfig, offsets);
        }
    }

    public static class TestSinkTask extends SinkTask {
        private String connName;

        @Override
        public String version() {
            return "7.8.9";
        }

        @Override
        public void start(Map<String, String> props) {
            connName = props.get("name");
            events(connName).add("task-start");
        }

        @Override
        public void put(Collection<SinkRecord> records) {
            RECEIVED.computeIfAbsent(connName, name -> new CopyOnWriteArrayList<>()).addAll(records);
        }

        @Override
        public void stop() {
            events(connName).add("task-stop");
        }
    }

    /** Allows every client override. */
    public static class AllowAllPolicy implements ConnectorClientConfigOverridePolicy {
        @Override
        public List<ConfigValue> validate(ConnectorClientConfigRequest request) {
            List<ConfigValue> values = new ArrayList<>();
            request.clientProps().forEach((key, value) -> values.add(new ConfigValue(key, value, List.of(),
                    List.of())));
            return values;
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }

        @Override
        public void close() {
        }
    }
}
