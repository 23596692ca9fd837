package org.apache.kafka.connect.cli;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.TargetState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectorConfigFileTest {

    @TempDir
    Path dir;

    private Path write(String fileName, String content) throws IOException {
        return Files.writeString(dir.resolve(fileName), content);
    }

    @Test
    void readsAFlatJsonMap() throws IOException {
        ConnectorConfigFile file = ConnectorConfigFile.read(write("c.json",
                "{\"name\": \"flat\", \"connector.class\": \"FileStreamSource\", \"tasks.max\": \"1\"}"));
        assertEquals("flat", file.name());
        assertEquals(Map.of("name", "flat", "connector.class", "FileStreamSource", "tasks.max", "1"), file.config());
        assertNull(file.initialState());
    }

    @Test
    void readsACreateConnectorRequestAndCopiesTheName() throws IOException {
        ConnectorConfigFile file = ConnectorConfigFile.read(write("c.json",
                "{\"name\": \"req\", \"config\": {\"connector.class\": \"X\"}, \"initial_state\": \"paused\","
                        + " \"unknown\": 1}"));
        assertEquals("req", file.name());
        assertEquals(Map.of("name", "req", "connector.class", "X"), file.config());
        assertEquals(TargetState.PAUSED, file.initialState());
    }

    @Test
    void requestWithStoppedInitialStateAndMatchingConfigName() throws IOException {
        ConnectorConfigFile file = ConnectorConfigFile.read(write("c.json",
                "{\"name\": \"req\", \"config\": {\"name\": \"req\"}, \"initial_state\": \"STOPPED\"}"));
        assertEquals(TargetState.STOPPED, file.initialState());
    }

    @Test
    void requestWhoseConfigNameDiffersIsRejected() throws IOException {
        Path path = write("c.json", "{\"name\": \"a\", \"config\": {\"name\": \"b\"}}");
        ConnectException e = assertThrows(ConnectException.class, () -> ConnectorConfigFile.read(path));
        assertTrue(e.getMessage().contains("(a)") && e.getMessage().contains("(b)"), e.getMessage());
    }

    @Test
    void readsAPropertiesFile() throws IOException {
        ConnectorConfigFile file = ConnectorConfigFile.read(write("c.properties",
                "# comment\nname=props\nconnector.class=FileStreamSink\ntopics=t\n"));
        assertEquals("props", file.name());
        assertEquals(Map.of("name", "props", "connector.class", "FileStreamSink", "topics", "t"), file.config());
    }

    @Test
    void missingNameIsReportedWithThePath() throws IOException {
        for (String content : new String[] {"connector.class=X\n", "{\"connector.class\": \"X\"}",
                                            "{\"config\": {\"connector.class\": \"X\"}}"}) {
            Path path = write("nameless", content);
            ConnectException e = assertThrows(ConnectException.class, () -> ConnectorConfigFile.read(path));
            assertEquals("Connector configuration at '" + path + "' is missing the mandatory 'name' configuration",
                    e.getMessage());
        }
    }

    @Test
    void missingFileIsAConnectException() {
        assertThrows(ConnectException.class, () -> ConnectorConfigFile.read(dir.resolve("absent.properties")));
    }
}
