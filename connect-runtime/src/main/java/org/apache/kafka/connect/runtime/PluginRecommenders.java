package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.runtime.isolation.PluginDesc;
import org.apache.kafka.connect.runtime.isolation.PluginType;
import org.apache.kafka.connect.runtime.isolation.Plugins;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The recommenders of connector config keys whose useful values depend on the installed plugins: converter and
 * transformation classes, and the installed versions of the class a connector config names (KIP-891). Without
 * plugins (a definition built for documentation) they recommend nothing, but still hide a version key while its
 * class key is unset.
 */
final class PluginRecommenders {

    static final PluginRecommenders NONE = new PluginRecommenders(null);

    private final Plugins plugins;

    PluginRecommenders(Plugins plugins) {
        this.plugins = plugins;
    }

    /** Every installed plugin class of the given kind (as {@link Class} objects, like a parsed CLASS value). */
    ConfigDef.Recommender classesOf(PluginType type) {
        return new Recommender(ignored -> {
            Set<Object> classes = new LinkedHashSet<>();
            for (PluginDesc<?> plugin : plugins.plugins(type)) {
                classes.add(plugin.pluginClass());
            }
            return new ArrayList<>(classes);
        }, ignored -> true);
    }

    /** The installed versions of the connector class (or alias) named by {@code connector.class}. */
    ConfigDef.Recommender connectorVersions() {
        String classKey = ConnectorConfig.CONNECTOR_CLASS_CONFIG;
        return new Recommender(parsed -> {
            Object value = parsed.get(classKey);
            if (value == null) {
                return List.of();
            }
            try {
                return installedVersions(plugins.connectorClass(value.toString().trim()).getName());
            } catch (RuntimeException e) {
                return List.of(); // an unknown connector: the class key's own checks report it
            }
        }, parsed -> parsed.get(classKey) != null);
    }

    /**
     * The installed versions of the class named by {@code classKey}, if it is a plugin of the given interface;
     * visible once the class key has a value.
     */
    ConfigDef.Recommender versionsOf(String classKey, Class<?> pluginInterface) {
        return versionsOf(classKey, pluginInterface, parsed -> parsed.get(classKey) != null);
    }

    /**
     * As {@link #versionsOf(String, Class)}, but always visible: the alias groups of transformations and
     * predicates are shown whole.
     */
    ConfigDef.Recommender versionsOfAliasedPlugin(String classKey, Class<?> pluginInterface) {
        return versionsOf(classKey, pluginInterface, parsed -> true);
    }

    private ConfigDef.Recommender versionsOf(String classKey, Class<?> pluginInterface,
                                             Predicate<Map<String, Object>> visible) {
        return new Recommender(parsed -> {
            Object value = parsed.get(classKey);
            return value instanceof Class && pluginInterface.isAssignableFrom((Class<?>) value)
                    ? installedVersions(((Class<?>) value).getName()) : List.of();
        }, visible);
    }

    private List<Object> installedVersions(String className) {
        Set<Object> versions = new LinkedHashSet<>();
        for (PluginDesc<?> copy : plugins.delegatingLoader().copiesOf(className)) {
            versions.add(copy.version());
        }
        return new ArrayList<>(versions);
    }

    private final class Recommender implements ConfigDef.Recommender {
        private final Function<Map<String, Object>, List<Object>> values;
        private final Predicate<Map<String, Object>> visible;

        Recommender(Function<Map<String, Object>, List<Object>> values,
                    Predicate<Map<String, Object>> visible) {
            this.values = values;
            this.visible = visible;
        }

        @Override
        public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
            return plugins == null ? List.of() : values.apply(parsedConfig);
        }

        @Override
        public boolean visible(String name, Map<String, Object> parsedConfig) {
            return visible.test(parsedConfig);
        }
    }
}
