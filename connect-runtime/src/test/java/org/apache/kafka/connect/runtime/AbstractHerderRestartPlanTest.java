package org.apache.kafka.connect.runtime;

import org.apache.kafka.connect.runtime.AbstractStatus.State;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.runtime.rest.entities.ConfigValueInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorType;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AbstractHerderRestartPlanTest {

    private static final ConnectorStatus RUNNING_CONNECTOR = new ConnectorStatus("c", State.RUNNING, "w:1", 0, null, "1.0");
    private static final ConnectorStatus FAILED_CONNECTOR = new ConnectorStatus("c", State.FAILED, "w:1", 0, "boom", "1.0");
    private static final TaskStatus TASK_0_FAILED = new TaskStatus(new ConnectorTaskId("c", 0), State.FAILED, "w:1", 0,
            "trace", "1.0");
    private static final TaskStatus TASK_1_RUNNING = new TaskStatus(new ConnectorTaskId("c", 1), State.RUNNING, "w:1", 0);

    private static AbstractHerder.RestartPlan plan(boolean onlyFailed, boolean includeTasks, ConnectorStatus connector) {
        // Task statuses given out of order: the plan lists them by id.
        return AbstractHerder.planRestart(new RestartRequest("c", onlyFailed, includeTasks), connector,
                List.of(TASK_1_RUNNING, TASK_0_FAILED), ConnectorType.SOURCE);
    }

    private static List<String> taskStates(AbstractHerder.RestartPlan plan) {
        return plan.restartConnectorStateInfo().tasks().stream()
                .map(task -> task.id() + "=" + task.state())
                .toList();
    }

    @Test
    void everythingRestartsWhenNotOnlyFailedAndTasksIncluded() {
        AbstractHerder.RestartPlan plan = plan(false, true, RUNNING_CONNECTOR);
        assertTrue(plan.shouldRestartConnector());
        assertEquals("RESTARTING", plan.restartConnectorStateInfo().connector().state());
        assertEquals(List.of("0=RESTARTING", "1=RESTARTING"), taskStates(plan));
        assertEquals(List.of(new ConnectorTaskId("c", 0), new ConnectorTaskId("c", 1)), plan.taskIdsToRestart());
        assertEquals(ConnectorType.SOURCE, plan.restartConnectorStateInfo().type());
    }

    @Test
    void onlyFailedRestartsOnlyFailedEntities() {
        AbstractHerder.RestartPlan plan = plan(true, true, RUNNING_CONNECTOR);
        assertFalse(plan.shouldRestartConnector());
        assertEquals("RUNNING", plan.restartConnectorStateInfo().connector().state());
        assertEquals(List.of("0=RESTARTING", "1=RUNNING"), taskStates(plan));
        assertEquals(List.of(new ConnectorTaskId("c", 0)), plan.taskIdsToRestart());

        AbstractHerder.RestartPlan failedConnector = plan(true, false, FAILED_CONNECTOR);
        assertTrue(failedConnector.shouldRestartConnector());
        assertFalse(failedConnector.shouldRestartTasks());
        assertEquals(List.of("0=FAILED", "1=RUNNING"), taskStates(failedConnector));
    }

    @Test
    void restartingEntriesKeepTheTraceOfTheStatusTheyReplace() {
        // Observed on Apache 4.3.1 standalone: a RESTARTING entry still carries the failure it restarts from.
        AbstractHerder.RestartPlan plan = plan(false, false, FAILED_CONNECTOR);
        ConnectorStateInfo info = plan.restartConnectorStateInfo();
        assertEquals("RESTARTING", info.connector().state());
        assertEquals("boom", info.connector().trace());
        assertEquals("trace", info.tasks().get(0).trace());
        assertEquals("w:1", info.tasks().get(0).workerId());
    }

    @Test
    void invalidConfigMessageListsEveryError() {
        ConfigInfos infos = new ConfigInfos("X", 3, List.of(), List.of(
                new ConfigInfo(null, new ConfigValueInfo("a", null, List.of(), List.of("a is bad"), true)),
                new ConfigInfo(null, new ConfigValueInfo("b", "v", List.of(), List.of(), true)),
                new ConfigInfo(null, new ConfigValueInfo("c", "v", List.of(), List.of("c1", "c2"), true))));
        assertEquals("Connector configuration is invalid and contains the following 3 error(s):\n"
                + "a is bad\nc1\nc2\n"
                + "You can also find the above list of errors at the endpoint "
                + "`/connector-plugins/{connectorType}/config/validate`", AbstractHerder.invalidConfigMessage(infos));
    }
}
