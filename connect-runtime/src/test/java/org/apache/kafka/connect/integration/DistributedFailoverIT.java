package org.apache.kafka.connect.integration;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Distributed workers as separate processes started through {@code bin/connect-distributed.sh}: a worker killed with
 * SIGKILL under a running source and sink load loses no record, and a cluster restarted with SIGTERM keeps its
 * connectors. Runs with Failsafe after {@code package}, because the scripts need the packaged build.
 */
class DistributedFailoverIT {

    private static final int TASKS = 6;
    /** Long enough to tell the scheduled reassignment of lost tasks from an immediate one. */
    private static final int REBALANCE_DELAY_MS = 10_000;
    private static final long LOAD_PHASE_MS = 10_000;

    private final List<ConnectDistributedProcess> workers = new ArrayList<>();

    @AfterEach
    void stopWorkers() {
        for (ConnectDistributedProcess worker : workers) {
            try {
                worker.close();
            } catch (RuntimeException e) {
                System.err.println("Could not stop a worker cleanly: " + e);
            }
        }
    }

    @Test
    void killedWorkerLosesNoRecordAndItsTasksRunElsewhereAfterTheRebalanceDelay() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String topic = "failover-" + id;
        String source = "failover-source-" + id;
        String sink = "failover-sink-" + id;
        Path sinkDir = Files.createDirectories(runDir(id).resolve("sink"));
        EmbeddedKafkaBroker.shared().createTopic(topic, TASKS);
        startCluster(id, 3);
        ConnectRestClient rest = workers.get(0).rest();

        // 6 tasks x 10 records per 100 ms
        assertEquals(201, workers.get(1).rest().createConnector(source,
                SequenceSourceConnector.config(topic, TASKS, 10, 100)).status());
        assertEquals(201, workers.get(2).rest().createConnector(sink,
                LineFileSinkConnector.config(topic, sinkDir, TASKS)).status());
        Set<String> all = workerIds(workers);
        awaitRunningOn(rest, List.of(source, sink), all, true);
        Thread.sleep(LOAD_PHASE_MS); // load, not a wait for an outcome

        ConnectDistributedProcess victim = workers.get(2);
        Set<String> survivors = new HashSet<>(all);
        survivors.remove(victim.workerId());
        long killedAt = System.nanoTime();
        victim.kill();
        awaitRunningOn(rest, List.of(source, sink), survivors, false);
        long recoveredMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
        Thread.sleep(LOAD_PHASE_MS);

        assertEquals(202, rest.put("/connectors/" + source + "/pause", null).status());
        Waits.connectorState(rest, source, "PAUSED", TASKS, "PAUSED");
        List<String> topicValues = awaitTopicAtRest(topic);
        SequenceSourceConnector.Audit produced = SequenceSourceConnector.audit(topicValues);
        Set<String> expected = new HashSet<>(topicValues);
        AtomicReference<LineFileSinkConnector.Output> output = new AtomicReference<>();
        Waits.until("the sink files hold every record of the topic", () -> {
            output.set(LineFileSinkConnector.read(sinkDir, sink));
            return new HashSet<>(output.get().lines()).containsAll(expected);
        }, () -> missing(expected, output.get()).size() + " records missing, e.g. "
                + missing(expected, output.get()).stream().limit(10).toList());
        LineFileSinkConnector.Output delivered = output.get();
        long sinkDistinct = new HashSet<>(delivered.lines()).size();
        long sinkLost = missing(expected, delivered).size();

