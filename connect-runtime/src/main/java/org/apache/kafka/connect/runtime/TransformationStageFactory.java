package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.runtime.isolation.LoaderSwap;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.apache.kafka.connect.runtime.ConnectorConfig.NEGATE_CONFIG;
import static org.apache.kafka.connect.runtime.ConnectorConfig.PLUGIN_VERSION_SUFFIX;
import static org.apache.kafka.connect.runtime.ConnectorConfig.PREDICATES_CONFIG;
import static org.apache.kafka.connect.runtime.ConnectorConfig.PREDICATES_PREFIX;
import static org.apache.kafka.connect.runtime.ConnectorConfig.PREDICATE_CONFIG;
import static org.apache.kafka.connect.runtime.ConnectorConfig.TRANSFORMS_CONFIG;
import static org.apache.kafka.connect.runtime.ConnectorConfig.TYPE_CONFIG;

/**
 * Implements {@link ConnectorConfig#transformationStages}: instantiates and configures each transformation of a
 * parsed connector config, with its predicate, choosing the installed copies as KIP-891 says (the copy packaged with
 * the connector if it is in the requested range, else the newest in range).
 */
final class TransformationStageFactory {

    private static final Logger log = LoggerFactory.getLogger(TransformationStageFactory.class);
    private static final String TRANSFORMS_PREFIX = TRANSFORMS_CONFIG + ".";

    private final Plugins plugins;
    private final ConnectorConfig config;
    private final ClassLoader connectorLoader;

    TransformationStageFactory(Plugins plugins, ConnectorConfig config, ClassLoader connectorLoader) {
        this.plugins = plugins;
        this.config = config;
        this.connectorLoader = connectorLoader;
    }

    <R extends ConnectRecord<R>> List<TransformationStage<R>> createStages(ConnectorTaskId id) {
        List<String> predicateAliases = config.getList(PREDICATES_CONFIG);
        List<TransformationStage<R>> stages = new ArrayList<>();
        try {
            for (String alias : config.getList(TRANSFORMS_CONFIG)) {
                stages.add(createStage(alias, predicateAliases));
            }
        } catch (RuntimeException | LinkageError e) {
            stages.forEach(TransformationStage::close);
            throw e;
        }
        log.debug("{} Created transformation stages {}", id, stages);
        return stages;
    }

    @SuppressWarnings("unchecked")
    private <R extends ConnectRecord<R>> TransformationStage<R> createStage(String alias,
                                                                            List<String> predicateAliases) {
        String prefix = TRANSFORMS_PREFIX + alias + ".";
        Map<String, Object> settings = config.originalsWithPrefix(prefix);
        settings.remove(PREDICATE_CONFIG);
        settings.remove(NEGATE_CONFIG);
        Transformation<R> transformation = newConfiguredPlugin(prefix, Transformation.class, settings);

        String predicateAlias = config.getString(prefix + PREDICATE_CONFIG);
        if (predicateAlias == null) {
            return new TransformationStage<>(alias, transformation,
                    PluginLoaders.loaderOf(plugins, transformation.getClass()), null, null, null, false);
        }
        if (!predicateAliases.contains(predicateAlias)) {
            closeQuietly(transformation);
            throw new ConfigException(prefix + PREDICATE_CONFIG, predicateAlias,
                    "No predicate with this alias is listed in '" + PREDICATES_CONFIG + "'");
        }
        String predicatePrefix = PREDICATES_PREFIX + predicateAlias + ".";
        Predicate<R> predicate;
        try {
            predicate = newConfiguredPlugin(predicatePrefix, Predicate.class,
                    config.originalsWithPrefix(predicatePrefix));
        } catch (RuntimeException | LinkageError e) {
            closeQuietly(transformation);
            throw e;
        }
        return new TransformationStage<>(alias, transformation,
                PluginLoaders.loaderOf(plugins, transformation.getClass()), predicateAlias, predicate,
                PluginLoaders.loaderOf(plugins, predicate.getClass()), config.getBoolean(prefix + NEGATE_CONFIG));
    }

    /** Creates the plugin named by {@code <prefix>type} and configures it with its own loader current. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private <P> P newConfiguredPlugin(String prefix, Class<P> pluginInterface, Map<String, Object> settings) {
        String className = config.getClass(prefix + TYPE_CONFIG).getName();
        // The raw setting, not the parsed one: validation shows the chosen version as its default.
        Object versionSpec = config.originals().get(prefix + PLUGIN_VERSION_SUFFIX);
        P plugin = plugins.newPlugin(className, pluginInterface,
                ConnectorConfig.versionRange(versionSpec == null ? null : versionSpec.toString()), connectorLoader);
        try (LoaderSwap swap = LoaderSwap.swap(PluginLoaders.loaderOf(plugins, plugin.getClass()))) {
            if (plugin instanceof Transformation) {
                ((Transformation) plugin).configure(settings);
            } else {
                ((Predicate) plugin).configure(settings);
            }
        } catch (RuntimeException | LinkageError e) {
            closeQuietly((AutoCloseable) plugin);
            throw e;
        }
        return plugin;
    }

    private void closeQuietly(AutoCloseable plugin) {
        try (LoaderSwap swap = LoaderSwap.swap(PluginLoaders.loaderOf(plugins, plugin.getClass()))) {
            plugin.close();
        } catch (Exception | LinkageError e) {
            log.debug("Failed to close {} after a failed set-up", plugin.getClass().getName(), e);
        }
    }
}
