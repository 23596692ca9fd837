package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.isolation.LoaderSwap;
import org.apache.kafka.connect.runtime.isolation.PluginDesc;
import org.apache.kafka.connect.runtime.isolation.PluginType;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.runtime.isolation.VersionedPluginLoadingException;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.apache.kafka.connect.runtime.ConnectorConfig.NEGATE_CONFIG;
import static org.apache.kafka.connect.runtime.ConnectorConfig.PLUGIN_VERSION_SUFFIX;
import static org.apache.kafka.connect.runtime.ConnectorConfig.PREDICATE_CONFIG;
import static org.apache.kafka.connect.runtime.ConnectorConfig.TYPE_CONFIG;

/**
 * Implements {@link ConnectorConfig#enrich}: embeds, for each transformation and predicate alias of a connector
 * config, the alias's {@code type} and {@code plugin.version} keys and the plugin's own {@code config()} under the
 * alias prefix, in a group of its own ({@code Transforms: <alias>}, {@code Predicates: <alias>}).
 * <p>
 * When validating, a plugin that cannot be used is not an exception but an error on the alias's {@code type} key
 * (and on its {@code plugin.version} key for version problems), raised by those keys' validators.
 */
final class TransformationConfigEnricher {

    private static final Logger log = LoggerFactory.getLogger(TransformationConfigEnricher.class);

    /** The two kinds of plugin that connector configs list by alias. */
    enum Kind {
        TRANSFORMATION(ConnectorConfig.TRANSFORMS_CONFIG, ConnectorConfig.TRANSFORMS_GROUP, Transformation.class,
                PluginType.TRANSFORMATION),
        PREDICATE(ConnectorConfig.PREDICATES_CONFIG, ConnectorConfig.PREDICATES_GROUP, Predicate.class,
                PluginType.PREDICATE);

        final String listConfig;
        final String group;
        final Class<?> pluginInterface;
        final PluginType pluginType;

        Kind(String listConfig, String group, Class<?> pluginInterface, PluginType pluginType) {
            this.listConfig = listConfig;
            this.group = group;
            this.pluginInterface = pluginInterface;
            this.pluginType = pluginType;
        }

        String prefix(String alias) {
            return listConfig + "." + alias + ".";
        }

        String displayName() {
            return pluginInterface.getSimpleName();
        }
    }

    private final Plugins plugins;
    private final Map<String, String> props;
    private final boolean requireFullConfig;
    private final PluginRecommenders recommenders;

    TransformationConfigEnricher(Plugins plugins, Map<String, String> props, boolean requireFullConfig) {
        this.plugins = plugins;
        this.props = props;
        this.requireFullConfig = requireFullConfig;
        this.recommenders = new PluginRecommenders(plugins);
    }

    ConfigDef enrich(ConfigDef baseConfigDef) {
        ConfigDef enriched = new ConfigDef(baseConfigDef);
        for (Kind kind : Kind.values()) {
            for (String alias : aliases(props.get(kind.listConfig))) {
                embed(enriched, kind, alias);
            }
        }
        return enriched;
    }

    /** The distinct aliases of a raw list value; duplicates are reported by the list key's own validator. */
    static Set<String> aliases(String rawList) {
        if (rawList == null) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        List<String> aliases = (List<String>) ConfigDef.parseType("aliases", rawList, Type.LIST);
        return new LinkedHashSet<>(aliases);
    }

    private void embed(ConfigDef enriched, Kind kind, String alias) {
        String prefix = kind.prefix(alias);
        String typeKey = prefix + TYPE_CONFIG;
        String versionKey = prefix + PLUGIN_VERSION_SUFFIX;
        String group = kind.group + ": " + alias;
        Resolution resolution = resolve(kind, typeKey, versionKey);

        String kindName = kind.displayName();
        String requestedVersion = props.get(versionKey);
        enriched.define(typeKey, Type.CLASS, ConfigDef.NO_DEFAULT_VALUE,
                (name, value) -> checkType(kind, prefix, resolution), Importance.HIGH,
                "Class of the " + kindName.toLowerCase(Locale.ROOT) + " '" + alias + "'.",
                group, 0, Width.LONG, kindName + " type for " + alias, recommenders.classesOf(kind.pluginType));
        enriched.define(versionKey, Type.STRING, resolution.version,
                (name, value) -> checkVersion(value, requestedVersion, resolution), Importance.HIGH,
                "Version (or Maven version range) of the " + kindName.toLowerCase(Locale.ROOT) + " '" + alias + "'.",
                group, 1, Width.LONG, kindName + " version for " + alias,
                recommenders.versionsOfAliasedPlugin(typeKey, kind.pluginInterface));
        if (resolution.pluginConfig != null) {
            enriched.embed(prefix, group, 2, kind == Kind.TRANSFORMATION
                    ? withPredicateKeys(resolution.pluginConfig, prefix)
                    : resolution.pluginConfig);
        }
    }

    /** What is known about the plugin class one alias names. */
    private static final class Resolution {
        ConfigException typeProblem;
        RuntimeException versionProblem;
        String version;
        ConfigDef pluginConfig;
    }

