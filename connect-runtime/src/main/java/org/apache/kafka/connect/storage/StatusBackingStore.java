package org.apache.kafka.connect.storage;

import org.apache.kafka.connect.runtime.ConnectorStatus;
import org.apache.kafka.connect.runtime.TaskStatus;
import org.apache.kafka.connect.runtime.TopicStatus;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.util.ConnectorTaskId;

import java.util.Collection;
import java.util.Set;

/**
 * Where the observed states of connectors and tasks, and the topics they use, are kept: in memory for standalone,
 * in the status topic for distributed. Writes of state {@code DESTROYED} remove the entry. Thread-safe: written by
 * connector and task threads, read by REST threads.
 */
public interface StatusBackingStore {

    void configure(WorkerConfig config);

    void start();

    void stop();

    /** Unconditional write. */
    void put(ConnectorStatus status);

    /** Write unless a status with a newer generation from another worker is already stored. */
    void putSafe(ConnectorStatus status);

    void put(TaskStatus status);

    void putSafe(TaskStatus status);

    void put(TopicStatus status);

    /** @return the status, or {@code null} if none is stored */
    TaskStatus get(ConnectorTaskId id);

    /** @return the status, or {@code null} if none is stored */
    ConnectorStatus get(String connector);

    /** Every stored task status of the connector. */
    Collection<TaskStatus> getAll(String connector);

    /** Names of connectors with a stored connector status. */
    Set<String> connectors();

    /** @return the topic status, or {@code null} */
    TopicStatus getTopic(String connector, String topic);

    Collection<TopicStatus> getAllTopics(String connector);

    void deleteTopic(String connector, String topic);

    /** Push buffered writes out (a no-op in memory). */
    void flush();
}
