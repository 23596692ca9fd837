package org.apache.kafka.connect.runtime.isolation;

import org.apache.maven.artifact.versioning.DefaultArtifactVersion;
import org.apache.maven.artifact.versioning.VersionRange;

import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The lookup tables the {@link DelegatingClassLoader} answers from: the aliases, and per plugin class name its
 * installed copies (one per location) ordered from least to most preferred. Immutable.
 */
final class PluginRegistry {

    static final PluginRegistry EMPTY = new PluginRegistry(new PluginScanResult(List.of()));

    // A class implementing two plugin interfaces has two descriptors per location; they are one copy.
    private static final Comparator<PluginDesc<?>> COPY_ORDER = Comparator
            .<PluginDesc<?>, DefaultArtifactVersion>comparing(PluginDesc::encodedVersion)
            .thenComparing(PluginDesc::isOnClasspath)
            .thenComparing(PluginDesc::location);

    private final Map<String, NavigableSet<PluginDesc<?>>> copiesByClassName;
    private final Map<String, String> aliases;

    PluginRegistry(PluginScanResult scanResult) {
        Map<String, NavigableSet<PluginDesc<?>>> copies = new HashMap<>();
        for (PluginDesc<?> plugin : scanResult.all()) {
            copies.computeIfAbsent(plugin.className(), name -> new TreeSet<>(COPY_ORDER)).add(plugin);
        }
        copies.replaceAll((name, set) -> Collections.unmodifiableNavigableSet(set));
        this.copiesByClassName = Map.copyOf(copies);
        this.aliases = Map.copyOf(PluginAliases.compute(scanResult.all()));
    }

    /** The full class name an alias stands for, or the argument itself if it is not an alias. */
    String resolve(String classOrAlias) {
        return classOrAlias == null ? null : aliases.getOrDefault(classOrAlias, classOrAlias);
    }

    Map<String, String> aliases() {
        return aliases;
    }

    /** The installed copies of a plugin class, least preferred first; empty if it is not a plugin. */
    NavigableSet<PluginDesc<?>> copies(String className) {
        return className == null ? Collections.emptyNavigableSet()
                : copiesByClassName.getOrDefault(className, Collections.emptyNavigableSet());
    }

    /** The copy used when no version is asked for (the highest version), or null if the class is not a plugin. */
    PluginDesc<?> latest(String className) {
        NavigableSet<PluginDesc<?>> copies = copies(className);
        return copies.isEmpty() ? null : copies.last();
    }

    /**
     * Chooses the copy of a plugin class to use: among the copies whose version lies in {@code range} (all copies
     * if it is null), the one defined by {@code preferredLoader} if there is one, else the highest version.
     *
     * @return the chosen copy, or null if the class is not a plugin
     * @throws VersionedPluginLoadingException if no copy lies in the range
     */
    PluginDesc<?> select(String className, VersionRange range, ClassLoader preferredLoader) {
        NavigableSet<PluginDesc<?>> copies = copies(className);
        if (copies.isEmpty()) {
            return null;
        }
        PluginDesc<?> highestInRange = null;
        for (PluginDesc<?> copy : copies.descendingSet()) {
            if (range == null || range.containsVersion(copy.encodedVersion())) {
                if (copy.loader() == preferredLoader) {
                    return copy;
                }
                if (highestInRange == null) {
                    highestInRange = copy;
                }
            }
        }
        if (highestInRange == null) {
            throw new VersionedPluginLoadingException("Plugin " + className
                    + " not found that matches the version range " + range
                    + ", available versions: " + versionsOf(copies));
        }
        return highestInRange;
    }

    private static String versionsOf(NavigableSet<PluginDesc<?>> copies) {
        return copies.stream().map(PluginDesc::version).collect(Collectors.joining(", ", "[", "]"));
    }
}
