package org.apache.kafka.connect.runtime.isolation;

import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.maven.artifact.versioning.DefaultArtifactVersion;
import org.apache.maven.artifact.versioning.InvalidVersionSpecificationException;
import org.apache.maven.artifact.versioning.VersionRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The worker's view of its plugins: discovers them at construction (from {@code plugin.path} and the worker class
 * path, as {@code plugin.discovery} says), lists them, resolves class names and aliases to the right copy, and
 * instantiates plugins with their own class loader as the thread's context loader.
 */
public class Plugins {

    private static final Logger log = LoggerFactory.getLogger(Plugins.class);
    private static final String PLUGIN_PATH_CONFIG = "plugin.path";

    private final DelegatingClassLoader delegatingLoader;
    private final PluginScanResult scanResult;
    private final SortedSet<PluginDesc<?>> connectors;

    /**
     * Discovers the plugins named by the worker properties {@code plugin.path} and {@code plugin.discovery}, plus
     * those on the class path of the class loader that loaded this class.
     *
     * @throws org.apache.kafka.common.config.ConfigException if {@code plugin.discovery} is not a valid mode
     * @throws ConnectException if {@code plugin.discovery=hybrid_fail} and a plugin has no manifest
     */
    public Plugins(Map<String, String> workerProps) {
        this(workerProps, Plugins.class.getClassLoader(), Path.of("").toAbsolutePath());
    }

    Plugins(Map<String, String> workerProps, ClassLoader parent, Path workingDir) {
        PluginDiscoveryMode mode = PluginDiscoveryMode.parse(workerProps.get(PluginDiscoveryMode.CONFIG));
        this.delegatingLoader = new DelegatingClassLoader(parent);
        List<PluginSource> sources = new ArrayList<>();
        PluginIsolationRule isolationRule = new PluginIsolationRule();
        for (Path location : PluginLocations.parse(workerProps.get(PLUGIN_PATH_CONFIG), workingDir)) {
            List<URL> urls = locationUrls(location);
            if (!urls.isEmpty()) {
                URL locationUrl = PluginLocations.toUrl(location);
                PluginClassLoader loader = new PluginClassLoader(locationUrl, urls.toArray(new URL[0]),
                        delegatingLoader, isolationRule);
                sources.add(PluginSource.isolated(loader, urls));
            }
        }
        sources.add(PluginSource.classpath(parent));
        this.scanResult = new PluginDiscovery(mode).discover(sources);
        this.delegatingLoader.installDiscoveredPlugins(scanResult);
        SortedSet<PluginDesc<?>> connectors = new TreeSet<>(scanResult.plugins(PluginType.SINK));
        connectors.addAll(scanResult.plugins(PluginType.SOURCE));
        this.connectors = Collections.unmodifiableSortedSet(connectors);
    }

    private static List<URL> locationUrls(Path location) {
        try {
            List<URL> urls = PluginLocations.urls(location);
            if (urls.isEmpty()) {
                log.warn("Ignoring plugin location '{}': it contains no jar, zip or class files", location);
            }
            return urls;
        } catch (IOException | RuntimeException e) {
            log.error("Ignoring plugin location '{}': it cannot be read", location, e);
            return List.of();
        }
    }

    /** The loader that resolves aliases and plugin class names to the chosen copies. */
    public DelegatingClassLoader delegatingLoader() {
        return delegatingLoader;
    }

    /** Every installed copy of the plugins of one kind, sorted by class name then version. */
    public SortedSet<PluginDesc<?>> plugins(PluginType type) {
        return scanResult.plugins(type);
    }

    /** Every installed copy of the sink and source connectors, sorted by class name then version. */
    public SortedSet<PluginDesc<?>> connectors() {
        return connectors;
    }

    /** The version of the copy used when none is requested, or null if the name is not a known plugin. */
    public String latestVersion(String classOrAlias) {
        NavigableSet<PluginDesc<?>> copies = delegatingLoader.copiesOf(delegatingLoader.resolveAlias(classOrAlias));
        return copies.isEmpty() ? null : copies.last().version();
    }

    public Class<? extends Connector> connectorClass(String classOrAlias) {
        return connectorClass(classOrAlias, null);
    }

