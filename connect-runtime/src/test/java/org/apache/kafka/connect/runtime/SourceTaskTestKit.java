package org.apache.kafka.connect.runtime;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;
import org.apache.kafka.connect.storage.StatusBackingStore;
import org.apache.kafka.connect.util.ConnectorTaskId;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Test doubles shared by the source task tests: a scriptable task, a controllable producer, a status recorder. */
final class SourceTaskTestKit {

    private SourceTaskTestKit() {
    }

    /** Waits up to 10 s for the condition. */
    static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("Timed out waiting until " + what);
            }
            Thread.sleep(5);
        }
    }

    /** A source task that returns the batches (or throws the exceptions) queued by the test, in order. */
    static final class ScriptedSourceTask extends SourceTask {

        final BlockingQueue<Object> script = new LinkedBlockingQueue<>();
        final AtomicInteger polls = new AtomicInteger();
        final AtomicInteger commits = new AtomicInteger();
        final List<SourceRecord> committedRecords = Collections.synchronizedList(new ArrayList<>());
        final List<RecordMetadata> committedMetadata = Collections.synchronizedList(new ArrayList<>());
        volatile SourceTaskContext initializedWith;
        volatile Map<String, String> startedWith;
        volatile Thread stoppedOn;

        void willReturn(SourceRecord... batch) {
            script.add(List.of(batch));
        }

        void willThrow(RuntimeException exception) {
            script.add(exception);
        }

        @Override
        public void initialize(SourceTaskContext context) {
            super.initialize(context);
            initializedWith = context;
        }

        @Override
        public String version() {
            return "1.0";
        }

        @Override
        public void start(Map<String, String> props) {
            startedWith = props;
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<SourceRecord> poll() throws InterruptedException {
            polls.incrementAndGet();
            Object next = script.poll(5, TimeUnit.MILLISECONDS);
            if (next instanceof RuntimeException exception) {
                throw exception;
            }
            return (List<SourceRecord>) next;
        }

        @Override
        public void commit() {
            commits.incrementAndGet();
        }

        @Override
        public void commitRecord(SourceRecord record, RecordMetadata metadata) {
            // Metadata first: a test that saw the record may then read its metadata.
            committedMetadata.add(metadata);
            committedRecords.add(record);
        }

        @Override
        public void stop() {
            stoppedOn = Thread.currentThread();
        }
    }

    /**
     * A producer whose sends complete only when the test says so, in any order, and that can refuse sends
     * synchronously.
     */
    static final class ControlledProducer extends MockProducer<byte[], byte[]> {

        private final List<ProducerRecord<byte[], byte[]>> sent = new ArrayList<>();
        private final List<Callback> callbacks = new ArrayList<>();
        private final BlockingQueue<RuntimeException> refusals = new LinkedBlockingQueue<>();

        ControlledProducer() {
            super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        }

        /** The next send throws this instead of accepting the record. */
        void refuseNextSend(RuntimeException exception) {
            refusals.add(exception);
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
            RuntimeException refusal = refusals.poll();
            if (refusal != null) {
                throw refusal;
            }
            sent.add(record);
            callbacks.add(callback);
            return super.send(record, null);
        }

        synchronized List<ProducerRecord<byte[], byte[]>> sent() {
            return List.copyOf(sent);
        }

        synchronized int sentCount() {
            return sent.size();
        }

        /** Completes the i-th send (0-based, in send order) successfully. */
        void ack(int i) {
            ProducerRecord<byte[], byte[]> record;
            Callback callback;
            synchronized (this) {
                record = sent.get(i);
                callback = callbacks.get(i);
            }
            callback.onCompletion(new RecordMetadata(new TopicPartition(record.topic(), 0), i, 0, 0L, 0, 0), null);
        }

        /** Completes the i-th send with an error. */
        void fail(int i, Exception error) {
            Callback callback;
            synchronized (this) {
                callback = callbacks.get(i);
            }
            callback.onCompletion(null, error);
        }
    }

    /** An in-memory offset store whose next writes fail on demand. */
    static final class FlakyOffsetStore extends MemoryOffsetBackingStore {

        private final AtomicInteger failuresToInject = new AtomicInteger();

        void failNextWrites(int count) {
            failuresToInject.set(count);
        }

        @Override
        protected void persist(Map<java.nio.ByteBuffer, java.nio.ByteBuffer> contents) throws java.io.IOException {
            if (failuresToInject.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new java.io.IOException("injected write failure");
            }
        }
    }

    /** A status store that only keeps topic statuses (topic tracking); the tests need nothing else of it. */
    static final class TopicStatusStore implements StatusBackingStore {

        final List<TopicStatus> puts = Collections.synchronizedList(new ArrayList<>());
        private final Map<String, TopicStatus> topics = new ConcurrentHashMap<>();

        @Override
        public void put(TopicStatus status) {
            puts.add(status);
            topics.put(status.connector() + "/" + status.topic(), status);
        }

        @Override
        public TopicStatus getTopic(String connector, String topic) {
            return topics.get(connector + "/" + topic);
        }

        @Override
        public Collection<TopicStatus> getAllTopics(String connector) {
            return topics.values().stream().filter(t -> t.connector().equals(connector)).toList();
        }

        @Override
        public void deleteTopic(String connector, String topic) {
            topics.remove(connector + "/" + topic);
        }

        @Override
        public void configure(WorkerConfig config) {
        }

        @Override
        public void start() {
        }

        @Override
        public void stop() {
        }

        @Override
        public void flush() {
        }

        @Override
        public void put(ConnectorStatus status) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void putSafe(ConnectorStatus status) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void put(TaskStatus status) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void putSafe(TaskStatus status) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TaskStatus get(ConnectorTaskId id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ConnectorStatus get(String connector) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Collection<TaskStatus> getAll(String connector) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Set<String> connectors() {
            throw new UnsupportedOperationException();
        }
    }

    /**
     * An {@link Admin} that knows a set of existing topics, creates the ones asked for and can be told to fail the
     * next creations. Supports only what topic creation uses: describeTopics, createTopics, close.
     */
    static final class FakeAdmin implements InvocationHandler {

        final Set<String> existing = ConcurrentHashMap.newKeySet();
        final List<String> described = Collections.synchronizedList(new ArrayList<>());
        final List<NewTopic> created = Collections.synchronizedList(new ArrayList<>());
        final BlockingQueue<Throwable> createFailures = new LinkedBlockingQueue<>();
        volatile boolean closed;

        Admin admin() {
            return (Admin) Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[]{Admin.class}, this);
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object invoke(Object proxy, Method method, Object[] args) {
            switch (method.getName()) {
                case "describeTopics": {
                    Map<String, KafkaFuture<TopicDescription>> futures = new HashMap<>();
                    for (String topic : (Collection<String>) args[0]) {
                        described.add(topic);
                        futures.put(topic, existing.contains(topic)
                                ? KafkaFuture.completedFuture(new TopicDescription(topic, false, List.of()))
                                : failed(new UnknownTopicOrPartitionException("no topic " + topic)));
                    }
                    return new DescribeTopicsResult(null, futures) { };
                }
                case "createTopics": {
                    Map<String, KafkaFuture<CreateTopicsResult.TopicMetadataAndConfig>> futures = new HashMap<>();
                    for (NewTopic topic : (Collection<NewTopic>) args[0]) {
                        Throwable failure = createFailures.poll();
                        if (failure == null && !existing.add(topic.name())) {
                            failure = new TopicExistsException("topic " + topic.name() + " exists");
                        }
                        if (failure == null) {
                            created.add(topic);
                            futures.put(topic.name(), KafkaFuture.completedFuture(null));
                        } else {
                            futures.put(topic.name(), failed(failure));
                        }
                    }
                    return new CreateTopicsResult(futures) { };
                }
                case "close":
                    closed = true;
                    return null;
                case "toString":
                    return "FakeAdmin";
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                default:
                    throw new UnsupportedOperationException(method.getName());
            }
        }

        private static <T> KafkaFuture<T> failed(Throwable error) {
            KafkaFutureImpl<T> future = new KafkaFutureImpl<>();
            future.completeExceptionally(error);
            return future;
        }
    }

    /** Records the lifecycle events of tasks. */
    static final class RecordingTaskListener implements TaskStatus.Listener {

        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        volatile Throwable failure;

        @Override
        public void onStartup(ConnectorTaskId id) {
            events.add("startup");
        }

        @Override
        public void onPause(ConnectorTaskId id) {
            events.add("pause");
        }

        @Override
        public void onResume(ConnectorTaskId id) {
            events.add("resume");
        }

        @Override
        public void onFailure(ConnectorTaskId id, Throwable cause) {
            failure = cause;
            events.add("failure");
        }

        @Override
        public void onShutdown(ConnectorTaskId id) {
            events.add("shutdown");
        }

        @Override
        public void onDeletion(ConnectorTaskId id) {
            events.add("deletion");
        }

        @Override
        public void onRestart(ConnectorTaskId id) {
            events.add("restart");
        }
    }
}
