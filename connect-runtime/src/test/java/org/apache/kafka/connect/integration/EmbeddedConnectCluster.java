package org.apache.kafka.connect.integration;

import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A cluster of distributed workers inside the test JVM, on {@link EmbeddedKafkaBroker#shared()}, each started through
 * the same code as {@code connect-distributed}. Every cluster instance has its own group id and internal topics, so
 * clusters of different tests never see each other; REST listeners use ephemeral loopback ports.
 *
 * <p>Workers are numbered in start order; a stopped worker keeps its number (its slot stays empty), so a test can
 * keep referring to the others by theirs.
 */
final class EmbeddedConnectCluster implements AutoCloseable {

    /** Short enough for tests, long enough to tell a scheduled rebalance from an immediate one. */
    static final int DEFAULT_REBALANCE_DELAY_MS = 3000;

    private final String name;
    private int workersToStart;
    private final Map<String, String> workerProps;
    private final List<Connect<?>> workers = new ArrayList<>();

    private EmbeddedConnectCluster(Builder builder) {
        this.name = builder.name + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.workersToStart = builder.workers;
        this.workerProps = workerProperties(name, builder.workerProps);
    }

    static Builder builder() {
        return new Builder();
    }

    private static Map<String, String> workerProperties(String name, Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", EmbeddedKafkaBroker.shared().bootstrapServers());
        props.put("group.id", name);
        props.put("config.storage.topic", name + "-configs");
        props.put("offset.storage.topic", name + "-offsets");
        props.put("status.storage.topic", name + "-status");
        // One broker: every internal topic can only have one replica.
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("offset.storage.partitions", "5");
        props.put("status.storage.partitions", "3");
        props.put("listeners", "http://127.0.0.1:0");
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("offset.flush.interval.ms", "1000");
        props.put("scheduled.rebalance.max.delay.ms", Integer.toString(DEFAULT_REBALANCE_DELAY_MS));
        props.putAll(overrides);
        return Map.copyOf(props);
    }

    /**
     * Starts the workers, in parallel: the configured number, or after {@link #stopCluster()} as many as were
     * running then. Returns when every one serves its REST API.
     */
    EmbeddedConnectCluster start() {
        if (workerCount() > 0) {
            throw new IllegalStateException("Cluster " + name + " is already running");
        }
        workers.clear();
        startWorkers(workersToStart);
        return this;
    }

    /** Starts one more worker; returns its number once it serves its REST API. */
    int addWorker() {
        return addWorker(Map.of());
    }

    /**
     * Starts one more worker with some of the cluster's worker properties overridden (e.g. another
     * {@code connect.protocol}); returns its number once it serves its REST API.
     */
    int addWorker(Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>(workerProps);
        props.putAll(overrides);
        // Start-up installs the worker's delegating loader as context loader; it must not outlive the call.
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try {
            workers.add(new ConnectDistributed().startConnect(props));
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        return workers.size() - 1;
    }

    /** Stops worker {@code index} gracefully (it leaves the group); its number stays taken. */
    void stopWorker(int index) {
        Connect<?> worker = worker(index);
        workers.set(index, null);
        worker.stop();
    }

    /** Stops every worker at once; {@link #start()} then starts new ones on the same group and internal topics. */
    void stopCluster() {
        workersToStart = workerCount();
        stopAll();
    }

    /** Stops every worker, then starts as many new ones on the same group and internal topics. */
    void restartCluster() {
        stopCluster();
        start();
    }

    /** The number of running workers. */
    int workerCount() {
        return (int) workers.stream().filter(Objects::nonNull).count();
    }

    /** The numbers of the running workers, ascending. */
    List<Integer> runningWorkers() {
        List<Integer> running = new ArrayList<>();
        for (int i = 0; i < workers.size(); i++) {
            if (workers.get(i) != null) {
                running.add(i);
            }
        }
        return running;
    }

    URI restUrl(int index) {
        return worker(index).restUrl();
    }

    ConnectRestClient rest(int index) {
        return new ConnectRestClient(restUrl(index));
    }

    /** The id worker {@code index} reports in statuses: host and port of its advertised URL. */
    String workerId(int index) {
        URI url = restUrl(index);
        return url.getHost() + ":" + url.getPort();
    }

    /** The ids of the running workers. */
    Set<String> workerIds() {
        Set<String> ids = new LinkedHashSet<>();
        runningWorkers().forEach(i -> ids.add(workerId(i)));
        return ids;
    }

    String groupId() {
        return workerProps.get("group.id");
    }

    String configTopic() {
        return workerProps.get("config.storage.topic");
    }

    String offsetsTopic() {
        return workerProps.get("offset.storage.topic");
    }

    String statusTopic() {
        return workerProps.get("status.storage.topic");
    }

    int rebalanceDelayMs() {
        return Integer.parseInt(workerProps.get("scheduled.rebalance.max.delay.ms"));
    }

    @Override
    public void close() {
        stopAll();
    }

    private Connect<?> worker(int index) {
        Connect<?> worker = index < workers.size() ? workers.get(index) : null;
        if (worker == null) {
            throw new IllegalStateException("Worker " + index + " of cluster " + name + " is not running");
        }
        return worker;
    }

    /** Starts workers on threads of their own: joining the group one after the other would cost a rebalance each. */
    private void startWorkers(int count) {
        ExecutorService starters = Executors.newFixedThreadPool(count, runnable -> {
            Thread thread = new Thread(runnable, name + "-starter");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<CompletableFuture<Connect<?>>> started = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                started.add(CompletableFuture.supplyAsync(() -> new ConnectDistributed().startConnect(workerProps),
                        starters));
            }
            RuntimeException failure = null;
            for (CompletableFuture<Connect<?>> worker : started) {
                try {
                    workers.add(worker.join());
                } catch (CompletionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : e;
                    if (failure == null) {
                        failure = cause;
                    } else {
                        failure.addSuppressed(cause);
                    }
                }
            }
            if (failure != null) {
                stopAll();
                throw failure;
            }
        } finally {
            starters.shutdown();
        }
    }

    /** Stops the running workers at once, as when a whole cluster is shut down, and waits for all of them. */
    private void stopAll() {
        List<Thread> stoppers = new ArrayList<>();
        for (int i = 0; i < workers.size(); i++) {
            Connect<?> worker = workers.get(i);
            if (worker != null) {
                workers.set(i, null);
                Thread stopper = new Thread(worker::stop, name + "-stopper-" + i);
                stopper.start();
                stoppers.add(stopper);
            }
        }
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while stopping cluster " + name, e);
            }
        }
    }

    /** Settings of a cluster before it starts. */
    static final class Builder {
        private String name = "connect-cluster";
        private int workers = 3;
        private final Map<String, String> workerProps = new HashMap<>();

        private Builder() {
        }

        /** Prefix of the group id and internal topic names (a random suffix makes them unique). */
        Builder name(String name) {
            this.name = name;
            return this;
        }

        Builder workers(int workers) {
            this.workers = workers;
            return this;
        }

        /** Sets or overrides a property of every worker of the cluster. */
        Builder workerProperty(String key, String value) {
            workerProps.put(key, value);
            return this;
        }

        Builder rebalanceDelayMs(int delayMs) {
            return workerProperty("scheduled.rebalance.max.delay.ms", Integer.toString(delayMs));
        }

        EmbeddedConnectCluster build() {
            return new EmbeddedConnectCluster(this);
        }
    }
}
