package org.apache.kafka.connect.runtime.isolation;

import java.net.URL;
import java.util.List;
import java.util.Objects;

/**
 * A place plugins are discovered in: either one plugin.path location with its own {@link PluginClassLoader}, or the
 * worker's class path (served by the worker's own loader).
 *
 * @param loader the loader that defines the source's classes
 * @param urls   for a plugin location, the jars and class directories to scan; empty for the class path, whose
 *               contents are found through {@code loader} and its parents
 */
record PluginSource(ClassLoader loader, List<URL> urls) {

    PluginSource {
        Objects.requireNonNull(loader, "loader");
        urls = List.copyOf(urls);
    }

    static PluginSource isolated(PluginClassLoader loader, List<URL> urls) {
        return new PluginSource(loader, urls);
    }

    static PluginSource classpath(ClassLoader loader) {
        return new PluginSource(loader, List.of());
    }

    boolean isolated() {
        return loader instanceof PluginClassLoader;
    }

    /** The location as {@link PluginDesc#location()} reports it. */
    String location() {
        return isolated() ? ((PluginClassLoader) loader).location() : PluginDesc.CLASSPATH_LOCATION;
    }

    @Override
    public String toString() {
        return location();
    }
}
