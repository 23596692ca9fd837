package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.connector.ConnectorContext;
import org.apache.kafka.connect.integration.EmbeddedKafkaBroker;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.kafka.connect.util.Callback;
import org.apache.kafka.common.metrics.PluginMetrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A real {@link Worker} against the shared embedded broker, with an in-memory offsets store and a recording status
 * listener; closing it releases blocked test tasks and stops the worker.
 */
final class WorkerFixture implements AutoCloseable {

    /** Graceful task shutdown timeout of the fixture's worker. */
    static final long TASK_SHUTDOWN_TIMEOUT_MS = 1_000;

    private static Plugins plugins;

    final EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.shared();
    final RecordingStatusListener listener = new RecordingStatusListener();
    final MemoryOffsetBackingStore offsetStore = new MemoryOffsetBackingStore();
    final Worker worker;
    /** Reconfiguration requests and raised errors that reached the herder's context. */
    final List<String> herderContextCalls = new CopyOnWriteArrayList<>();

    WorkerFixture() {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", broker.bootstrapServers());
        props.put("key.converter", StringConverter.class.getName());
        props.put("value.converter", StringConverter.class.getName());
        props.put("offset.storage.file.filename", "unused");
        props.put("task.shutdown.graceful.timeout.ms", Long.toString(TASK_SHUTDOWN_TIMEOUT_MS));
        props.put("offset.flush.interval.ms", "60000");
        worker = new Worker("worker-test:8083", Time.SYSTEM, plugins(), new StandaloneConfig(props), offsetStore,
                new WorkerTestPlugins.AllowAllPolicy(), null);
        worker.start();
    }

    /** Discovery is slow and plugins are immutable once discovered, so test classes share one instance. */
    private static synchronized Plugins plugins() {
        if (plugins == null) {
            plugins = new Plugins(Map.of("plugin.discovery", "service_load"));
        }
        return plugins;
    }

    ConnectorContext herderContext(String connName) {
        return new ConnectorContext() {
            @Override
            public void requestTaskReconfiguration() {
                herderContextCalls.add("reconfigure:" + connName);
            }

            @Override
            public void raiseError(Exception e) {
                herderContextCalls.add("error:" + connName);
            }

            @Override
            public PluginMetrics pluginMetrics() {
                return null;
            }
        };
    }

    /** Starts a connector and waits for the outcome of its initial transition. */
    TargetState startConnector(String connName, Map<String, String> props, TargetState initialState)
            throws Exception {
        FutureCallback<TargetState> callback = new FutureCallback<>();
        worker.startConnector(connName, props, herderContext(connName), listener, initialState, callback);
        return callback.get();
    }

    TargetState setTargetState(String connName, TargetState state) throws Exception {
        FutureCallback<TargetState> callback = new FutureCallback<>();
        worker.setTargetState(connName, state, callback);
        return callback.get();
    }

    static CountDownLatch blockTasksOf(String connName) {
        CountDownLatch latch = new CountDownLatch(1);
        WorkerTestPlugins.RELEASE.put(connName, latch);
        return latch;
    }

    @Override
    public void close() {
        WorkerTestPlugins.RELEASE.values().forEach(CountDownLatch::countDown);
        worker.stop();
    }

    /** A callback to wait on; {@link #get()} rethrows the error's cause chain as an ExecutionException. */
    static final class FutureCallback<T> implements Callback<T> {
        private final CompletableFuture<T> future = new CompletableFuture<>();

        @Override
        public void onCompletion(Throwable error, T result) {
            if (error != null) {
                future.completeExceptionally(error);
            } else {
                future.complete(result);
            }
        }

        T get() throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
            return future.get(30, TimeUnit.SECONDS);
        }
    }
}
