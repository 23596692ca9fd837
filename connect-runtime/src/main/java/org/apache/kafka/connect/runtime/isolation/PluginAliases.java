package org.apache.kafka.connect.runtime.isolation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Derives the short names users may give instead of a plugin's full class name: its simple class name
 * ({@code JsonConverter}) and that name without the kind's suffix ({@code Json}). The suffix is cut at its last
 * occurrence, and only if something precedes it. An alias that would name two different classes is dropped, which
 * is why the {@code Key}/{@code Value} variants of the built-in transformations need their full names.
 */
final class PluginAliases {

    private static final Logger log = LoggerFactory.getLogger(PluginAliases.class);

    private PluginAliases() {
    }

    /** @return alias to full class name, for every unambiguous alias of the given plugins */
    static Map<String, String> compute(Collection<PluginDesc<?>> plugins) {
        Map<String, Set<String>> classesByAlias = new TreeMap<>();
        for (PluginDesc<?> plugin : plugins) {
            for (String alias : List.of(simpleName(plugin), prunedName(plugin))) {
                if (!alias.isEmpty() && !alias.equals(plugin.className())) {
                    classesByAlias.computeIfAbsent(alias, a -> new TreeSet<>()).add(plugin.className());
                }
            }
        }
        Map<String, String> aliases = new TreeMap<>();
        Set<String> ambiguous = new TreeSet<>();
        classesByAlias.forEach((alias, classNames) -> {
            if (classNames.size() == 1) {
                aliases.put(alias, classNames.iterator().next());
            } else {
                ambiguous.add(alias);
                log.debug("Alias '{}' is ambiguous and cannot be used; it would name each of {}", alias, classNames);
            }
        });
        if (!ambiguous.isEmpty()) {
            log.info("Ignoring ambiguous plugin aliases {}: use full class names for the plugins they would name",
                    ambiguous);
        }
        return aliases;
    }

    /** The plugin's simple class name, e.g. {@code Value} for {@code InsertField$Value}. */
    static String simpleName(PluginDesc<?> plugin) {
        return plugin.pluginClass().getSimpleName();
    }

    /** The simple name without the kind's suffix ({@code FileStreamSink}), or the simple name if it has none. */
    static String prunedName(PluginDesc<?> plugin) {
        String simpleName = simpleName(plugin);
        int suffixStart = simpleName.lastIndexOf(plugin.type().aliasSuffix());
        return suffixStart > 0 ? simpleName.substring(0, suffixStart) : simpleName;
    }
}