        System.out.printf("FAILOVER RESULT: source produced=%d lost=%d duplicates=%d; sink delivered=%d lost=%d "
                        + "duplicates=%d; tasks running again after %d ms%n",
                produced.produced(), produced.lost(), produced.duplicates(), sinkDistinct, sinkLost,
                delivered.lines().size() - sinkDistinct, recoveredMs);
        assertEquals(TASKS, produced.tasks().size(), "every source task wrote records: " + produced);
        assertEquals(0, produced.lost(), "records missing from the source sequences: " + produced);
        assertEquals(0, sinkLost, "records of the topic missing from the sink files");
        assertTrue(recoveredMs >= REBALANCE_DELAY_MS, "tasks of the killed worker ran again after " + recoveredMs
                + " ms, before scheduled.rebalance.max.delay.ms=" + REBALANCE_DELAY_MS);
    }

    @Test
    void clusterRestartedWithSigtermKeepsItsConnectors() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String topic = "restart-" + id;
        startCluster(id, 3);
        assertEquals(201, workers.get(1).rest().createConnector("restart-source-" + id,
                SequenceSourceConnector.config(topic, 2, 1, 200)).status());
        assertEquals(201, workers.get(2).rest().createConnector("restart-paused-" + id,
                SequenceSourceConnector.config(topic, 1, 1, 200)).status());
        Waits.connectorState(workers.get(0).rest(), "restart-source-" + id, "RUNNING", 2, "RUNNING");
        // Paused only once running: a connector paused before it ever started has generated no task configs.
        Waits.connectorState(workers.get(0).rest(), "restart-paused-" + id, "RUNNING", 1, "RUNNING");
        assertEquals(202, workers.get(0).rest().put("/connectors/restart-paused-" + id + "/pause", null).status());
        Waits.connectorState(workers.get(0).rest(), "restart-paused-" + id, "PAUSED", 1, "PAUSED");

        List<CompletableFuture<Void>> stopped = workers.stream()
                .map(worker -> CompletableFuture.runAsync(worker::stop)).toList();
        stopped.forEach(CompletableFuture::join);
        List<CompletableFuture<ConnectDistributedProcess>> started = workers.stream()
                .map(worker -> CompletableFuture.supplyAsync(worker::start)).toList();
        started.forEach(CompletableFuture::join);

        ConnectRestClient rest = workers.get(2).rest();
        Waits.until("the restarted cluster lists both connectors", () -> {
            Set<String> names = new HashSet<>();
            rest.get("/connectors").json().forEach(name -> names.add(name.asText()));
            return names.equals(Set.of("restart-source-" + id, "restart-paused-" + id));
        }, () -> rest.get("/connectors"));
        Waits.connectorState(rest, "restart-source-" + id, "RUNNING", 2, "RUNNING");
        Waits.connectorState(rest, "restart-paused-" + id, "PAUSED", 1, "PAUSED");
    }

    @Test
    void clusterScopedLoggerLevelReachesEveryWorkerProcess() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        startCluster(id, 2);
        String logger = "org.apache.kafka.connect.integration.probe" + id;
        ConnectRestClient.Response put = workers.get(0).rest().put("/admin/loggers/" + logger + "?scope=cluster",
                Map.of("level", "DEBUG"));
        assertEquals(204, put.status(), put.toString());

        // Separate JVMs: the other worker can only have learnt the level from the config topic.
        ConnectRestClient other = workers.get(1).rest();
        AtomicReference<ConnectRestClient.Response> level = new AtomicReference<>();
        Waits.until("the other worker reports " + logger + " at DEBUG", () -> {
            level.set(other.get("/admin/loggers/" + logger));
            return level.get().status() == 200 && "DEBUG".equals(level.get().json().path("level").asText());
        }, level::get);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Starts the first worker alone, so it becomes the group leader, then the others together. */
    private void startCluster(String id, int count) {
        Map<String, String> props = workerProperties(id);
        for (int i = 0; i < count; i++) {
            workers.add(new ConnectDistributedProcess(runDir(id).resolve("worker-" + i), props));
        }
        workers.get(0).start();
        workers.subList(1, count).stream()
                .map(worker -> CompletableFuture.supplyAsync(worker::start))
                .toList()
                .forEach(CompletableFuture::join);
    }

    private static Map<String, String> workerProperties(String id) {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", EmbeddedKafkaBroker.shared().bootstrapServers());
        props.put("group.id", "failover-it-" + id);
        props.put("config.storage.topic", "failover-it-" + id + "-configs");
        props.put("offset.storage.topic", "failover-it-" + id + "-offsets");
        props.put("status.storage.topic", "failover-it-" + id + "-status");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("offset.storage.partitions", "5");
        props.put("status.storage.partitions", "3");
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("offset.flush.interval.ms", "1000");
        props.put("scheduled.rebalance.max.delay.ms", Integer.toString(REBALANCE_DELAY_MS));
        // A killed worker's sink consumers hold their partitions until the broker expires them (default 45 s).
        props.put("consumer.session.timeout.ms", "10000");
        return props;
    }

    /** A directory of this run under the module's {@code target/}, kept for a look at the worker logs. */
    private static Path runDir(String id) {
        Path dir = ConnectDistributedProcess.projectRoot().resolve("connect-runtime/target/failsafe-workers/" + id);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> workerIds(List<ConnectDistributedProcess> processes) {
        return processes.stream().map(ConnectDistributedProcess::workerId).collect(Collectors.toSet());
    }

    /**
     * Waits until the connectors and all their tasks are RUNNING on the given workers only; with
     * {@code everyWorkerBusy}, also until each of those workers runs at least one task.
     */
    private static void awaitRunningOn(ConnectRestClient rest, List<String> connectors, Set<String> workerIds,
                                       boolean everyWorkerBusy) {
        AtomicReference<String> last = new AtomicReference<>();
        Waits.until(connectors + " run with all their tasks on " + workerIds, () -> {
            Set<String> busy = new HashSet<>();
            StringBuilder observed = new StringBuilder();
            boolean running = true;
            for (String connector : connectors) {
                ConnectRestClient.Response response = rest.get("/connectors/" + connector + "/status");
                observed.append(response).append('\n');
                JsonNode status = response.json();
                running &= response.status() == 200
                        && "RUNNING".equals(status.path("connector").path("state").asText())
                        && workerIds.contains(status.path("connector").path("worker_id").asText())
                        && status.path("tasks").size() == TASKS;
                for (JsonNode task : status.path("tasks")) {
                    running &= "RUNNING".equals(task.path("state").asText())
                            && workerIds.contains(task.path("worker_id").asText());
                    busy.add(task.path("worker_id").asText());
                }
            }
            last.set(observed.toString());
            return running && (!everyWorkerBusy || busy.containsAll(workerIds));
        }, last::get);
    }

    /** Waits until the topic stops growing (the paused source's last sends have landed) and returns its values. */
    private static List<String> awaitTopicAtRest(String topic) {
        AtomicReference<List<String>> previous = new AtomicReference<>(List.of());
        AtomicReference<List<String>> current = new AtomicReference<>();
        Waits.until("topic " + topic + " stops growing", () -> {
            current.set(TopicClient.readValues(topic, previous.get().size(), Waits.TIMEOUT));
            boolean atRest = !current.get().isEmpty() && current.get().size() == previous.get().size();
            previous.set(current.get());
            return atRest;
        }, () -> current.get().size() + " records");
        return current.get();
    }

    private static Set<String> missing(Set<String> expected, LineFileSinkConnector.Output output) {
        Set<String> missing = new HashSet<>(expected);
        if (output != null) {
            output.lines().forEach(missing::remove);
        }
        return missing;
    }
}