    private Resolution resolve(Kind kind, String typeKey, String versionKey) {
        Resolution resolution = new Resolution();
        String className = props.get(typeKey);
        if (className == null) {
            if (requireFullConfig) {
                throw new ConfigException(typeKey, null, "Not a " + kind.displayName());
            }
            return resolution;
        }
        Class<?> klass;
        try {
            klass = plugins.delegatingLoader().loadClass(className.trim());
        } catch (ClassNotFoundException | LinkageError e) {
            if (requireFullConfig) {
                throw new ConfigException(typeKey, className, "Class " + className + " could not be found.");
            }
            return resolution; // parsing the CLASS value reports it
        }
        try {
            PluginClassValidator.check(klass, kind.pluginInterface, concreteSubclassHint(kind, klass));
        } catch (ConfigException e) {
            if (requireFullConfig) {
                throw e;
            }
            resolution.typeProblem = e;
            return resolution;
        }
        Object plugin;
        try {
            plugin = plugins.newPlugin(klass.getName(), kind.pluginInterface,
                    ConnectorConfig.versionRange(props.get(versionKey)), null);
        } catch (ConfigException | VersionedPluginLoadingException e) {
            // An unparsable version requirement, or no installed copy in range.
            if (requireFullConfig) {
                throw e;
            }
            resolution.versionProblem = e;
            resolution.version = plugins.latestVersion(klass.getName());
            return resolution;
        }
        try {
            resolution.version = versionOf(plugin);
            resolution.pluginConfig = pluginConfig(plugin);
        } catch (ConfigException | ConnectException e) {
            if (requireFullConfig) {
                throw e;
            }
            resolution.typeProblem = e instanceof ConfigException ? (ConfigException) e
                    : new ConfigException(e.getMessage());
        }
        return resolution;
    }

    private void checkType(Kind kind, String prefix, Resolution resolution) {
        if (resolution.typeProblem != null) {
            throw resolution.typeProblem;
        }
        if (resolution.versionProblem != null) {
            throw new ConfigException(resolution.versionProblem.getMessage());
        }
        // Checked by the type key's validator so that parsing fails on it too, not only validation.
        if (kind == Kind.TRANSFORMATION && props.containsKey(prefix + NEGATE_CONFIG)
                && props.get(prefix + PREDICATE_CONFIG) == null) {
            throw new ConfigException("Config '" + prefix + NEGATE_CONFIG + "' was provided but there is no config '"
                    + prefix + PREDICATE_CONFIG + "' defining a predicate to be negated.");
        }
    }

    private void checkVersion(Object value, String requested, Resolution resolution) {
        if (value == null) {
            return;
        }
        ConnectorConfig.versionRange(value.toString());
        // The problem concerns the requested version, not the default (the newest installed) shown without one.
        if (resolution.versionProblem != null && value.equals(requested)) {
            throw new ConfigException(resolution.versionProblem.getMessage());
        }
    }

    /** For an abstract class: " Did you mean A, B?" listing its installed concrete subclasses, if any. */
    private String concreteSubclassHint(Kind kind, Class<?> klass) {
        Set<String> subclasses = new TreeSet<>();
        for (PluginDesc<?> plugin : plugins.plugins(kind.pluginType)) {
            if (klass != plugin.pluginClass() && klass.isAssignableFrom(plugin.pluginClass())) {
                subclasses.add(plugin.className());
            }
        }
        return subclasses.isEmpty() ? "" : " Did you mean " + String.join(", ", subclasses) + "?";
    }

    private String versionOf(Object plugin) {
        if (!(plugin instanceof Versioned)) {
            return PluginDesc.UNDEFINED_VERSION;
        }
        try (LoaderSwap swap = plugins.withClassLoader(PluginLoaders.loaderOf(plugins, plugin.getClass()))) {
            return ((Versioned) plugin).version();
        }
    }

    private ConfigDef pluginConfig(Object plugin) {
        ConfigDef config;
        try (LoaderSwap swap = plugins.withClassLoader(PluginLoaders.loaderOf(plugins, plugin.getClass()))) {
            config = plugin instanceof Transformation
                    ? ((Transformation<?>) plugin).config()
                    : ((Predicate<?>) plugin).config();
        }
        if (config == null) {
            throw new ConfigException(plugin.getClass().getName() + ".config() must return a ConfigDef that is not "
                    + "null.");
        }
        return config;
    }

    /**
     * The transformation's own definitions plus {@code predicate} and {@code negate}, which the runtime handles; a
     * transformation defining keys with those names has them masked.
     */
    private static ConfigDef withPredicateKeys(ConfigDef pluginConfig, String prefix) {
        ConfigDef combined = new ConfigDef();
        for (ConfigDef.ConfigKey key : pluginConfig.configKeys().values()) {
            if (key.name.equals(PREDICATE_CONFIG) || key.name.equals(NEGATE_CONFIG)) {
                log.warn("Transformation setting '{}{}' is masked by the runtime's setting of that name",
                        prefix, key.name);
            } else {
                combined.define(key);
            }
        }
        return combined
                .define(NEGATE_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM,
                        "Whether to apply the transformation to the records that do NOT match the predicate.")
                .define(PREDICATE_CONFIG, Type.STRING, null, Importance.MEDIUM,
                        "Alias of the predicate (from 'predicates') that decides which records the transformation "
                                + "applies to; unset applies it to every record.");
    }
}
