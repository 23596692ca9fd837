package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.isolation.PluginDesc;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.runtime.isolation.VersionedPluginLoadingException;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.maven.artifact.versioning.VersionRange;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The defaults a validation response shows for the keys whose effective value the worker decides: the worker's
 * converters for the converter class keys, and for each {@code *.plugin.version} key the version of the copy that
 * would run. Replacing the definitions' defaults makes the validated values (and the version keys' recommended
 * values) reflect them as well.
 */
final class ValidationDefaults {

    private static final List<String[]> CONVERTER_KEYS = List.of(
            new String[]{ConnectorConfig.KEY_CONVERTER_CLASS_CONFIG, ConnectorConfig.KEY_CONVERTER_VERSION_CONFIG},
            new String[]{ConnectorConfig.VALUE_CONVERTER_CLASS_CONFIG,
                ConnectorConfig.VALUE_CONVERTER_VERSION_CONFIG},
            new String[]{ConnectorConfig.HEADER_CONVERTER_CLASS_CONFIG,
                ConnectorConfig.HEADER_CONVERTER_VERSION_CONFIG});

    private final Plugins plugins;
    private final WorkerConfig workerConfig;

    ValidationDefaults(Plugins plugins, WorkerConfig workerConfig) {
        this.plugins = plugins;
        this.workerConfig = workerConfig;
    }

    /**
     * The definitions with the defaults for validating {@code props}.
     *
     * @param connectorVersion the version of the connector copy being validated
     */
    ConfigDef apply(ConfigDef def, Map<String, String> props, String connectorVersion, ClassLoader connectorLoader) {
        Map<String, Object> defaults = new HashMap<>();
        defaults.put(ConnectorConfig.CONNECTOR_VERSION, connectorVersion);
        for (String[] keys : CONVERTER_KEYS) {
            String classKey = keys[0];
            Class<?> workerChoice = workerConfig.getClass(classKey);
            defaults.put(classKey, workerChoice);
            String version = converterVersion(classKey, keys[1], props, workerChoice, connectorLoader);
            if (version != null) {
                defaults.put(keys[1], version);
            }
        }
        return withDefaults(def, defaults);
    }

    /** The definitions with {@code connector.plugin.version} defaulting to {@code version}. */
    ConfigDef withConnectorVersionDefault(ConfigDef def, String version) {
        Map<String, Object> defaults = new HashMap<>();
        defaults.put(ConnectorConfig.CONNECTOR_VERSION, version);
        return withDefaults(def, defaults);
    }

    /**
     * The version of the converter copy a task would use; if the requested version is not installed, the newest
     * installed version; null if the class is not a converter.
     */
    private String converterVersion(String classKey, String versionKey, Map<String, String> props,
                                    Class<?> workerChoice, ClassLoader connectorLoader) {
        Class<?> pluginInterface = classKey.equals(ConnectorConfig.HEADER_CONVERTER_CLASS_CONFIG)
                ? HeaderConverter.class : Converter.class;
        String connectorChoice = props.get(classKey);
        String className = connectorChoice == null ? workerChoice.getName()
                : plugins.delegatingLoader().resolveAlias(connectorChoice.trim());
        try {
            String versionSpec = connectorChoice == null ? workerConfig.getString(versionKey) : props.get(versionKey);
            VersionRange range = ConnectorConfig.versionRange(versionSpec);
            ClassLoader preferred = connectorChoice != null && range == null ? connectorLoader : null;
            return versionOf(plugins.pluginClass(className, pluginInterface, range, preferred));
        } catch (VersionedPluginLoadingException | ConfigException e) {
            return plugins.latestVersion(className); // the version key's validation reports the problem
        } catch (ConnectException e) {
            return null; // not a converter: the class key's validation reports it
        }
    }

    private String versionOf(Class<?> pluginClass) {
        for (PluginDesc<?> copy : plugins.delegatingLoader().copiesOf(pluginClass.getName())) {
            if (copy.pluginClass() == pluginClass) {
                return copy.version();
            }
        }
        return PluginDesc.UNDEFINED_VERSION;
    }

    /** A copy of {@code def} with the given keys' defaults replaced; key order and everything else kept. */
    static ConfigDef withDefaults(ConfigDef def, Map<String, Object> defaults) {
        ConfigDef copy = new ConfigDef();
        for (ConfigKey key : def.configKeys().values()) {
            if (defaults.containsKey(key.name)) {
                key = new ConfigKey(key.name, key.type, defaults.get(key.name), key.validator, key.importance,
                        key.documentation, key.group, key.orderInGroup, key.width, key.displayName, key.dependents,
                        key.recommender, key.internalConfig);
            }
            copy.define(key);
        }
        return copy;
    }
}
