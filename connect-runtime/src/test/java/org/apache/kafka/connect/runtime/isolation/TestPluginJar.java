package org.apache.kafka.connect.runtime.isolation;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Connector;

import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Builds small plugin jars while the tests run: compiles Java sources against the Connect API the tests use, then
 * packs the classes, optional {@code META-INF/services} manifests and resources into a jar.
 */
final class TestPluginJar {

    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, List<String>> manifests = new TreeMap<>();
    private final Map<String, String> resources = new TreeMap<>();

    /** Adds a source connector that reports {@code version} and runs {@code <package>.<name>Task}. */
    TestPluginJar sourceConnector(String className, String version) {
        String pkg = packageOf(className);
        String simple = simpleNameOf(className);
        source(className, "package " + pkg + ";\n"
                + "import java.util.*;\n"
                + "public class " + simple + " extends org.apache.kafka.connect.source.SourceConnector {\n"
                + "  public String version() { return \"" + version + "\"; }\n"
                + "  public void start(Map<String, String> props) {}\n"
                + "  public Class<? extends org.apache.kafka.connect.connector.Task> taskClass() {\n"
                + "    return " + simple + "Task.class;\n"
                + "  }\n"
                + "  public List<Map<String, String>> taskConfigs(int max) { return List.of(); }\n"
                + "  public void stop() {}\n"
                + "  public org.apache.kafka.common.config.ConfigDef config() {\n"
                + "    return new org.apache.kafka.common.config.ConfigDef();\n"
                + "  }\n"
                + "}\n");
        return source(className + "Task", "package " + pkg + ";\n"
                + "import java.util.*;\n"
                + "public class " + simple + "Task extends org.apache.kafka.connect.source.SourceTask {\n"
                + "  /** The thread's context loader while the task was constructed. */\n"
                + "  public final ClassLoader constructionContextLoader = Thread.currentThread().getContextClassLoader();\n"
                + "  public String version() { return \"" + version + "\"; }\n"
                + "  public void start(Map<String, String> props) {}\n"
                + "  public List<org.apache.kafka.connect.source.SourceRecord> poll() { return null; }\n"
                + "  public void stop() {}\n"
                + "}\n");
    }

    /** Adds a converter that reports {@code version} and records the context loader it was constructed with. */
    TestPluginJar converter(String className, String version) {
        return source(className, "package " + packageOf(className) + ";\n"
                + "import java.util.Map;\n"
                + "import org.apache.kafka.connect.data.*;\n"
                + "public class " + simpleNameOf(className) + " implements org.apache.kafka.connect.storage.Converter {\n"
                + "  public final ClassLoader constructionContextLoader = Thread.currentThread().getContextClassLoader();\n"
                + "  public void configure(Map<String, ?> configs, boolean isKey) {}\n"
                + "  public byte[] fromConnectData(String topic, Schema schema, Object value) { return null; }\n"
                + "  public SchemaAndValue toConnectData(String topic, byte[] value) { return null; }\n"
                + "  public String version() { return \"" + version + "\"; }\n"
                + "}\n");
    }

    TestPluginJar source(String className, String javaSource) {
        sources.put(className, javaSource);
        return this;
    }

    /** Lists {@code className} in {@code META-INF/services/<plugin type's supertype>}. */
    TestPluginJar manifest(PluginType type, String className) {
        manifests.computeIfAbsent(type.superClass().getName(), t -> new ArrayList<>()).add(className);
        return this;
    }

    TestPluginJar resource(String name, String content) {
        resources.put(name, content);
        return this;
    }

    /** Compiles the sources and writes the jar (creating its directory). */
    Path writeTo(Path jar) throws IOException {
        Path classes = Files.createTempDirectory("plugin-classes");
        compile(classes);
        Files.createDirectories(jar.toAbsolutePath().getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                write(out, classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
            for (Map.Entry<String, List<String>> manifest : manifests.entrySet()) {
                String lines = "# test manifest\n" + String.join("\n", manifest.getValue()) + "\n";
                write(out, "META-INF/services/" + manifest.getKey(), lines.getBytes(StandardCharsets.UTF_8));
            }
            for (Map.Entry<String, String> resource : resources.entrySet()) {
                write(out, resource.getKey(), resource.getValue().getBytes(StandardCharsets.UTF_8));
            }
        } finally {
            deleteRecursively(classes);
        }
        return jar;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }

    private static void write(JarOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(content);
        out.closeEntry();
    }

    private void compile(Path outputDir) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("These tests need a JDK: no system Java compiler is available");
        }
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, code) -> units.add(new SourceString(name, code)));
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(outputDir));
            // The API jars the tests themselves use, wherever the build put them.
            files.setLocationFromPaths(StandardLocation.CLASS_PATH, List.of(codeSource(Connector.class),
                    codeSource(ConfigDef.class)));
            boolean ok = compiler.getTask(diagnostics, files, null, List.of("-proc:none"), null, units).call();
            if (!ok) {
                throw new IllegalStateException("Test plugin sources do not compile:\n" + diagnostics);
            }
        }
    }

    private static Path codeSource(Class<?> klass) {
        try {
            return Path.of(klass.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }

    private static String packageOf(String className) {
        return className.substring(0, className.lastIndexOf('.'));
    }

    private static String simpleNameOf(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static final class SourceString extends SimpleJavaFileObject {
        private final String code;

        SourceString(String className, String code) {
            super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }

        @Override
        public OutputStream openOutputStream() {
            throw new UnsupportedOperationException();
        }
    }
}
