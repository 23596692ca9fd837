package org.apache.kafka.connect.runtime.isolation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/** The plugins discovery found, grouped by kind; every installed copy is listed. Immutable. */
final class PluginScanResult {

    private final Map<PluginType, SortedSet<PluginDesc<?>>> byType;

    PluginScanResult(Collection<PluginDesc<?>> plugins) {
        Map<PluginType, SortedSet<PluginDesc<?>>> grouped = new EnumMap<>(PluginType.class);
        for (PluginType type : PluginType.values()) {
            grouped.put(type, new TreeSet<>());
        }
        for (PluginDesc<?> plugin : plugins) {
            grouped.get(plugin.type()).add(plugin);
        }
        grouped.replaceAll((type, descs) -> Collections.unmodifiableSortedSet(descs));
        this.byType = Collections.unmodifiableMap(grouped);
    }

    /** The copies of plugins of one kind, sorted (see {@link PluginDesc}). */
    SortedSet<PluginDesc<?>> plugins(PluginType type) {
        return byType.get(type);
    }

    /** All descriptors, kind by kind in {@link PluginType} order. */
    List<PluginDesc<?>> all() {
        List<PluginDesc<?>> all = new ArrayList<>();
        byType.values().forEach(all::addAll);
        return all;
    }
}
