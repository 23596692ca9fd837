package org.apache.kafka.connect.storage;

import org.apache.kafka.connect.runtime.AbstractStatus;
import org.apache.kafka.connect.runtime.ConnectorStatus;
import org.apache.kafka.connect.runtime.TaskStatus;
import org.apache.kafka.connect.runtime.TopicStatus;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.util.ConnectorTaskId;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The standalone worker's status store: the latest status of each connector and task, and the topics each connector
 * used, in memory. A {@code DESTROYED} status removes the entry. Thread-safe (one monitor; every operation is short).
 */
public class MemoryStatusBackingStore implements StatusBackingStore {

    private final Map<String, ConnectorStatus> connectors = new HashMap<>();
    private final Map<String, Map<Integer, TaskStatus>> tasks = new HashMap<>();
    private final Map<String, Map<String, TopicStatus>> topics = new HashMap<>();

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
    public synchronized void put(ConnectorStatus status) {
        if (status.state() == AbstractStatus.State.DESTROYED) {
            connectors.remove(status.id());
        } else {
            connectors.put(status.id(), status);
        }
    }

    @Override
    public synchronized void putSafe(ConnectorStatus status) {
        if (!overridesNewer(connectors.get(status.id()), status)) {
            put(status);
        }
    }

    @Override
    public synchronized void put(TaskStatus status) {
        ConnectorTaskId id = status.id();
        if (status.state() == AbstractStatus.State.DESTROYED) {
            Map<Integer, TaskStatus> ofConnector = tasks.get(id.connector());
            if (ofConnector != null) {
                ofConnector.remove(id.task());
                if (ofConnector.isEmpty()) {
                    tasks.remove(id.connector());
                }
            }
        } else {
            tasks.computeIfAbsent(id.connector(), c -> new HashMap<>()).put(id.task(), status);
        }
    }

    @Override
    public synchronized void putSafe(TaskStatus status) {
        if (!overridesNewer(get(status.id()), status)) {
            put(status);
        }
    }

    /** A safe write must not replace a status another worker wrote in a newer generation. */
    private static boolean overridesNewer(AbstractStatus<?> stored, AbstractStatus<?> update) {
        return stored != null && stored.generation() > update.generation()
                && !Objects.equals(stored.workerId(), update.workerId());
    }

    @Override
    public synchronized void put(TopicStatus status) {
        topics.computeIfAbsent(status.connector(), c -> new HashMap<>()).put(status.topic(), status);
    }

    @Override
    public synchronized TaskStatus get(ConnectorTaskId id) {
        Map<Integer, TaskStatus> ofConnector = tasks.get(id.connector());
        return ofConnector == null ? null : ofConnector.get(id.task());
    }

    @Override
    public synchronized ConnectorStatus get(String connector) {
        return connectors.get(connector);
    }

    @Override
    public synchronized Collection<TaskStatus> getAll(String connector) {
        Map<Integer, TaskStatus> ofConnector = tasks.get(connector);
        return ofConnector == null ? List.of() : new ArrayList<>(ofConnector.values());
    }

    @Override
    public synchronized Set<String> connectors() {
        return new HashSet<>(connectors.keySet());
    }

    @Override
    public synchronized TopicStatus getTopic(String connector, String topic) {
        Map<String, TopicStatus> ofConnector = topics.get(connector);
        return ofConnector == null ? null : ofConnector.get(topic);
    }

    @Override
    public synchronized Collection<TopicStatus> getAllTopics(String connector) {
        Map<String, TopicStatus> ofConnector = topics.get(connector);
        return ofConnector == null ? List.of() : new ArrayList<>(ofConnector.values());
    }

    @Override
    public synchronized void deleteTopic(String connector, String topic) {
        Map<String, TopicStatus> ofConnector = topics.get(connector);
        if (ofConnector != null) {
            ofConnector.remove(topic);
            if (ofConnector.isEmpty()) {
                topics.remove(connector);
            }
        }
    }

    @Override
    public void flush() {
    }
}
