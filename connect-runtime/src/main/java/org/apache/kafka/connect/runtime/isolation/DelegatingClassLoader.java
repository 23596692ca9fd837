package org.apache.kafka.connect.runtime.isolation;

import org.apache.maven.artifact.versioning.VersionRange;

import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;

/**
 * The worker's entry point for loading plugin classes. It understands aliases ({@code JsonConverter},
 * {@code FileStreamSink}) and, for a discovered plugin class, answers with the copy the worker should use — the
 * highest installed version, or the copy chosen for a KIP-891 version range — whichever location defines it.
 * Every other class comes from the parent (the worker's class path).
 * <p>
 * It is also the parent of every {@link PluginClassLoader}, so a plugin that refers to another plugin's class by
 * name gets the chosen copy of it too. Because those loaders need it as their parent before discovery runs, the
 * discovered plugins are installed once, after construction; until then it behaves like its parent.
 * <p>
 * Aliases work with {@link #loadClass(String)} — which is what {@code ConfigDef} uses to parse {@code CLASS}
 * values with the context loader, so make this loader (or a plugin's loader, its child) current while parsing
 * configs — but not with {@link Class#forName(String, boolean, ClassLoader)}, where the JVM rejects a class whose
 * name differs from the requested one.
 */
public class DelegatingClassLoader extends ClassLoader {

    static {
        ClassLoader.registerAsParallelCapable();
    }

    private volatile PluginRegistry registry = PluginRegistry.EMPTY;

    /** @param parent the loader of the worker's class path */
    public DelegatingClassLoader(ClassLoader parent) {
        super(Objects.requireNonNull(parent, "parent"));
    }

    /**
     * Makes the discovered plugins loadable through this loader.
     *
     * @throws IllegalStateException if plugins were installed before
     */
    synchronized void installDiscoveredPlugins(PluginScanResult scanResult) {
        if (registry != PluginRegistry.EMPTY) {
            throw new IllegalStateException("Plugins were already installed in this class loader");
        }
        registry = new PluginRegistry(scanResult);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        PluginDesc<?> chosen = registry.latest(registry.resolve(name));
        if (chosen != null) {
            // Discovery already loaded every copy; handing out that class avoids re-entering its loader.
            return chosen.pluginClass();
        }
        return super.loadClass(name, resolve);
    }

    /**
     * Loads a plugin class honouring a version requirement (KIP-891).
     *
     * @param classOrAlias    a class name or alias
     * @param range           the versions acceptable; null for any
     * @param preferredLoader the loader whose copy wins if it is in range (e.g. the connector's); may be null
     * @return the chosen copy, or null if the class is not a discovered plugin
     * @throws VersionedPluginLoadingException if the class is a plugin but no copy is in range
     */
    public Class<?> loadPluginClass(String classOrAlias, VersionRange range, ClassLoader preferredLoader) {
        PluginDesc<?> chosen = registry.select(registry.resolve(classOrAlias), range, preferredLoader);
        return chosen == null ? null : chosen.pluginClass();
    }

    /**
     * The class loader to make current while running a plugin: the {@link PluginClassLoader} of the chosen copy,
     * or this loader for a copy on the worker class path or for an unknown class.
     *
     * @throws VersionedPluginLoadingException if the class is a plugin but no copy is in range
     */
    public ClassLoader pluginLoader(String classOrAlias, VersionRange range, ClassLoader preferredLoader) {
        PluginDesc<?> chosen = registry.select(registry.resolve(classOrAlias), range, preferredLoader);
        return chosen != null && chosen.loader() instanceof PluginClassLoader ? chosen.loader() : this;
    }

    /** The full class name an alias stands for, or the argument itself if it is not an alias. */
    public String resolveAlias(String classOrAlias) {
        return registry.resolve(classOrAlias);
    }

    /** The unambiguous aliases, each mapped to its full class name. */
    public Map<String, String> aliases() {
        return registry.aliases();
    }

    /** The installed copies of a plugin class, lowest version first; empty if the class is not a plugin. */
    public NavigableSet<PluginDesc<?>> copiesOf(String className) {
        return registry.copies(className);
    }

    @Override
    public String toString() {
        return "DelegatingClassLoader{parent=" + getParent() + "}";
    }
}
