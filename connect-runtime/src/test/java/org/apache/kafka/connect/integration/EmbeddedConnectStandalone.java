package org.apache.kafka.connect.integration;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipFile;

/**
 * A complete standalone worker inside the test JVM, talking to {@link EmbeddedKafkaBroker#shared()}: REST on an
 * ephemeral loopback port, source offsets in a file of its own that survives {@link #stop()} / {@link #start()}.
 *
 * <p>Optionally the worker runs in a class loader whose class path lacks the entries providing some classes
 * ({@link #hidingFromClasspath}): that is how a plugin installed only in {@code plugin.path} is tested while the
 * test class path holds our own copy of it. Such a worker is reached only over HTTP and Kafka, like a real one.
 */
final class EmbeddedConnectStandalone implements AutoCloseable {

    private final Path workDir;
    private final Path offsetsFile;
    private final Map<String, String> overrides = new HashMap<>();
    private final List<String> hiddenClasses = new ArrayList<>();
    // A WorkerProcess, or a copy of that class from the isolated loader (so driven through reflection).
    private Object process;
    private URI restUrl;
    private URLClassLoader isolatedLoader;

    /** @param workDir the worker's directory (for its offsets file), created on start if absent */
    EmbeddedConnectStandalone(Path workDir) {
        this.workDir = workDir;
        this.offsetsFile = workDir.resolve("connect.offsets");
    }

    /** Sets or overrides a worker property for the next {@link #start()}. */
    EmbeddedConnectStandalone withWorkerProperty(String key, String value) {
        overrides.put(key, value);
        return this;
    }

    /** Runs the worker without the class path entries that contain these classes (e.g. our connect-file). */
    EmbeddedConnectStandalone hidingFromClasspath(String... classNames) {
        hiddenClasses.addAll(List.of(classNames));
        return this;
    }

    private Map<String, String> workerProperties() {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", EmbeddedKafkaBroker.shared().bootstrapServers());
        props.put("listeners", "http://127.0.0.1:0");
        props.put("offset.storage.file.filename", offsetsFile.toString());
        props.put("offset.flush.interval.ms", "500");
        props.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("key.converter.schemas.enable", "false");
        props.put("value.converter.schemas.enable", "false");
        props.putAll(overrides);
        return props;
    }

    /** Starts the worker; returns when the REST server serves the Connect resources. */
    EmbeddedConnectStandalone start() {
        if (process != null) {
            throw new IllegalStateException("The worker is already running at " + restUrl);
        }
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> props = workerProperties();
        if (hiddenClasses.isEmpty()) {
            // Start-up installs the worker's delegating loader as context loader; it must not outlive this worker.
            ClassLoader previous = Thread.currentThread().getContextClassLoader();
            try {
                WorkerProcess worker = WorkerProcess.start(props);
                process = worker;
                restUrl = worker.restUrl();
            } finally {
                Thread.currentThread().setContextClassLoader(previous);
            }
        } else {
            startIsolated(props);
        }
        return this;
    }

    /** Stops herder and REST server; the offsets file stays for the next {@link #start()}. */
    void stop() {
        if (process == null) {
            return;
        }
        try {
            if (process instanceof WorkerProcess worker) {
                worker.stop();
            } else {
                invoke(process, "stop");
            }
        } finally {
            process = null;
            restUrl = null;
            closeIsolatedLoader();
        }
    }

    @Override
    public void close() {
        stop();
    }

    URI restUrl() {
        if (restUrl == null) {
            throw new IllegalStateException("The worker is not running");
        }
        return restUrl;
    }

    ConnectRestClient rest() {
        return new ConnectRestClient(restUrl());
    }

    /** Where the worker keeps its source offsets; it outlives {@link #stop()}. */
    Path offsetsFile() {
        return offsetsFile;
    }

    private void startIsolated(Map<String, String> props) {
        List<URL> urls = classpathWithout(hiddenClasses);
        // Parent = platform loader: every class of the worker, Kafka clients and Jetty included, comes from here.
        isolatedLoader = new URLClassLoader("isolated-worker", urls.toArray(new URL[0]),
                ClassLoader.getPlatformClassLoader());
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(isolatedLoader);
        try {
            Class<?> workerClass = Class.forName(WorkerProcess.class.getName(), true, isolatedLoader);
            Object worker = workerClass.getMethod("start", Map.class).invoke(null, props);
            process = worker;
            restUrl = (URI) invoke(worker, "restUrl");
        } catch (ReflectiveOperationException e) {
            closeIsolatedLoader();
            throw new IllegalStateException("Could not start the isolated worker", unwrap(e));
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private void closeIsolatedLoader() {
        if (isolatedLoader != null) {
            try {
                isolatedLoader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                isolatedLoader = null;
            }
        }
    }

    private static Object invoke(Object target, String method) {
        try {
            Method m = target.getClass().getMethod(method);
            return m.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(method + "() of the isolated worker failed", unwrap(e));
        }
    }

    private static Throwable unwrap(ReflectiveOperationException e) {
        return e instanceof InvocationTargetException && e.getCause() != null ? e.getCause() : e;
    }

    /**
     * The test class path (the URL class loaders between this class and the system loader, then
     * {@code java.class.path}) minus the entries that contain one of the given classes.
     */
    private static List<URL> classpathWithout(List<String> classNames) {
        Set<URL> entries = new LinkedHashSet<>();
        for (ClassLoader loader = EmbeddedConnectStandalone.class.getClassLoader(); loader != null;
                loader = loader.getParent()) {
            if (loader instanceof URLClassLoader urlLoader) {
                entries.addAll(List.of(urlLoader.getURLs()));
            }
        }
        for (String path : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!path.isBlank()) {
                try {
                    entries.add(Path.of(path).toAbsolutePath().toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new IllegalStateException("Bad class path entry " + path, e);
                }
            }
        }
        List<String> resources = classNames.stream().map(name -> name.replace('.', '/') + ".class").toList();
        List<URL> kept = new ArrayList<>();
        for (URL entry : entries) {
            if (resources.stream().noneMatch(resource -> contains(entry, resource))) {
                kept.add(entry);
            }
        }
        return kept;
    }

    private static boolean contains(URL entry, String resource) {
        Path path;
        try {
            path = Path.of(entry.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return false;
        }
        if (Files.isDirectory(path)) {
            return Files.exists(path.resolve(resource));
        }
        if (!Files.isRegularFile(path)) {
            return false;
        }
        try (ZipFile zip = new ZipFile(path.toFile())) {
            return zip.getEntry(resource) != null;
        } catch (IOException e) {
            return false;
        }
    }
}
