package org.apache.kafka.connect.runtime.isolation;

import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.apache.kafka.connect.runtime.isolation.TestPlugins.CONNECTOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The test plugin.path holds one connector copy with a ServiceLoader manifest (alpha, 1.0) and one without
 * (beta, 2.0); the four discovery modes treat the unmanifested copy differently.
 */
class PluginDiscoveryModeTest {

    @TempDir
    static Path tempDir;
    static TestPlugins testPlugins;

    @BeforeAll
    static void buildPlugins() throws IOException {
        testPlugins = TestPlugins.build(tempDir);
    }

    private static List<String> connectorVersions(Plugins plugins) {
        return plugins.connectors().stream().filter(c -> c.className().equals(CONNECTOR))
                .map(PluginDesc::version).toList();
    }

    @Test
    void scanningFindsPluginsWithAndWithoutManifests() {
        for (PluginDiscoveryMode mode : List.of(PluginDiscoveryMode.ONLY_SCAN, PluginDiscoveryMode.HYBRID_WARN)) {
            Plugins plugins = testPlugins.plugins(mode, testPlugins.unrelatedClasspathJar);
            assertEquals(List.of("1.0", "2.0"), connectorVersions(plugins), mode.toString());
            assertEquals("2.0", plugins.newConnector(CONNECTOR).version(), mode.toString());
        }
    }

    @Test
    void serviceLoadingSkipsPluginsWithoutManifests() {
        Plugins plugins = testPlugins.plugins(PluginDiscoveryMode.SERVICE_LOAD, testPlugins.unrelatedClasspathJar);
        assertEquals(List.of("1.0"), connectorVersions(plugins));
        assertEquals("1.0", plugins.newConnector(CONNECTOR).version());
        assertTrue(plugins.plugins(PluginType.CONVERTER).stream()
                .anyMatch(c -> c.className().equals(TestPlugins.EXTENDED_STRING_CONVERTER)));
        assertTrue(plugins.plugins(PluginType.CONVERTER).stream()
                .anyMatch(c -> c.className().equals(TestPlugins.CLASSPATH_CONVERTER)), "class path manifests count");
        assertFalse(plugins.plugins(PluginType.CONVERTER).stream()
                .anyMatch(c -> c.className().equals(TestPlugins.BROKEN_CONVERTER)), "broken plugins are skipped");
    }

    @Test
    void hybridFailRefusesToStartAndNamesTheUnmanifestedPlugin() {
        ConnectException e = assertThrows(ConnectException.class,
                () -> testPlugins.plugins(PluginDiscoveryMode.HYBRID_FAIL, testPlugins.unrelatedClasspathJar));
        String expectedLine = TestPlugins.location(testPlugins.betaJar) + "\t" + CONNECTOR + "\tsource\t2.0";
        assertTrue(e.getMessage().contains("plugin.discovery=service_load: [\n" + expectedLine + "\n]"),
                e.getMessage());
        assertTrue(e.getMessage().contains("set plugin.discovery=hybrid_warn"), e.getMessage());
    }

    @Test
    void hybridFailStartsWhenEveryPluginHasAManifest() {
        ClassLoader workerClasspath = new URLClassLoader(
                new URL[]{PluginLocations.toUrl(testPlugins.workerClasspathJar)}, getClass().getClassLoader());
        Map<String, String> workerProps = Map.of(
                "plugin.path", testPlugins.alphaJar.getParent().toString(),
                "plugin.discovery", "HYBRID_FAIL");
        Plugins plugins = new Plugins(workerProps, workerClasspath, tempDir);
        assertEquals(List.of("1.0", "2.0"), connectorVersions(plugins));
    }

    @Test
    void modesParseIgnoringCaseAndDefaultToHybridWarn() {
        assertEquals(PluginDiscoveryMode.HYBRID_WARN, PluginDiscoveryMode.parse(null));
        assertEquals(PluginDiscoveryMode.SERVICE_LOAD, PluginDiscoveryMode.parse(" Service_Load "));
        assertEquals("only_scan", PluginDiscoveryMode.ONLY_SCAN.toString());
        assertFalse(PluginDiscoveryMode.SERVICE_LOAD.scansClassFiles());
        assertFalse(PluginDiscoveryMode.ONLY_SCAN.readsManifests());
    }
}
