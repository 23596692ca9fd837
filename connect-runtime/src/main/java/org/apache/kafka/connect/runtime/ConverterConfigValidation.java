package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.isolation.LoaderSwap;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.ConverterConfig;
import org.apache.kafka.connect.storage.ConverterType;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.maven.artifact.versioning.VersionRange;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Validation step 6 (rest-api.md): for a converter the connector config names explicitly, loads the requested copy
 * and validates the {@code <class key>.*} settings against the converter's own {@code config()}, with
 * {@code converter.type} set. A copy that cannot be loaded is reported on the class and version keys instead.
 */
final class ConverterConfigValidation {

    private final Plugins plugins;

    ConverterConfigValidation(Plugins plugins) {
        this.plugins = plugins;
    }

    /**
     * @param classKey        e.g. {@code key.converter}
     * @param versionKey      e.g. {@code key.converter.plugin.version}
     * @param type            which converter it is
     * @param props           the submitted connector config
     * @param validated       the validated framework values, to which load failures are added
     * @param connectorLoader the connector's loader, whose copy is preferred when no version is requested
     * @return the converter's validated settings, named without the class key prefix; empty if the connector does
     *         not choose this converter or it cannot be loaded
     */
    Optional<ConfigInfosBuilder.Section> validate(String classKey, String versionKey, ConverterType type,
                                                  Map<String, String> props, Map<String, ConfigValue> validated,
                                                  ClassLoader connectorLoader) {
        ConfigValue classValue = validated.get(classKey);
        ConfigValue versionValue = validated.get(versionKey);
        if (props.get(classKey) == null || classValue == null || classValue.value() == null
                || !classValue.errorMessages().isEmpty() || !versionValue.errorMessages().isEmpty()) {
            return Optional.empty(); // not chosen by the connector, or its problems are already reported
        }
        String className = ((Class<?>) classValue.value()).getName();
        Class<?> pluginInterface = type == ConverterType.HEADER ? HeaderConverter.class : Converter.class;
        Object converter;
        try {
            VersionRange range = ConnectorConfig.versionRange(props.get(versionKey));
            converter = plugins.newPlugin(className, pluginInterface, range, range == null ? connectorLoader : null);
        } catch (ConfigException | ConnectException e) {
            classValue.addErrorMessage(e.getMessage());
            versionValue.addErrorMessage(e.getMessage());
            return Optional.empty();
        }
        ConfigDef configDef;
        try (LoaderSwap swap = plugins.withClassLoader(PluginLoaders.loaderOf(plugins, converter.getClass()))) {
            configDef = type == ConverterType.HEADER
                    ? ((HeaderConverter) converter).config()
                    : ((Converter) converter).config();
            if (configDef == null) {
                return Optional.empty();
            }
            Map<String, String> settings = new HashMap<>();
            String prefix = classKey + ".";
            props.forEach((key, value) -> {
                if (key.startsWith(prefix) && value != null) {
                    settings.put(key.substring(prefix.length()), value);
                }
            });
            settings.put(ConverterConfig.TYPE_CONFIG, type.getName());
            List<ConfigValue> values = configDef.validate(settings);
            return Optional.of(new ConfigInfosBuilder.Section(prefix, configDef.configKeys(), values));
        }
    }
}
