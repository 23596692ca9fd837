package org.apache.kafka.connect.runtime.health;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.NotFoundException;
import org.apache.kafka.connect.health.ConnectorHealth;
import org.apache.kafka.connect.health.ConnectorType;
import org.apache.kafka.connect.runtime.TargetState;
import org.apache.kafka.connect.runtime.rest.FakeHerder;
import org.apache.kafka.connect.util.FutureCallback;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cluster view REST extensions get, answered by a fake herder. */
class ConnectClusterStateImplTest {

    private static final Map<String, String> SINK_CONFIG = Map.of("name", "sink", "connector.class",
            "org.apache.kafka.connect.file.FileStreamSinkConnector", "tasks.max", "2", "topics", "t");

    private FakeHerder herder;
    private ConnectClusterStateImpl state;

    @BeforeEach
    void setUp() throws Exception {
        herder = new FakeHerder();
        FutureCallback<?> created = new FutureCallback<>();
        herder.putConnectorConfig("sink", SINK_CONFIG, TargetState.STARTED, false, (e, r) -> created.onCompletion(e, null));
        created.get();
        state = new ConnectClusterStateImpl(herder, 2_000);
    }

    @Test
    void listsConnectorsAndTheirConfig() {
        assertEquals(List.of("sink"), List.copyOf(state.connectors()));
        assertEquals(SINK_CONFIG, state.connectorConfig("sink"));
        assertEquals(FakeHerder.CLUSTER_ID, state.clusterDetails().kafkaClusterId());
    }

    @Test
    void reportsConnectorAndTaskHealth() {
        herder.setTaskState("sink", 1, "FAILED");
        ConnectorHealth health = state.connectorHealth("sink");
        assertEquals("sink", health.name());
        assertEquals(ConnectorType.SINK, health.type());
        assertEquals("RUNNING", health.connectorState().state());
        assertEquals(FakeHerder.WORKER_ID, health.connectorState().workerId());
        assertEquals("RUNNING", health.tasksState().get(0).state());
        assertEquals("FAILED", health.tasksState().get(1).state());
        assertEquals(1, health.tasksState().get(1).taskId());
        assertTrue(health.tasksState().get(1).traceMessage().contains("boom"));
    }

    @Test
    void unknownConnectorIsNotFound() {
        assertThrows(NotFoundException.class, () -> state.connectorHealth("nope"));
        assertThrows(NotFoundException.class, () -> state.connectorConfig("nope"));
    }

    @Test
    void herderThatDoesNotAnswerTimesOut() {
        herder.hang("connectors");
        ConnectClusterStateImpl impatient = new ConnectClusterStateImpl(herder, 100);
        ConnectException e = assertThrows(ConnectException.class, impatient::connectors);
        assertTrue(e.getMessage().startsWith("Failed to retrieve list of connectors"), e.getMessage());
    }
}
