package org.apache.kafka.connect.integration;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Poll-until helpers: the end-to-end tests wait for observable outcomes (status, records, file contents) with
 * generous timeouts instead of sleeping for fixed times.
 */
final class Waits {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Waits() {
    }

    /** Waits until the condition holds; fails with the description and the last observed state otherwise. */
    static void until(String description, BooleanSupplier condition, Supplier<Object> lastObserved) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("Timed out after " + TIMEOUT.toSeconds() + " s waiting until " + description
                        + "; last observed: " + lastObserved.get());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("Interrupted while waiting until " + description);
            }
        }
    }

    /**
     * Waits until GET /connectors/{name}/status shows the connector in {@code connectorState} with exactly
     * {@code taskCount} tasks, all in {@code taskState}; returns that status.
     */
    static JsonNode connectorState(ConnectRestClient rest, String name, String connectorState, int taskCount,
                                   String taskState) {
        AtomicReference<ConnectRestClient.Response> last = new AtomicReference<>();
        until("connector " + name + " is " + connectorState + " with " + taskCount + " task(s) " + taskState, () -> {
            last.set(rest.get("/connectors/" + name + "/status"));
            return last.get().status() == 200 && hasState(last.get().json(), connectorState, taskCount, taskState);
        }, last::get);
        return last.get().json();
    }

    private static boolean hasState(JsonNode status, String connectorState, int taskCount, String taskState) {
        if (!connectorState.equals(status.path("connector").path("state").asText())) {
            return false;
        }
        JsonNode tasks = status.path("tasks");
        if (tasks.size() != taskCount) {
            return false;
        }
        for (JsonNode task : tasks) {
            if (!taskState.equals(task.path("state").asText())) {
                return false;
            }
        }
        return true;
    }

    /** Waits until the file holds exactly these lines and returns them. */
    static List<String> fileLines(Path file, List<String> expected) {
        AtomicReference<List<String>> last = new AtomicReference<>();
        until(file + " holds " + expected, () -> {
            last.set(LineFiles.read(file));
            return last.get().equals(expected);
        }, last::get);
        return last.get();
    }
}
