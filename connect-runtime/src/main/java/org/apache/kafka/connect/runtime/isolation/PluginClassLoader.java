package org.apache.kafka.connect.runtime.isolation;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;

/**
 * The class loader of one plugin location (a directory of jars, a single jar, or a directory of classes).
 * <p>
 * Classes the {@link PluginIsolationRule} isolates are looked up in the location first and only then in the parent;
 * all others (the JDK, the Connect API, kafka-clients, ...) come from the parent first, so that plugin and worker
 * share them. Resources are child-first: {@link #getResource} prefers the location's copy and
 * {@link #getResources} lists the location's resources before the parent's.
 */
public class PluginClassLoader extends URLClassLoader {

    static {
        ClassLoader.registerAsParallelCapable();
    }

    private final URL location;
    private final PluginIsolationRule isolationRule;

    /**
     * @param location      the plugin location, reported by {@link #location()}
     * @param urls          the jars and class directories of the location
     * @param parent        the loader for shared classes and for classes the location does not contain
     * @param isolationRule which classes to look for in the location first
     */
    public PluginClassLoader(URL location, URL[] urls, ClassLoader parent, PluginIsolationRule isolationRule) {
        super(urls, Objects.requireNonNull(parent, "parent"));
        this.location = Objects.requireNonNull(location, "location");
        this.isolationRule = Objects.requireNonNull(isolationRule, "isolationRule");
    }

    /** The URL of the plugin location this loader serves. */
    public String location() {
        return location.toString();
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> klass = findLoadedClass(name);
            if (klass == null) {
                klass = isolationRule.shouldLoadInIsolation(name) ? loadChildFirst(name) : super.loadClass(name, false);
            }
            if (resolve) {
                resolveClass(klass);
            }
            return klass;
        }
    }

    private Class<?> loadChildFirst(String name) throws ClassNotFoundException {
        try {
            return findClass(name);
        } catch (ClassNotFoundException notInThisLocation) {
            return getParent().loadClass(name);
        }
    }

    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        return own != null ? own : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> resources = new ArrayList<>(Collections.list(findResources(name)));
        resources.addAll(Collections.list(getParent().getResources(name)));
        return Collections.enumeration(resources);
    }

    @Override
    public String toString() {
        return "PluginClassLoader{pluginLocation=" + location + "}";
    }
}
