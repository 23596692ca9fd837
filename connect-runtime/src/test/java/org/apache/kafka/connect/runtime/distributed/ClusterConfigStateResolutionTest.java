package org.apache.kafka.connect.runtime.distributed;

import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.connect.runtime.TargetState;
import org.apache.kafka.connect.runtime.WorkerConfigTransformer;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Raw and resolved views of a snapshot's connector and task configs. */
class ClusterConfigStateResolutionTest {

    private static final Map<String, String> RAW_CONNECTOR = Map.of("connector.class", "X",
            "db.password", "${vault:db:password}");
    private static final Map<String, String> RAW_TASK = Map.of("task.class", "XTask",
            "db.password", "${vault:db:password}");

    private static ClusterConfigState snapshot() {
        return new ClusterConfigState.Builder()
                .connector("c", RAW_CONNECTOR, TargetState.STARTED, List.of(RAW_TASK), null)
                .build();
    }

    @Test
    void withoutTransformerResolvedEqualsRaw() {
        ClusterConfigState snapshot = snapshot();
        assertEquals(RAW_CONNECTOR, snapshot.connectorConfig("c"));
        assertEquals(RAW_TASK, snapshot.taskConfig(new ConnectorTaskId("c", 0)));
    }

    @Test
    void withTransformerOnlyTheResolvedAccessorsResolve() {
        List<String> reloads = new ArrayList<>();
        WorkerConfigTransformer transformer = new WorkerConfigTransformer(Map.of("vault", new VaultProvider()),
                (conn, path, ttl) -> reloads.add(conn + ":" + path + ":" + ttl));
        ClusterConfigState snapshot = snapshot().withConfigTransformer(transformer);
        ConnectorTaskId task = new ConnectorTaskId("c", 0);

        assertEquals("s3cr3t", snapshot.connectorConfig("c").get("db.password"));
        assertEquals("s3cr3t", snapshot.taskConfig(task).get("db.password"));
        assertEquals(RAW_CONNECTOR, snapshot.rawConnectorConfig("c"));
        assertEquals(RAW_TASK, snapshot.rawTaskConfig(task));
        assertEquals(List.of("c:db:1000"), reloads, "only connector configs schedule reloads");
        assertNull(snapshot.connectorConfig("unknown"));
        assertNull(snapshot.taskConfig(new ConnectorTaskId("c", 1)));
        assertEquals(List.of(task), snapshot.tasks("c"));
    }

    static class VaultProvider implements ConfigProvider {
        @Override
        public void configure(Map<String, ?> configs) {
        }

        @Override
        public ConfigData get(String path) {
            return new ConfigData(Map.of("password", "s3cr3t"), 1000L);
        }

        @Override
        public ConfigData get(String path, Set<String> keys) {
            return get(path);
        }

        @Override
        public void close() {
        }
    }
}
