package org.apache.kafka.connect.runtime.isolation;

import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Finds the plugins of every source the way the {@link PluginDiscoveryMode} says, then loads and instantiates each
 * plugin class once, with its own loader as context loader, to learn its version. Classes that cannot be loaded
 * or instantiated are logged and skipped; a failing {@code version()} is logged and reported as
 * {@value PluginDesc#UNDEFINED_VERSION}.
 */
final class PluginDiscovery {

    private static final Logger log = LoggerFactory.getLogger(PluginDiscovery.class);

    private final PluginDiscoveryMode mode;

    PluginDiscovery(PluginDiscoveryMode mode) {
        this.mode = mode;
    }

    /**
     * @throws ConnectException in {@link PluginDiscoveryMode#HYBRID_FAIL} mode, if a plugin has no manifest
     */
    PluginScanResult discover(List<PluginSource> sources) {
        long start = System.nanoTime();
        List<PluginDesc<?>> plugins = new ArrayList<>();
        List<PluginDesc<?>> withoutManifest = new ArrayList<>();
        int parallelism = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService executor = mode.scansClassFiles() ? newScannerPool(parallelism) : null;
        try {
            ClassFileScanner classFileScanner = new ClassFileScanner(executor, parallelism);
            ServiceManifestReader manifestReader = new ServiceManifestReader();
            for (PluginSource source : sources) {
                long sourceStart = System.nanoTime();
                int before = plugins.size();
                try (LoaderSwap swap = LoaderSwap.swap(source.loader())) {
                    Map<PluginType, SortedSet<String>> scanned =
                            mode.scansClassFiles() ? classFileScanner.scan(source) : null;
                    Map<PluginType, SortedSet<String>> manifested =
                            mode.readsManifests() ? manifestReader.read(source) : null;
                    describeAll(source, scanned != null ? scanned : manifested, manifested, plugins, withoutManifest);
                }
                log.info("Loaded {} plugins from {} in {} ms", plugins.size() - before, source,
                        (System.nanoTime() - sourceStart) / 1_000_000);
            }
        } finally {
            if (executor != null) {
                executor.shutdownNow();
            }
        }
        log.info("Discovered {} plugins from {} sources in {} ms (plugin.discovery={})", plugins.size(),
                sources.size(), (System.nanoTime() - start) / 1_000_000, mode);
        reportMissingManifests(withoutManifest);
        return new PluginScanResult(plugins);
    }

    private static ExecutorService newScannerPool(int threads) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "plugin-scanner-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    private void describeAll(PluginSource source, Map<PluginType, SortedSet<String>> found,
                             Map<PluginType, SortedSet<String>> manifested,
                             List<PluginDesc<?>> plugins, List<PluginDesc<?>> withoutManifest) {
        Map<String, PluginClassInfo> infoByName = new HashMap<>();
        for (PluginType type : PluginType.values()) {
            for (String className : found.get(type)) {
                // A class may be a plugin of several kinds; it is inspected (and any failure logged) once.
                if (!infoByName.containsKey(className)) {
                    infoByName.put(className, inspect(source, className));
                }
                PluginClassInfo info = infoByName.get(className);
                if (info == null) {
                    continue;
                }
                if (!type.superClass().isAssignableFrom(info.klass)) {
                    log.error("Skipping {}: it is listed as a {} but is not one", className, type.simpleName());
                    continue;
                }
                PluginDesc<?> plugin = new PluginDesc<>(info.klass, info.version, type, source.loader());
                plugins.add(plugin);
                if (manifested != null && !manifested.get(type).contains(className)) {
                    withoutManifest.add(plugin);
                }
            }
        }
    }

    /** Loads and instantiates a plugin class; null (after logging why) if it cannot be used. */
    private static PluginClassInfo inspect(PluginSource source, String className) {
        Class<?> klass;
        try {
            klass = Class.forName(className, false, source.loader());
        } catch (ClassNotFoundException | LinkageError e) {
            log.error("Skipping plugin class {} from {}: it cannot be loaded", className, source, e);
            return null;
        }
        if (source.isolated() && klass.getClassLoader() != source.loader()) {
            // A shared (parent-first) class that the worker class path also has: it belongs to the class path.
            log.debug("Skipping {} in {}: the worker class path copy takes precedence", className, source);
            return null;
        }
        if (!isInstantiable(klass)) {
            log.debug("Skipping {} in {}: not a public concrete class with a public no-argument constructor",
                    className, source);
            return null;
        }
        Object instance;
        try {
            instance = klass.getConstructor().newInstance();
        } catch (Throwable e) {
            log.error("Skipping plugin class {} from {}: it cannot be instantiated", className, source, e);
            return null;
        }
        return new PluginClassInfo(klass, versionOf(instance));
    }

    private static boolean isInstantiable(Class<?> klass) {
        int modifiers = klass.getModifiers();
        if (!Modifier.isPublic(modifiers) || Modifier.isAbstract(modifiers) || klass.isInterface()) {
            return false;
        }
        try {
            klass.getConstructor();
            return true;
        } catch (NoSuchMethodException | LinkageError e) {
            return false;
        }
    }

    private static String versionOf(Object plugin) {
        if (!(plugin instanceof Versioned)) {
            return PluginDesc.UNDEFINED_VERSION;
        }
        try {
            String version = ((Versioned) plugin).version();
            return version == null ? PluginDesc.UNDEFINED_VERSION : version;
        } catch (Throwable e) {
            log.error("Failed to get the version of plugin class {}; reporting it as '{}'",
                    plugin.getClass().getName(), PluginDesc.UNDEFINED_VERSION, e);
            return PluginDesc.UNDEFINED_VERSION;
        }
    }

    private void reportMissingManifests(List<PluginDesc<?>> withoutManifest) {
        if (withoutManifest.isEmpty() || mode == PluginDiscoveryMode.ONLY_SCAN) {
            return;
        }
        Collections.sort(withoutManifest);
        String listing = withoutManifest.stream()
                .map(p -> p.location() + "\t" + p.className() + "\t" + p.type() + "\t" + p.version())
                .collect(Collectors.joining("\n", "[\n", "\n]"));
        String problem = "One or more plugins have no ServiceLoader manifest (META-INF/services/<plugin interface>)"
                + " and would not be found with plugin.discovery=" + PluginDiscoveryMode.SERVICE_LOAD + ": "
                + listing + "\nAdd manifests to these plugins to be able to use the faster "
                + PluginDiscoveryMode.SERVICE_LOAD + " mode. ";
        if (mode == PluginDiscoveryMode.HYBRID_FAIL) {
            throw new ConnectException(problem + "To start anyway, set plugin.discovery="
                    + PluginDiscoveryMode.HYBRID_WARN + " in the worker config.");
        }
        log.warn("{}To silence this warning, set plugin.discovery={} in the worker config.", problem,
                PluginDiscoveryMode.ONLY_SCAN);
    }

    /** A loaded plugin class and the version its instance reported. */
    private static final class PluginClassInfo {
        private final Class<?> klass;
        private final String version;

        private PluginClassInfo(Class<?> klass, String version) {
            this.klass = klass;
            this.version = version;
        }
    }
}
