package org.apache.kafka.connect.runtime.isolation;

import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.maven.artifact.versioning.VersionRange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.apache.kafka.connect.runtime.isolation.TestPlugins.CONNECTOR;
import static org.apache.kafka.connect.runtime.isolation.TestPlugins.RECORDING_CONVERTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loads real plugin jars, built at test time, through plugin.path and checks isolation and resolution. */
class PluginsTest {

    @TempDir
    static Path tempDir;
    static TestPlugins testPlugins;
    static Plugins plugins;

    @BeforeAll
    static void buildPlugins() throws IOException {
        testPlugins = TestPlugins.build(tempDir);
        plugins = testPlugins.plugins(PluginDiscoveryMode.ONLY_SCAN, testPlugins.unrelatedClasspathJar);
    }

    private static VersionRange range(String spec) throws Exception {
        return PluginVersionRequirement.parse(spec);
    }

    @Test
    void copiesInTwoLocationsAreLoadedByTheirOwnLoadersAndShareTheApi() throws Exception {
        Class<? extends Connector> beta = plugins.connectorClass(CONNECTOR, range("2.0"));
        Class<? extends Connector> alpha = plugins.connectorClass(CONNECTOR, range("1.0"));
        assertNotSame(alpha, beta);
        PluginClassLoader alphaLoader = assertInstanceOf(PluginClassLoader.class, alpha.getClassLoader());
        PluginClassLoader betaLoader = assertInstanceOf(PluginClassLoader.class, beta.getClassLoader());
        assertNotSame(alphaLoader, betaLoader);
        assertEquals(TestPlugins.location(testPlugins.alphaJar.getParent()), alphaLoader.location());
        assertEquals(TestPlugins.location(testPlugins.betaJar), betaLoader.location());
        // The Connect API comes from the worker, so both copies are Connectors the worker can call.
        assertSame(SourceConnector.class, alpha.getSuperclass());
        assertSame(Connector.class, alphaLoader.loadClass(Connector.class.getName()));
        assertSame(Connector.class, betaLoader.loadClass(Connector.class.getName()));
    }

    @Test
    void theHighestVersionWinsWhenNoneIsRequested() {
        Connector connector = plugins.newConnector(CONNECTOR);
        assertEquals("2.0", connector.version());
        assertSame(plugins.connectorClass(CONNECTOR), connector.getClass());
        assertSame(connector.getClass().getClassLoader(), plugins.connectorLoader(CONNECTOR));
        assertEquals("2.0", plugins.latestVersion("Versioned"));
        List<String> versions = new ArrayList<>();
        plugins.connectors().stream().filter(c -> c.className().equals(CONNECTOR)).forEach(c -> versions.add(c.version()));
        assertEquals(List.of("1.0", "2.0"), versions, "every installed copy is listed, lowest first");
    }

    @Test
    void aliasesResolveToTheChosenCopy() throws Exception {
        assertSame(plugins.connectorClass(CONNECTOR), plugins.connectorClass("VersionedConnector"));
        assertSame(plugins.connectorClass(CONNECTOR), plugins.connectorClass("Versioned"));
        assertSame(plugins.connectorClass(CONNECTOR), plugins.delegatingLoader().loadClass("Versioned"));
        assertSame(plugins.connectorClass(CONNECTOR, range("1.0")),
                plugins.connectorClass("Versioned", range("[1.0,2.0)")));
        assertSame(String.class, plugins.delegatingLoader().loadClass("java.lang.String"));
    }

    @Test
    void aVersionOutsideTheInstalledOnesIsReported() {
        VersionedPluginLoadingException e = assertThrows(VersionedPluginLoadingException.class,
                () -> plugins.connectorClass(CONNECTOR, range("[3.0,)")));
        assertEquals("Plugin com.example.VersionedConnector not found that matches the version range [3.0,), "
                + "available versions: [1.0, 2.0]", e.getMessage());
        ConnectException invalid = assertThrows(ConnectException.class,
                () -> plugins.newPlugin(RECORDING_CONVERTER, Converter.class, "[1.0"));
        assertEquals("Invalid version specification: [1.0", invalid.getMessage());
    }

    @Test
    void classesDiscoveryDidNotListMustStillReportAVersionInRange() throws Exception {
        // This worker class path is only unrelated.jar, so the API's StringConverter is loadable but not listed.
        String className = StringConverter.class.getName();
        String workerVersion = AppInfoParser.getVersion();
        assertSame(StringConverter.class, plugins.pluginClass(className, Converter.class, range(workerVersion), null));
        VersionedPluginLoadingException e = assertThrows(VersionedPluginLoadingException.class,
                () -> plugins.pluginClass(className, Converter.class, range("1.0"), null));
        assertEquals("Plugin " + className + " has version " + workerVersion
                + " which does not match the required version range [1.0,1.0]", e.getMessage());
    }

    @Test
    void unknownConnectorNamesListTheInstalledConnectors() {
        ConnectException e = assertThrows(ConnectException.class, () -> plugins.connectorClass("Nope"));
        assertTrue(e.getMessage().startsWith("Failed to find any class that implements Connector and which name "
                + "matches Nope, available connectors are: PluginDesc{klass=class com.a.DupConnector, "
                + "name='com.a.DupConnector', version='1.0'"), e.getMessage());
        assertTrue(e.getMessage().contains("name='com.example.VersionedConnector', version='2.0'"), e.getMessage());
        ConnectException notAConnector = assertThrows(ConnectException.class,
                () -> plugins.connectorClass(RECORDING_CONVERTER));
        assertTrue(notAConnector.getMessage().startsWith("Failed to find any class that implements Connector"));
    }

