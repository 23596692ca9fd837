package org.apache.kafka.connect.source;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceTask.TransactionBoundary;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SourceTaskTest {

    @Test
    void transactionBoundaryParsingIgnoresCaseAndWhitespace() {
        assertEquals(TransactionBoundary.INTERVAL, TransactionBoundary.fromProperty(" interval "));
        assertEquals(TransactionBoundary.CONNECTOR, TransactionBoundary.fromProperty("Connector"));
        assertEquals(TransactionBoundary.POLL, TransactionBoundary.fromProperty("POLL"));
        assertThrows(IllegalArgumentException.class, () -> TransactionBoundary.fromProperty("sometimes"));
        assertThrows(IllegalArgumentException.class, () -> TransactionBoundary.fromProperty(""));
        assertThrows(NullPointerException.class, () -> TransactionBoundary.fromProperty(null));
    }

    @Test
    void transactionBoundaryPrintsLowerCaseAndDefaultsToPoll() {
        assertEquals("poll", TransactionBoundary.POLL.toString());
        assertEquals("interval", TransactionBoundary.INTERVAL.toString());
        assertEquals("connector", TransactionBoundary.CONNECTOR.toString());
        assertEquals(TransactionBoundary.POLL, TransactionBoundary.DEFAULT);
    }

    @Test
    void sourceConnectorDefaultsLeaveExactlyOnceUndecided() {
        SourceConnector connector = new SourceConnector() {
            @Override
            public void start(Map<String, String> props) {
            }

            @Override
            public Class<? extends Task> taskClass() {
                return null;
            }

            @Override
            public List<Map<String, String>> taskConfigs(int maxTasks) {
                return List.of();
            }

            @Override
            public void stop() {
            }

            @Override
            public ConfigDef config() {
                return new ConfigDef();
            }

            @Override
            public String version() {
                return "1";
            }
        };

        assertNull(connector.exactlyOnceSupport(Map.of()));
        assertEquals(ConnectorTransactionBoundaries.UNSUPPORTED, connector.canDefineTransactionBoundaries(Map.of()));
        assertFalse(connector.alterOffsets(Map.of(), Map.of()));
    }
}