    /**
     * Resolves a {@code connector.class} value: a class name or alias, else (for connectors only) the connector
     * whose simple name is the value, or the value plus {@code Connector}.
     *
     * @param range the acceptable versions (KIP-891), or null for the highest installed
     * @throws VersionedPluginLoadingException if the connector is installed, but not in a version in range
     * @throws ConnectException if no connector, or more than one, matches
     */
    public Class<? extends Connector> connectorClass(String classOrAlias, VersionRange range) {
        Class<?> klass = findClass(classOrAlias, range, null);
        if (klass != null && Connector.class.isAssignableFrom(klass)) {
            return klass.asSubclass(Connector.class);
        }
        Set<String> matches = connectors.stream()
                .filter(c -> matchesConnectorName(c, classOrAlias))
                .map(PluginDesc::className)
                .collect(Collectors.toCollection(TreeSet::new));
        if (matches.size() == 1) {
            return findClass(matches.iterator().next(), range, null).asSubclass(Connector.class);
        }
        if (matches.size() > 1) {
            throw new ConnectException("More than one connector matches alias " + classOrAlias
                    + ". Please use full package and class name instead. Classes found: "
                    + describe(connectors.stream().filter(c -> matches.contains(c.className()))));
        }
        throw new ConnectException("Failed to find any class that implements Connector and which name matches "
                + classOrAlias + ", available connectors are: " + describe(connectors.stream()));
    }

    private static boolean matchesConnectorName(PluginDesc<?> connector, String name) {
        String simpleName = PluginAliases.simpleName(connector);
        return simpleName.equals(name) || simpleName.equals(name + "Connector");
    }

    private static String describe(Stream<PluginDesc<?>> plugins) {
        return plugins.map(PluginDesc::toString).collect(Collectors.joining(", "));
    }

    public Connector newConnector(String classOrAlias) {
        return newConnector(classOrAlias, null);
    }

    /** Instantiates the chosen copy of a connector; errors as {@link #connectorClass(String, VersionRange)}. */
    public Connector newConnector(String classOrAlias, VersionRange range) {
        return instantiate(connectorClass(classOrAlias, range));
    }

    public ClassLoader connectorLoader(String classOrAlias) {
        return connectorLoader(classOrAlias, null);
    }

    /** The loader to run a connector with: see {@link #contextLoaderFor(Class)}. */
    public ClassLoader connectorLoader(String classOrAlias, VersionRange range) {
        return contextLoaderFor(connectorClass(classOrAlias, range));
    }

    /** Instantiates a task class (as returned by {@link Connector#taskClass()}) with its own loader current. */
    public Task newTask(Class<? extends Task> taskClass) {
        return instantiate(taskClass);
    }

    public <T> T newPlugin(String classOrAlias, Class<T> type) {
        return newPlugin(classOrAlias, type, (VersionRange) null, null);
    }

    /**
     * @param versionSpec a KIP-891 version requirement (see {@link PluginVersionRequirement}); null or
     *                    {@code latest} for the highest installed version
     * @throws ConnectException if the requirement cannot be parsed, or as {@link #newPlugin(String, Class,
     *                          VersionRange, ClassLoader)}
     */
    public <T> T newPlugin(String classOrAlias, Class<T> type, String versionSpec) {
        VersionRange range;
        try {
            range = PluginVersionRequirement.parse(versionSpec);
        } catch (InvalidVersionSpecificationException e) {
            throw new ConnectException("Invalid version specification: " + versionSpec, e);
        }
        return newPlugin(classOrAlias, type, range, null);
    }

    /**
     * Instantiates a plugin of the given type with its own class loader current. A plugin that reports a blank
     * version is rejected.
     *
     * @param preferredLoader the loader whose copy wins if it is in range, e.g. the connector's; may be null
     * @throws VersionedPluginLoadingException if the plugin is installed, but not in a version in range
     * @throws ConnectException if no class of the given type has that name, or it cannot be instantiated
     */
    public <T> T newPlugin(String classOrAlias, Class<T> type, VersionRange range, ClassLoader preferredLoader) {
        T plugin = instantiate(pluginClass(classOrAlias, type, range, preferredLoader));
        if (plugin instanceof Versioned) {
            String version;
            try (LoaderSwap swap = withClassLoader(contextLoaderFor(plugin.getClass()))) {
                version = ((Versioned) plugin).version();
            } catch (RuntimeException | LinkageError e) {
                throw new ConnectException("Failed to get the version of " + plugin.getClass().getName(), e);
            }
            if (version == null || version.isBlank()) {
                throw new ConnectException("Version not defined for '" + plugin.getClass().getName() + "'");
            }
        }
        return plugin;
    }