    @Test
    void ambiguousConnectorAliasesAskForTheFullName() {
        ConnectException e = assertThrows(ConnectException.class, () -> plugins.connectorClass("Dup"));
        assertTrue(e.getMessage().startsWith("More than one connector matches alias Dup. Please use full package "
                + "and class name instead. Classes found: PluginDesc{klass=class com.a.DupConnector"), e.getMessage());
        assertTrue(e.getMessage().contains("com.b.DupConnector"), e.getMessage());
        assertFalse(e.getMessage().contains("VersionedConnector"), "only the matching connectors are listed");
        assertThrows(ConnectException.class, () -> plugins.connectorClass("DupConnector"));
        assertEquals("com.b.DupConnector", plugins.connectorClass("com.b.DupConnector").getName());
    }

    @Test
    void pluginsAreCreatedWithTheirOwnLoaderAsContextLoader() {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        Converter converter = plugins.newPlugin("Recording", Converter.class);
        assertInstanceOf(PluginClassLoader.class, converter.getClass().getClassLoader());
        assertSame(converter.getClass().getClassLoader(), contextLoaderAtConstruction(converter));
        Class<? extends Task> taskClass = plugins.newConnector(CONNECTOR).taskClass();
        Task task = plugins.newTask(taskClass);
        assertSame(taskClass.getClassLoader(), contextLoaderAtConstruction(task));
        assertSame(before, Thread.currentThread().getContextClassLoader(), "the context loader is restored");
    }

    private static Object contextLoaderAtConstruction(Object plugin) {
        try {
            return plugin.getClass().getField("constructionContextLoader").get(plugin);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void withClassLoaderSwapsAndRestoresTheContextLoader() {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        ClassLoader pluginLoader = plugins.connectorLoader(CONNECTOR);
        try (LoaderSwap swap = plugins.withClassLoader(pluginLoader)) {
            assertSame(pluginLoader, Thread.currentThread().getContextClassLoader());
            assertSame(before, swap.previousLoader());
        }
        assertSame(before, Thread.currentThread().getContextClassLoader());
    }

    @Test
    void genericPluginsAreCheckedForTypeAndVersion() {
        ConnectException wrongType = assertThrows(ConnectException.class,
                () -> plugins.newPlugin(CONNECTOR, Converter.class));
        assertEquals("Failed to find any class that implements interface org.apache.kafka.connect.storage.Converter "
                + "and which name matches com.example.VersionedConnector", wrongType.getMessage());
        ConnectException blank = assertThrows(ConnectException.class,
                () -> plugins.newPlugin(TestPlugins.BLANK_VERSION_CONVERTER, Converter.class));
        assertEquals("Version not defined for 'com.example.BlankVersionConverter'", blank.getMessage());
        assertEquals("7.0", plugins.newPlugin("ClasspathConverter", Converter.class, "7.0").version());
    }

    @Test
    void discoveryKeepsOnlyUsablePluginsAndFollowsExternalSupertypes() {
        List<String> converters = new ArrayList<>();
        plugins.plugins(PluginType.CONVERTER).forEach(c -> converters.add(c.className() + " " + c.version()));
        assertEquals(List.of(TestPlugins.BLANK_VERSION_CONVERTER + "  ",
                TestPlugins.EXTENDED_STRING_CONVERTER + " 5.0",
                RECORDING_CONVERTER + " 1.0",
                TestPlugins.CLASSPATH_CONVERTER + " 7.0"), converters);
        assertTrue(plugins.plugins(PluginType.HEADER_CONVERTER).stream()
                .anyMatch(c -> c.className().equals(TestPlugins.EXTENDED_STRING_CONVERTER)));
        assertEquals("classpath", plugins.plugins(PluginType.CONVERTER).last().location());
    }

    @Test
    void theWorkerClasspathCopyWinsOverAnEqualVersionInPluginPath() {
        Plugins withWorkerCopy = testPlugins.plugins(PluginDiscoveryMode.ONLY_SCAN, testPlugins.workerClasspathJar);
        Class<? extends Connector> chosen = withWorkerCopy.connectorClass(CONNECTOR);
        assertFalse(chosen.getClassLoader() instanceof PluginClassLoader);
        assertSame(withWorkerCopy.delegatingLoader(), withWorkerCopy.connectorLoader(CONNECTOR));
        assertEquals("classpath", withWorkerCopy.delegatingLoader().copiesOf(CONNECTOR).last().location());
    }

    @Test
    void resourcesAreLookedUpInThePluginLocationFirst() throws Exception {
        Plugins withWorkerCopy = testPlugins.plugins(PluginDiscoveryMode.ONLY_SCAN, testPlugins.workerClasspathJar);
        ClassLoader alphaLoader = withWorkerCopy.connectorLoader(CONNECTOR, range("1.0"));
        assertEquals("alpha", read(alphaLoader.getResource(TestPlugins.RESOURCE)));
        List<String> all = new ArrayList<>();
        for (URL url : Collections.list(alphaLoader.getResources(TestPlugins.RESOURCE))) {
            all.add(read(url));
        }
        assertEquals(List.of("alpha", "worker"), all);
        assertEquals("worker", read(withWorkerCopy.delegatingLoader().getResource(TestPlugins.RESOURCE)));
    }

    private static String read(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void anInvalidDiscoveryModeIsAConfigError() {
        assertThrows(org.apache.kafka.common.config.ConfigException.class,
                () -> new Plugins(Map.of("plugin.discovery", "sometimes"), getClass().getClassLoader(), tempDir));
    }
}
