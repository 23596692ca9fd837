package org.apache.kafka.connect.runtime;

import org.apache.kafka.connect.util.ConnectorTaskId;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Records the status calls of connectors and tasks as strings such as {@code startup:my-conn} or
 * {@code failure:my-conn-0}; failure causes are kept separately.
 */
final class RecordingStatusListener implements ConnectorStatus.Listener, TaskStatus.Listener {

    final List<String> events = new CopyOnWriteArrayList<>();
    final List<Throwable> failures = new CopyOnWriteArrayList<>();

    List<String> eventsFor(String id) {
        return events.stream().filter(event -> event.endsWith(":" + id)).toList();
    }

    /** Waits until the events of {@code id} satisfy the condition; fails the test after 20 s. */
    List<String> await(String id, Predicate<List<String>> condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            List<String> current = eventsFor(id);
            if (condition.test(current)) {
                return current;
            }
            Thread.sleep(20);
        }
        return fail("Status events of " + id + " never satisfied the condition; got " + eventsFor(id));
    }

    List<String> awaitEvent(String id, String event) throws InterruptedException {
        return await(id, events -> events.contains(event + ":" + id));
    }

    private void record(String event, Object id) {
        events.add(event + ":" + id);
    }

    @Override
    public void onStartup(String connector) {
        record("startup", connector);
    }

    @Override
    public void onPause(String connector) {
        record("pause", connector);
    }

    @Override
    public void onResume(String connector) {
        record("resume", connector);
    }

    @Override
    public void onStop(String connector) {
        record("stop", connector);
    }

    @Override
    public void onFailure(String connector, Throwable cause) {
        failures.add(cause);
        record("failure", connector);
    }

    @Override
    public void onShutdown(String connector) {
        record("shutdown", connector);
    }

    @Override
    public void onDeletion(String connector) {
        record("deletion", connector);
    }

    @Override
    public void onRestart(String connector) {
        record("restart", connector);
    }

    @Override
    public void onStartup(ConnectorTaskId id) {
        record("startup", id);
    }

    @Override
    public void onPause(ConnectorTaskId id) {
        record("pause", id);
    }

    @Override
    public void onResume(ConnectorTaskId id) {
        record("resume", id);
    }

    @Override
    public void onFailure(ConnectorTaskId id, Throwable cause) {
        failures.add(cause);
        record("failure", id);
    }

    @Override
    public void onShutdown(ConnectorTaskId id) {
        record("shutdown", id);
    }

    @Override
    public void onDeletion(ConnectorTaskId id) {
        record("deletion", id);
    }

    @Override
    public void onRestart(ConnectorTaskId id) {
        record("restart", id);
    }
}