    /**
     * Resolves a class name or alias to the class of the given type that the worker should use.
     *
     * @throws VersionedPluginLoadingException if the plugin is installed, but not in a version in range
     * @throws ConnectException if no class of the given type has that name
     */
    public <T> Class<? extends T> pluginClass(String classOrAlias, Class<T> type, VersionRange range,
                                              ClassLoader preferredLoader) {
        Class<?> klass = findClass(classOrAlias, range, preferredLoader);
        if (klass == null || !type.isAssignableFrom(klass)) {
            throw new ConnectException("Failed to find any class that implements " + type
                    + " and which name matches " + classOrAlias);
        }
        return klass.asSubclass(type);
    }

    /** The loader to run a plugin class with: see {@link DelegatingClassLoader#pluginLoader}. */
    public ClassLoader pluginLoader(String className) {
        return delegatingLoader.pluginLoader(className, null, null);
    }

    public ClassLoader pluginLoader(String classOrAlias, VersionRange range, ClassLoader preferredLoader) {
        return delegatingLoader.pluginLoader(classOrAlias, range, preferredLoader);
    }

    /** Makes {@code loader} the current thread's context class loader until the returned swap is closed. */
    public LoaderSwap withClassLoader(ClassLoader loader) {
        return LoaderSwap.swap(loader);
    }

    /**
     * The context loader for running a class: its {@link PluginClassLoader}, or for a class-path class the
     * delegating loader, so that plugins looking up other plugins by name find them wherever they are installed.
     */
    private ClassLoader contextLoaderFor(Class<?> klass) {
        ClassLoader loader = klass.getClassLoader();
        return loader instanceof PluginClassLoader ? loader : delegatingLoader;
    }

    /**
     * The chosen copy of a discovered plugin; otherwise any class of that name (through the preferred loader, if
     * given), which must then report a version in range. Null if there is no such class.
     */
    private Class<?> findClass(String classOrAlias, VersionRange range, ClassLoader preferredLoader) {
        if (classOrAlias == null) {
            return null;
        }
        Class<?> plugin = delegatingLoader.loadPluginClass(classOrAlias, range, preferredLoader);
        if (plugin != null) {
            return plugin;
        }
        String className = delegatingLoader.resolveAlias(classOrAlias);
        Class<?> klass;
        try {
            klass = (preferredLoader != null ? preferredLoader : delegatingLoader).loadClass(className);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        if (range != null) {
            String version = versionOf(klass);
            if (!range.containsVersion(new DefaultArtifactVersion(version))) {
                throw new VersionedPluginLoadingException("Plugin " + className + " has version " + version
                        + " which does not match the required version range " + range);
            }
        }
        return klass;
    }

    /** The version of a class that discovery did not see; it is instantiated only if it is {@link Versioned}. */
    private String versionOf(Class<?> klass) {
        if (!Versioned.class.isAssignableFrom(klass)) {
            return PluginDesc.UNDEFINED_VERSION;
        }
        Versioned instance = (Versioned) instantiate(klass);
        try (LoaderSwap swap = withClassLoader(contextLoaderFor(klass))) {
            String version = instance.version();
            return version == null ? PluginDesc.UNDEFINED_VERSION : version;
        }
    }

    private <T> T instantiate(Class<? extends T> klass) {
        try (LoaderSwap swap = withClassLoader(contextLoaderFor(klass))) {
            return klass.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new ConnectException("Could not find a public no-argument constructor for " + klass.getName(), e);
        } catch (InvocationTargetException e) {
            throw new ConnectException("Failed to instantiate " + klass.getName(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            throw new ConnectException("Failed to instantiate " + klass.getName(), e);
        }
    }
}
