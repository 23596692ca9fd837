package org.apache.kafka.connect.integration;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Steps and waits the distributed-mode tests share: topics, connectors, and where tasks run. */
final class ClusterWaits {

    private ClusterWaits() {
    }

    /** A new topic on the shared broker, named {@code <prefix>-<random>}. */
    static String newTopic(String prefix, int partitions) {
        String topic = prefix + "-" + UUID.randomUUID();
        EmbeddedKafkaBroker.shared().createTopic(topic, partitions);
        return topic;
    }

    static void createConnector(EmbeddedConnectCluster cluster, int worker, String name,
                                        Map<String, String> config) {
        ConnectRestClient.Response created = cluster.rest(worker).createConnector(name, config);
        assertEquals(201, created.status(), "creating " + name + " through worker " + worker + ": " + created);
    }

    /**
     * Waits until every task of the connectors runs, on running workers only, with this many workers running each
     * number of tasks (e.g. {4: 3} = three workers with four tasks each); returns the worker of each task.
     */
    static Map<String, String> awaitTasksPerWorker(EmbeddedConnectCluster cluster, List<String> connectors,
                                                           Map<Long, Integer> workersByTaskCount) {
        ConnectRestClient rest = cluster.rest(cluster.runningWorkers().get(0));
        AtomicReference<Map<String, String>> owners = new AtomicReference<>();
        AtomicReference<List<String>> statuses = new AtomicReference<>();
        Waits.until("the tasks of " + connectors + " run spread as " + workersByTaskCount + " (task count: workers)"
                + " on " + cluster.workerIds(), () -> {
                    statuses.set(new ArrayList<>());
                    owners.set(taskOwners(rest, connectors, statuses.get()));
                    if (owners.get() == null || !cluster.workerIds().containsAll(owners.get().values())) {
                        return false;
                    }
                    Map<String, Long> perWorker = new HashMap<>();
                    owners.get().values().forEach(worker -> perWorker.merge(worker, 1L, Long::sum));
                    Map<Long, Integer> spread = new HashMap<>();
                    perWorker.values().forEach(count -> spread.merge(count, 1, Integer::sum));
                    return spread.equals(workersByTaskCount);
                }, statuses::get);
        return owners.get();
    }

    /**
     * The worker id of every task ({@code <connector>/<task>}) of the connectors, or null unless every connector
     * and task is RUNNING; adds the status answers to {@code statuses}.
     */
    static Map<String, String> taskOwners(ConnectRestClient rest, List<String> connectors,
                                                  List<String> statuses) {
        Map<String, String> owners = new TreeMap<>();
        boolean allRunning = true;
        for (String connector : connectors) {
            ConnectRestClient.Response status = rest.get("/connectors/" + connector + "/status");
            statuses.add(status.toString());
            if (status.status() != 200 || !"RUNNING".equals(status.json().path("connector").path("state").asText())) {
                allRunning = false;
            }
            for (JsonNode task : status.json().path("tasks")) {
                allRunning &= "RUNNING".equals(task.path("state").asText());
                owners.put(connector + "/" + task.path("id").asInt(), task.path("worker_id").asText());
            }
        }
        return allRunning ? owners : null;
    }

    static Map<String, Integer> taskStarts(Set<String> tasks) {
        Map<String, Integer> starts = new TreeMap<>();
        for (String task : tasks) {
            int slash = task.lastIndexOf('/');
            starts.put(task, SequenceSourceConnector.TaskStarts.of(task.substring(0, slash),
                    Integer.parseInt(task.substring(slash + 1))));
        }
        return starts;
    }

    /**
     * Adds a fourth worker to a cluster whose three workers run 12 {@link SequenceSourceConnector} tasks 4/4/4 (as
     * {@code ownersBefore} shows) and checks the cooperative hand-over: the newcomer takes exactly 3 tasks, they are
     * started there, and every task that stayed was not restarted.
     */
    static void addWorkerAndAssertOnlyItsShareMoves(EmbeddedConnectCluster cluster, List<String> connectors,
                                                    Map<String, String> ownersBefore) {
        Map<String, Integer> startsBefore = taskStarts(ownersBefore.keySet());

        int newcomer = cluster.addWorker();
        String newcomerId = cluster.workerId(newcomer);
        Map<String, String> ownersAfter = awaitTasksPerWorker(cluster, connectors, Map.of(3L, 4));
        Map<String, Integer> startsAfter = taskStarts(ownersAfter.keySet());
        Set<String> moved = new HashSet<>();
        for (String task : ownersAfter.keySet()) {
            if (ownersAfter.get(task).equals(ownersBefore.get(task))) {
                assertEquals(startsBefore.get(task), startsAfter.get(task),
                        "task " + task + " stayed on " + ownersAfter.get(task) + " but was restarted");
            } else {
                moved.add(task);
                assertEquals(newcomerId, ownersAfter.get(task), "only the newcomer takes tasks: " + ownersAfter);
                assertTrue(startsAfter.get(task) > startsBefore.get(task), "moved task " + task + " was not started");
            }
        }
        assertEquals(3, moved.size(), "the newcomer takes its share of 12 tasks: " + ownersAfter);
    }
}
