package org.apache.kafka.connect.runtime.isolation;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A plugin.path built from jars compiled at test time, plus jars that stand in for the worker class path:
 * <pre>
 * plugins/
 *   alpha/alpha.jar   VersionedConnector 1.0, RecordingConverter, BlankVersionConverter, BrokenConverter,
 *                     ExtendedStringConverter, NoDefaultConstructorConverter; all with manifests
 *   beta.jar          VersionedConnector 2.0, without manifests
 *   dup-a/dup.jar     com.a.DupConnector (manifest)
 *   dup-b.jar         com.b.DupConnector (manifest)
 * classpath/
 *   unrelated.jar     ClasspathConverter 7.0 (manifest)
 *   worker.jar        VersionedConnector 2.0 (manifest)
 * </pre>
 * Each jar carries an {@code isolation-test.txt} resource naming it.
 */
final class TestPlugins {

    static final String CONNECTOR = "com.example.VersionedConnector";
    static final String RECORDING_CONVERTER = "com.example.RecordingConverter";
    static final String BLANK_VERSION_CONVERTER = "com.example.BlankVersionConverter";
    static final String BROKEN_CONVERTER = "com.example.BrokenConverter";
    static final String EXTENDED_STRING_CONVERTER = "com.example.ExtendedStringConverter";
    static final String NO_DEFAULT_CONSTRUCTOR_CONVERTER = "com.example.NoDefaultConstructorConverter";
    static final String CLASSPATH_CONVERTER = "com.example.cp.ClasspathConverter";
    static final String RESOURCE = "isolation-test.txt";

    final Path root;
    final Path pluginPath;
    final Path alphaJar;
    final Path betaJar;
    final Path unrelatedClasspathJar;
    final Path workerClasspathJar;

    private TestPlugins(Path root) {
        this.root = root;
        this.pluginPath = root.resolve("plugins");
        this.alphaJar = pluginPath.resolve("alpha").resolve("alpha.jar");
        this.betaJar = pluginPath.resolve("beta.jar");
        this.unrelatedClasspathJar = root.resolve("classpath").resolve("unrelated.jar");
        this.workerClasspathJar = root.resolve("classpath").resolve("worker.jar");
    }

    static TestPlugins build(Path root) throws IOException {
        TestPlugins plugins = new TestPlugins(root);
        new TestPluginJar()
                .sourceConnector(CONNECTOR, "1.0").manifest(PluginType.SOURCE, CONNECTOR)
                .converter(RECORDING_CONVERTER, "1.0").manifest(PluginType.CONVERTER, RECORDING_CONVERTER)
                .converter(BLANK_VERSION_CONVERTER, " ").manifest(PluginType.CONVERTER, BLANK_VERSION_CONVERTER)
                .source(BROKEN_CONVERTER, "package com.example;\n"
                        + "public class BrokenConverter extends org.apache.kafka.connect.storage.StringConverter {\n"
                        + "  public BrokenConverter() { throw new IllegalStateException(\"broken on purpose\"); }\n"
                        + "}\n")
                .manifest(PluginType.CONVERTER, BROKEN_CONVERTER)
                .source(EXTENDED_STRING_CONVERTER, "package com.example;\n"
                        + "public class ExtendedStringConverter extends org.apache.kafka.connect.storage.StringConverter {\n"
                        + "  public String version() { return \"5.0\"; }\n"
                        + "}\n")
                .manifest(PluginType.CONVERTER, EXTENDED_STRING_CONVERTER)
                .manifest(PluginType.HEADER_CONVERTER, EXTENDED_STRING_CONVERTER)
                .source(NO_DEFAULT_CONSTRUCTOR_CONVERTER, "package com.example;\n"
                        + "public class NoDefaultConstructorConverter extends org.apache.kafka.connect.storage.StringConverter {\n"
                        + "  public NoDefaultConstructorConverter(String unused) { }\n"
                        + "}\n")
                .resource(RESOURCE, "alpha")
                .writeTo(plugins.alphaJar);
        new TestPluginJar().sourceConnector(CONNECTOR, "2.0").resource(RESOURCE, "beta").writeTo(plugins.betaJar);
        new TestPluginJar().sourceConnector("com.a.DupConnector", "1.0")
                .manifest(PluginType.SOURCE, "com.a.DupConnector")
                .writeTo(plugins.pluginPath.resolve("dup-a").resolve("dup.jar"));
        new TestPluginJar().sourceConnector("com.b.DupConnector", "1.0")
                .manifest(PluginType.SOURCE, "com.b.DupConnector")
                .writeTo(plugins.pluginPath.resolve("dup-b.jar"));
        new TestPluginJar().converter(CLASSPATH_CONVERTER, "7.0").manifest(PluginType.CONVERTER, CLASSPATH_CONVERTER)
                .resource(RESOURCE, "unrelated")
                .writeTo(plugins.unrelatedClasspathJar);
        new TestPluginJar().sourceConnector(CONNECTOR, "2.0").manifest(PluginType.SOURCE, CONNECTOR)
                .resource(RESOURCE, "worker")
                .writeTo(plugins.workerClasspathJar);
        Files.createDirectories(plugins.pluginPath.resolve("empty-location"));
        return plugins;
    }

    /** Plugins over the test plugin.path, with a worker class path of just the given jars. */
    Plugins plugins(PluginDiscoveryMode mode, Path... workerClasspath) {
        URL[] urls = new URL[workerClasspath.length];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = PluginLocations.toUrl(workerClasspath[i]);
        }
        ClassLoader classpath = new URLClassLoader(urls, TestPlugins.class.getClassLoader());
        return new Plugins(Map.of("plugin.path", pluginPath.toString(), "plugin.discovery", mode.toString()),
                classpath, root);
    }

    /** The location URL that {@link PluginDesc#location()} reports for a directory or jar. */
    static String location(Path path) {
        return PluginLocations.toUrl(path).toString();
    }
}
