package org.apache.kafka.connect.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.apache.kafka.connect.integration.ClusterWaits.addWorkerAndAssertOnlyItsShareMoves;
import static org.apache.kafka.connect.integration.ClusterWaits.awaitTasksPerWorker;
import static org.apache.kafka.connect.integration.ClusterWaits.createConnector;
import static org.apache.kafka.connect.integration.ClusterWaits.newTopic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Distributed workers in the test JVM on a real broker: forwarding to the leader, even task placement,
 * incremental cooperative rebalancing when workers join and leave, request signing of the internal endpoints, a
 * full cluster restart, the checks of the internal topics at start, and cluster-scoped logger levels.
 *
 * <p>Tests that change membership get a cluster of their own; the others share one started once for the class.
 */
class DistributedClusterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static EmbeddedConnectCluster shared;
    private final List<EmbeddedConnectCluster> ownClusters = new ArrayList<>();

    @BeforeAll
    static void startSharedCluster() {
        shared = EmbeddedConnectCluster.builder().name("shared").workers(3).build().start();
    }

    @AfterAll
    static void stopSharedCluster() {
        if (shared != null) {
            shared.close();
        }
    }

    @AfterEach
    void stopOwnClusters() {
        ownClusters.forEach(EmbeddedConnectCluster::close);
    }

    private EmbeddedConnectCluster startCluster(String name) {
        EmbeddedConnectCluster cluster = EmbeddedConnectCluster.builder().name(name).workers(3).build();
        ownClusters.add(cluster);
        return cluster.start();
    }

    @Test
    void connectorsCreatedThroughAnyWorkerRunAndTheirTasksSpreadEvenly() {
        String topic = newTopic("spread", 3);
        // Each worker in turn: at most one of them is the leader, so at least two requests are forwarded.
        createConnector(shared, 0, "spread-six", SequenceSourceConnector.config(topic, 6, 1, 500));
        Waits.connectorState(shared.rest(0), "spread-six", "RUNNING", 6, "RUNNING");
        awaitTasksPerWorker(shared, List.of("spread-six"), Map.of(2L, 3));

        createConnector(shared, 1, "spread-via-1", SequenceSourceConnector.config(topic, 3, 1, 500));
        createConnector(shared, 2, "spread-via-2", SequenceSourceConnector.config(topic, 3, 1, 500));
        for (int worker : shared.runningWorkers()) {
            ConnectRestClient rest = shared.rest(worker);
            Waits.until("worker " + worker + " lists the three connectors", () -> {
                JsonNode names = rest.get("/connectors").json();
                return contains(names, "spread-six") && contains(names, "spread-via-1")
                        && contains(names, "spread-via-2");
            }, () -> rest.get("/connectors"));
            Waits.connectorState(rest, "spread-via-1", "RUNNING", 3, "RUNNING");
            Waits.connectorState(rest, "spread-via-2", "RUNNING", 3, "RUNNING");
        }
        awaitTasksPerWorker(shared, List.of("spread-six", "spread-via-1", "spread-via-2"), Map.of(4L, 3));

        for (String name : List.of("spread-six", "spread-via-1", "spread-via-2")) {
            assertEquals(204, shared.rest(1).delete("/connectors/" + name).status(), name);
        }
    }

    @Test
    void followersServeConfigUpdatesRestartsAndStopResumeThroughTheLeaderAndTheOwners() throws Exception {
        String topic = newTopic("update", 3);
        createConnector(shared, 0, "update-src", SequenceSourceConnector.config(topic, 2, 1, 500));
        Waits.connectorState(shared.rest(1), "update-src", "RUNNING", 2, "RUNNING");

        // A changed config, written through a follower: the owner restarts the connector, which regenerates tasks.
        Map<String, String> changed = new HashMap<>(SequenceSourceConnector.config(topic, 3, 2, 500));
        assertEquals(200, shared.rest(2).put("/connectors/update-src/config", changed).status());
        Waits.connectorState(shared.rest(0), "update-src", "RUNNING", 3, "RUNNING");
        Waits.until("the task configs carry the new setting", () -> {
            ConnectRestClient.Response tasks = shared.rest(1).get("/connectors/update-src/tasks");
            if (tasks.status() != 200 || tasks.json().size() != 3) {
                return false;
            }
            for (JsonNode task : tasks.json()) {
                if (!"2".equals(task.path("config").path("records.per.poll").asText())) {
                    return false;
                }
            }
            return true;
        }, () -> shared.rest(1).get("/connectors/update-src/tasks"));

        // Restarts through every worker reach the owner (follower -> leader -> owner at most).
        for (int worker : shared.runningWorkers()) {
            assertEquals(204, shared.rest(worker).post("/connectors/update-src/restart", null).status());
            assertEquals(204, shared.rest(worker).post("/connectors/update-src/tasks/2/restart", null).status());
        }
        ConnectRestClient.Response plan = shared.rest(1).post("/connectors/update-src/restart?includeTasks=true",
                null);
        assertEquals(202, plan.status(), plan.toString());
        Waits.connectorState(shared.rest(2), "update-src", "RUNNING", 3, "RUNNING");

        // Stop (leader-only, forwarded); the offsets API then works through any worker.
        assertEquals(204, shared.rest(1).put("/connectors/update-src/stop", null).status());
        Waits.connectorState(shared.rest(0), "update-src", "STOPPED", 0, "RUNNING");
        Waits.until("the stopped connector's committed offsets are listed", () -> shared.rest(2)
                .get("/connectors/update-src/offsets").json().path("offsets").size() > 0,
                () -> shared.rest(2).get("/connectors/update-src/offsets"));
        Map<String, Object> altered = Map.of("offsets", List.of(Map.of(
                "partition", Map.of("task", 0), "offset", Map.of("seq", 1_000_000))));
        ConnectRestClient.Response alter = shared.rest(1).sendRaw("/connectors/update-src/offsets", "PATCH",
                JSON.writeValueAsString(altered));
        assertEquals(200, alter.status(), alter.toString());
        JsonNode offsets = shared.rest(0).get("/connectors/update-src/offsets").json().path("offsets");
        boolean seen = false;
        for (JsonNode offset : offsets) {
            if (offset.path("partition").path("task").asInt() == 0) {
                assertEquals(1_000_000, offset.path("offset").path("seq").asLong(), offsets.toString());
                seen = true;
            }
        }
        assertTrue(seen, "task 0's partition is listed: " + offsets);
        ConnectRestClient.Response reset = shared.rest(2).delete("/connectors/update-src/offsets");
        assertEquals(200, reset.status(), reset.toString());
        assertEquals(0, shared.rest(1).get("/connectors/update-src/offsets").json().path("offsets").size());

        // Resume from a follower: the tasks come back.
        assertEquals(202, shared.rest(2).put("/connectors/update-src/resume", null).status());
        Waits.connectorState(shared.rest(0), "update-src", "RUNNING", 3, "RUNNING");
        assertEquals(204, shared.rest(0).delete("/connectors/update-src").status());
        Waits.until("every worker forgets the deleted connector", () -> shared.runningWorkers().stream()
                .allMatch(worker -> shared.rest(worker).get("/connectors/update-src/status").status() == 404),
                () -> shared.rest(1).get("/connectors/update-src/status"));
    }

    @Test
    void connectorIsRestartedOnItsOwnerWhenItsConfigProviderValuesExpire() {
        EmbeddedConnectCluster cluster = EmbeddedConnectCluster.builder().name("ttl").workers(2)
                .workerProperty("config.providers", "ttl")
                .workerProperty("config.providers.ttl.class", TtlConfigProvider.class.getName())
                .workerProperty("config.providers.ttl.param.ttl.ms", "1500")
                .build();
        ownClusters.add(cluster);
        cluster.start();
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", SecretRecordingSourceConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("db.password", "not-a-secret-here");
        config.put("db.url", "jdbc:foo://db.example.com/orders");
        config.put("api.token", "${ttl:/rotating:token}");
        String name = "ttl-reload-" + UUID.randomUUID().toString().substring(0, 8);
        createConnector(cluster, 1, name, config);
        Waits.connectorState(cluster.rest(0), name, "RUNNING", 1, "RUNNING");

        Waits.until("connector " + name + " was restarted after its token's TTL", () ->
                SecretRecordingSourceConnector.starts(SecretRecordingSourceConnector.CONNECTOR_STARTS, name).size()
                        >= 3, () -> SecretRecordingSourceConnector.starts(
                                SecretRecordingSourceConnector.CONNECTOR_STARTS, name).size() + " starts");
        assertEquals("value-token", SecretRecordingSourceConnector.starts(
                SecretRecordingSourceConnector.CONNECTOR_STARTS, name).get(2).get("api.token"));
        assertEquals("${ttl:/rotating:token}", cluster.rest(0).get("/connectors/" + name + "/config").json()
                .path("api.token").asText(), "the stored config keeps the variable");
    }

    @Test
    void joiningWorkerTakesOverTasksWithoutRestartingTheTasksThatStay() {
        EmbeddedConnectCluster cluster = startCluster("join");
        String topic = newTopic("join", 3);
        createConnector(cluster, 1, "join-a", SequenceSourceConnector.config(topic, 6, 1, 500));
        createConnector(cluster, 2, "join-b", SequenceSourceConnector.config(topic, 6, 1, 500));
        List<String> connectors = List.of("join-a", "join-b");
        Map<String, String> ownersBefore = awaitTasksPerWorker(cluster, connectors, Map.of(4L, 3));
        addWorkerAndAssertOnlyItsShareMoves(cluster, connectors, ownersBefore);
    }

    @Test
    void tasksOfALeavingWorkerRunElsewhereOnlyAfterTheScheduledRebalanceDelay() {
        EmbeddedConnectCluster cluster = startCluster("leave");
        String topic = newTopic("leave", 3);
        createConnector(cluster, 0, "leave-src", SequenceSourceConnector.config(topic, 8, 1, 500));
        List<String> connectors = List.of("leave-src");
        awaitTasksPerWorker(cluster, connectors, Map.of(3L, 2, 2L, 1));
        // A worker that joins later is never the group leader: a new leader would reassign at once, without delay.
        int leaving = cluster.addWorker();
        String leavingId = cluster.workerId(leaving);
        awaitTasksPerWorker(cluster, connectors, Map.of(2L, 4));

        long stoppedAt = System.nanoTime();
        cluster.stopWorker(leaving);
        Set<String> survivors = cluster.workerIds();
        Map<String, String> owners = awaitTasksPerWorker(cluster, connectors, Map.of(3L, 2, 2L, 1));
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppedAt);

        assertTrue(survivors.containsAll(owners.values()), "tasks still on " + leavingId + ": " + owners);
        assertTrue(elapsedMs >= cluster.rebalanceDelayMs(), "the tasks of the worker that left were reassigned after "
                + elapsedMs + " ms, before scheduled.rebalance.max.delay.ms=" + cluster.rebalanceDelayMs());
    }

    @Test
    void internalRequestsWithoutOrWithAWrongSignatureAreRefusedByEveryWorker() {
        String body = "[{\"task.class\":\"org.example.Forged\"}]";
        byte[] forgedMac = new byte[32];
        new Random(42).nextBytes(forgedMac);
        Map<String, String> wrongSignature = Map.of(
                "X-Connect-Authorization", Base64.getEncoder().encodeToString(forgedMac),
                "X-Connect-Request-Signature-Algorithm", "HmacSHA256");
        for (int worker : shared.runningWorkers()) {
            URI url = shared.restUrl(worker).resolve("/connectors/forged/tasks");

            // 503 only means the worker has not read the session key yet.
            AtomicReference<HttpResponse<String>> forged = new AtomicReference<>();
            Waits.until("worker " + worker + " has a session key to check signatures with", () -> {
                forged.set(post(url, body, wrongSignature));
                return forged.get().statusCode() != 503;
            }, () -> forged.get().body());
            assertEquals(403, forged.get().statusCode(), "worker " + worker + ": " + forged.get().body());
            assertTrue(forged.get().body().contains("signature"), forged.get().body());

            HttpResponse<String> unsigned = post(url, body, Map.of());
            assertEquals(400, unsigned.statusCode(), "worker " + worker + ": " + unsigned.body());
            assertTrue(unsigned.body().contains("signature"), unsigned.body());
        }
        assertFalse(contains(shared.rest(0).get("/connectors").json(), "forged"));
    }

    @Test
    void clusterScopedLoggerLevelReachesEveryWorkerThroughTheConfigTopic() {
        String logger = "org.apache.kafka.connect.integration.probe" + UUID.randomUUID().toString().substring(0, 8);
        ConnectRestClient.Response put = shared.rest(0).put("/admin/loggers/" + logger + "?scope=cluster",
                Map.of("level", "DEBUG"));
        assertEquals(204, put.status(), put.toString());

        ConnectRestClient other = shared.rest(2);
        AtomicReference<ConnectRestClient.Response> level = new AtomicReference<>();
        Waits.until("worker 2 reports " + logger + " at DEBUG", () -> {
            level.set(other.get("/admin/loggers/" + logger));
            return level.get().status() == 200 && "DEBUG".equals(level.get().json().path("level").asText());
        }, level::get);
        // The workers of this JVM share one logging backend: only the config topic shows the change was clustered.
        List<ConsumerRecord<byte[], byte[]>> records = TopicClient.readAll(shared.configTopic(), 1, Waits.TIMEOUT);
        assertTrue(records.stream().anyMatch(r -> r.key() != null
                        && new String(r.key(), StandardCharsets.UTF_8).equals("logger-cluster-" + logger)
                        && r.value() != null && new String(r.value(), StandardCharsets.UTF_8).contains("DEBUG")),
                "no logger-cluster-" + logger + " record in " + shared.configTopic());
    }

    @Test
    void fullClusterRestartKeepsConnectorsTargetStatesAndSourceOffsets() {
        EmbeddedConnectCluster cluster = startCluster("restart");
        String topic = newTopic("restart", 3);
        int recordsPerPoll = 5;
        long pollIntervalMs = 50;
        createConnector(cluster, 0, "restart-running",
                SequenceSourceConnector.config(topic, 3, recordsPerPoll, pollIntervalMs));
        createConnector(cluster, 1, "restart-paused", SequenceSourceConnector.config(topic + "-paused", 1, 1, 500));
        createConnector(cluster, 2, "restart-stopped", SequenceSourceConnector.config(topic + "-stopped", 1, 1, 500));
        Waits.connectorState(cluster.rest(0), "restart-running", "RUNNING", 3, "RUNNING");
        Waits.connectorState(cluster.rest(0), "restart-paused", "RUNNING", 1, "RUNNING");
        Waits.connectorState(cluster.rest(0), "restart-stopped", "RUNNING", 1, "RUNNING");
        assertEquals(202, cluster.rest(1).put("/connectors/restart-paused/pause", null).status());
        assertEquals(204, cluster.rest(2).put("/connectors/restart-stopped/stop", null).status());
        Waits.connectorState(cluster.rest(0), "restart-paused", "PAUSED", 1, "PAUSED");
        Waits.connectorState(cluster.rest(0), "restart-stopped", "STOPPED", 0, "RUNNING");
        Waits.until("every task of restart-running wrote 100 records",
                () -> highestPerTask(topic).values().stream().filter(seq -> seq >= 100).count() == 3,
                () -> highestPerTask(topic));

        cluster.stopCluster();
        SequenceSourceConnector.Audit before = SequenceSourceConnector.audit(
                TopicClient.readValues(topic, 0, Waits.TIMEOUT));
        Map<Integer, Long> highestBefore = new TreeMap<>();
        before.tasks().forEach((task, sequence) -> highestBefore.put(task, sequence.highest()));
        Map<Integer, Long> committed = committedSequences(cluster, "restart-running");
        assertEquals(highestBefore.keySet(), committed.keySet(), "committed offsets " + committed);
        cluster.start();

        ConnectRestClient rest = cluster.rest(1);
        Waits.until("the restarted cluster lists the three connectors", () -> {
            JsonNode names = rest.get("/connectors").json();
            return contains(names, "restart-running") && contains(names, "restart-paused")
                    && contains(names, "restart-stopped");
        }, () -> rest.get("/connectors"));
        Waits.connectorState(rest, "restart-running", "RUNNING", 3, "RUNNING");
        Waits.connectorState(rest, "restart-paused", "PAUSED", 1, "PAUSED");
        Waits.connectorState(rest, "restart-stopped", "STOPPED", 0, "RUNNING");
        Waits.until("every task of restart-running continued past its numbers before the restart",
                () -> highestBefore.entrySet().stream()
                        .allMatch(e -> highestPerTask(topic).getOrDefault(e.getKey(), -1L) > e.getValue() + 50),
                () -> highestPerTask(topic));

        SequenceSourceConnector.Audit audit = SequenceSourceConnector.audit(
                TopicClient.readValues(topic, 0, Waits.TIMEOUT));
        // A task resumes after its last committed offset: what it wrote after that commit is written again, and
        // nothing else (a task moved while the cluster formed may have repeated some numbers before the restart).
        long window = recordsPerPoll * (1000 / pollIntervalMs + 1);
        for (int task : highestBefore.keySet()) {
            SequenceSourceConnector.TaskSequence sequence = audit.task(task);
            long uncommitted = highestBefore.get(task) - committed.get(task);
            long repeatedByRestart = sequence.duplicates() - before.task(task).duplicates();
            assertEquals(0, sequence.lost(), "task " + task + " skipped numbers: " + sequence);
            assertTrue(repeatedByRestart <= uncommitted, "task " + task + " repeated " + repeatedByRestart
                    + " numbers after the restart, but only " + uncommitted + " were written after its last commit");
            assertTrue(uncommitted <= window, "task " + task + " had " + uncommitted + " records uncommitted at "
                    + "shutdown, more than one offset flush interval produces (" + window + ")");
        }
    }

    @Test
    void configTopicWithTwoPartitionsIsRefusedAtStart() {
        EmbeddedConnectCluster cluster = EmbeddedConnectCluster.builder().name("two-partitions").workers(1).build();
        ownClusters.add(cluster);
        EmbeddedKafkaBroker.shared().createTopic(cluster.configTopic(), 2);

        RuntimeException error = assertThrows(RuntimeException.class, cluster::start);
        String messages = messages(error);
        assertTrue(messages.contains(cluster.configTopic()) && messages.contains("partition"), messages);
    }

    @Test
    void configTopicThatIsNotCompactedIsRefusedAtStart() throws Exception {
        EmbeddedConnectCluster cluster = EmbeddedConnectCluster.builder().name("delete-policy").workers(1).build();
        ownClusters.add(cluster);
        try (Admin admin = EmbeddedKafkaBroker.shared().admin()) {
            admin.createTopics(List.of(new NewTopic(cluster.configTopic(), 1, (short) 1)
                    .configs(Map.of("cleanup.policy", "delete")))).all().get(30, TimeUnit.SECONDS);
        }

        RuntimeException error = assertThrows(RuntimeException.class, cluster::start);
        String messages = messages(error);
        assertTrue(messages.contains(cluster.configTopic()) && messages.contains("cleanup.policy=delete"), messages);
    }

    // ---------------------------------------------------------------------------------------------------------------






    private static Map<Integer, Long> highestPerTask(String topic) {
        Map<Integer, Long> highest = new TreeMap<>();
        SequenceSourceConnector.audit(TopicClient.readValues(topic, 0, Waits.TIMEOUT)).tasks()
                .forEach((task, sequence) -> highest.put(task, sequence.highest()));
        return highest;
    }

    /** The last committed {@code seq} of each task of the connector, read from the cluster's offsets topic. */
    private static Map<Integer, Long> committedSequences(EmbeddedConnectCluster cluster, String connector) {
        Map<Integer, Long> committed = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : TopicClient.readAll(cluster.offsetsTopic(), 0, Waits.TIMEOUT)) {
            try {
                JsonNode key = JSON.readTree(record.key());
                if (key.isArray() && key.size() == 2 && connector.equals(key.get(0).asText())
                        && record.value() != null) {
                    committed.put(key.get(1).path("task").asInt(), JSON.readTree(record.value()).path("seq").asLong());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Unreadable offsets record", e);
            }
        }
        return committed;
    }

    private static boolean contains(JsonNode array, String text) {
        for (JsonNode element : array) {
            if (text.equals(element.asText())) {
                return true;
            }
        }
        return false;
    }

    private static HttpResponse<String> post(URI url, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during POST " + url, e);
        }
    }

    /** The messages of an exception and its causes, one per line. */
    private static String messages(Throwable error) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            messages.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
