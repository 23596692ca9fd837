package org.apache.kafka.connect.health;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConnectorHealthTest {

    private final ConnectorState running = new ConnectorState("RUNNING", "worker-1", null);
    private final TaskState failedTask = new TaskState(0, "FAILED", "worker-2", "trace");

    @Test
    void statesRequireStateAndWorker() {
        assertThrows(IllegalArgumentException.class, () -> new ConnectorState(null, "w", null));
        assertThrows(IllegalArgumentException.class, () -> new ConnectorState(" ", "w", null));
        assertThrows(IllegalArgumentException.class, () -> new TaskState(0, "RUNNING", "", null));
    }

    @Test
    void stateEqualityIsPerConcreteType() {
        assertEquals(running, new ConnectorState("RUNNING", "worker-1", null));
        assertEquals(running.hashCode(), new ConnectorState("RUNNING", "worker-1", null).hashCode());
        assertNotEquals(running, new ConnectorState("RUNNING", "worker-1", "trace"));
        assertNotEquals(new ConnectorState("FAILED", "worker-2", "trace"), failedTask);
        assertNotEquals(failedTask, new TaskState(1, "FAILED", "worker-2", "trace"));
    }

    @Test
    void connectorHealthValidatesItsParts() {
        assertThrows(IllegalArgumentException.class,
                () -> new ConnectorHealth("", running, Map.of(), ConnectorType.SINK));
        assertThrows(NullPointerException.class, () -> new ConnectorHealth("c", null, Map.of(), ConnectorType.SINK));
        assertThrows(NullPointerException.class, () -> new ConnectorHealth("c", running, null, ConnectorType.SINK));
        assertThrows(NullPointerException.class, () -> new ConnectorHealth("c", running, Map.of(), null));
    }

    @Test
    void toStringFormats() {
        ConnectorHealth health = new ConnectorHealth("c", running, Map.of(0, failedTask), ConnectorType.SOURCE);

        assertEquals("ConnectorHealth{name='c', connectorState=ConnectorState{state='RUNNING', traceMessage='null', "
                        + "workerId='worker-1'}, tasks={0=TaskState{taskId='0'state='FAILED', traceMessage='trace', "
                        + "workerId='worker-2'}}, type=source}",
                health.toString());
        assertEquals("unknown", ConnectorType.UNKNOWN.toString());
    }
}
