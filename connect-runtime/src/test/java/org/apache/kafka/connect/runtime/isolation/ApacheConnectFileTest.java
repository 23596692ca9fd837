package org.apache.kafka.connect.runtime.isolation;

import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.connector.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Apache's released connect-file 4.3.1 jar, installed in plugin.path, is discovered and runs isolated. */
class ApacheConnectFileTest {

    private static final String JAR_PROPERTY = "connect.test.apache.connect.file.jar";

    @TempDir
    Path tempDir;

    @Test
    void releasedFileConnectorsAreDiscoveredAndLoadedInIsolation() throws IOException, ClassNotFoundException {
        String jar = System.getProperty(JAR_PROPERTY);
        assertNotNull(jar, "Set the system property " + JAR_PROPERTY + " to the path of Apache's "
                + "connect-file-4.3.1.jar (the Maven build sets it)");
        Path location = Files.createDirectories(tempDir.resolve("plugins").resolve("connect-file"));
        Files.copy(Path.of(jar), location.resolve("connect-file-4.3.1.jar"));
        // An empty worker class path keeps the test independent of whatever else the test class path holds.
        ClassLoader workerClasspath = new URLClassLoader(new URL[0], getClass().getClassLoader());
        Plugins plugins = new Plugins(Map.of(
                "plugin.path", location.getParent().toString(),
                "plugin.discovery", PluginDiscoveryMode.HYBRID_FAIL.toString()), workerClasspath, tempDir);

        List<PluginDesc<?>> connectors = List.copyOf(plugins.connectors());
        assertEquals(List.of("org.apache.kafka.connect.file.FileStreamSinkConnector",
                "org.apache.kafka.connect.file.FileStreamSourceConnector"),
                connectors.stream().map(PluginDesc::className).toList());
        for (PluginDesc<?> connector : connectors) {
            assertEquals(TestPlugins.location(location), connector.location());
            assertInstanceOf(PluginClassLoader.class, connector.loader());
            // version() returns AppInfoParser.getVersion(): the old class name, bridged to the worker's Kafka version.
            assertEquals(AppInfoParser.getVersion(), connector.version(), "version() of " + connector.className()
                    + " fails without the org.apache.kafka.common.utils.AppInfoParser bridge");
        }

        Connector sink = plugins.newConnector("FileStreamSink");
        assertSame(connectors.get(0).loader(), sink.getClass().getClassLoader());
        assertSame(connectors.get(0).pluginClass(), sink.getClass());
        Class<? extends Task> taskClass = sink.taskClass();
        assertSame(sink.getClass().getClassLoader(), taskClass.getClassLoader());
        assertTrue(plugins.newTask(taskClass).version().startsWith(AppInfoParser.getVersion()));
        assertSame(Connector.class, sink.getClass().getClassLoader().loadClass(Connector.class.getName()),
                "the Connect API comes from the worker");
    }
}
