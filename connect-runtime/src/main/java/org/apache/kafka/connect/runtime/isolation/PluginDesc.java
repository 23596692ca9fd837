package org.apache.kafka.connect.runtime.isolation;

import org.apache.maven.artifact.versioning.DefaultArtifactVersion;

import java.util.Comparator;
import java.util.Objects;

/**
 * One installed copy of a plugin class: its name, class, version, kind, and the location (and class loader) it was
 * found in. A class installed in several locations, or implementing two plugin interfaces, has several descriptors.
 * <p>
 * Descriptors sort by class name, then version (Maven ordering), then a worker class path copy after a plugin.path
 * copy, then location, then kind. Among the copies of one class the greatest is therefore the one the worker uses
 * when no version is requested.
 */
public final class PluginDesc<T> implements Comparable<PluginDesc<?>> {

    /** Version reported for plugins that do not implement {@code Versioned} (or whose version cannot be read). */
    public static final String UNDEFINED_VERSION = "undefined";
    /** Location reported for plugins found on the worker's class path. */
    public static final String CLASSPATH_LOCATION = "classpath";

    private static final Comparator<PluginDesc<?>> ORDER = Comparator
            .<PluginDesc<?>, String>comparing(PluginDesc::className)
            .thenComparing(PluginDesc::encodedVersion)
            .thenComparing(PluginDesc::isOnClasspath)
            .thenComparing(PluginDesc::location)
            .thenComparing(PluginDesc::type);

    private final Class<? extends T> pluginClass;
    private final String version;
    private final DefaultArtifactVersion encodedVersion;
    private final PluginType type;
    private final String location;
    private final ClassLoader loader;

    /**
     * @param pluginClass the loaded plugin class
     * @param version     the version the plugin reported; null means {@value #UNDEFINED_VERSION}
     * @param type        the kind of plugin
     * @param loader      the loader of the plugin's location: a {@link PluginClassLoader} for plugin.path copies,
     *                    anything else for the worker class path
     */
    public PluginDesc(Class<? extends T> pluginClass, String version, PluginType type, ClassLoader loader) {
        this.pluginClass = Objects.requireNonNull(pluginClass, "pluginClass");
        this.version = version == null ? UNDEFINED_VERSION : version;
        this.encodedVersion = new DefaultArtifactVersion(this.version);
        this.type = Objects.requireNonNull(type, "type");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.location = loader instanceof PluginClassLoader
                ? ((PluginClassLoader) loader).location()
                : CLASSPATH_LOCATION;
    }

    public String className() {
        return pluginClass.getName();
    }

    public Class<? extends T> pluginClass() {
        return pluginClass;
    }

    /** The version as the plugin reported it. */
    public String version() {
        return version;
    }

    /** The version parsed for Maven-style comparison and range matching. */
    public DefaultArtifactVersion encodedVersion() {
        return encodedVersion;
    }

    public PluginType type() {
        return type;
    }

    /** The lower-case kind name the REST API shows, e.g. {@code sink}. */
    public String typeName() {
        return type.toString();
    }

    /** The URL of the plugin location, or {@value #CLASSPATH_LOCATION}. */
    public String location() {
        return location;
    }

    public ClassLoader loader() {
        return loader;
    }

    /** True for copies found on the worker's class path rather than in a plugin.path location. */
    public boolean isOnClasspath() {
        return !(loader instanceof PluginClassLoader);
    }

    @Override
    public int compareTo(PluginDesc<?> other) {
        return ORDER.compare(this, other);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PluginDesc)) {
            return false;
        }
        PluginDesc<?> that = (PluginDesc<?>) o;
        return pluginClass.equals(that.pluginClass)
                && version.equals(that.version)
                && type == that.type
                && location.equals(that.location);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pluginClass, version, type, location);
    }

    // The same shape as Apache Connect's descriptor: it appears verbatim in "available connectors are: ..." errors.
    @Override
    public String toString() {
        return "PluginDesc{klass=" + pluginClass
                + ", name='" + className() + '\''
                + ", version='" + version + '\''
                + ", encodedVersion=" + encodedVersion
                + ", type=" + type
                + ", typeName='" + typeName() + '\''
                + ", location='" + location + '\''
                + '}';
    }
}
