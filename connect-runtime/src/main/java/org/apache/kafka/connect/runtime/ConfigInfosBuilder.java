package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.runtime.rest.entities.ConfigKeyInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigValueInfo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Assembles a validation response ({@link ConfigInfos}) section by section. The main section holds the values
 * without a definition first, then every definition in order with its value, and counts each error message; the
 * sub-validation sections (client overrides, converters) keep their order and count each value with errors once.
 * Values are shown as strings, passwords as {@code [hidden]}.
 * <p>
 * Values resolved from a config provider are redacted so that secrets never reach a response (rest-api.md, validation
 * "Secrets"): such a key shows the text that was submitted, no recommended values, and at most one, generic, error.
 */
final class ConfigInfosBuilder {

    private static final String HIDDEN = "[hidden]";

    private final String name;
    private final Map<String, String> redacted;
    private final List<ConfigInfo> configs = new ArrayList<>();
    private final Set<String> groups = new LinkedHashSet<>();
    private int errorCount;

    /** @param name the {@code connector.class} value as submitted */
    ConfigInfosBuilder(String name) {
        this(name, Map.of());
    }

    /**
     * @param name     the {@code connector.class} value as submitted
     * @param redacted the submitted text of every key whose value a config provider changed, by (prefixed) name
     */
    ConfigInfosBuilder(String name, Map<String, String> redacted) {
        this.name = name;
        this.redacted = Map.copyOf(redacted);
    }

    /** The generic error that replaces the errors of a provider-resolved value, which could quote the secret. */
    static String redactedError(String key) {
        return "Invalid value for configuration '" + key
                + "': the value resolved from the config provider reference failed validation";
    }

    /**
     * Adds the definitions and their values; values of keys that have no definition come first.
     *
     * @param keys the definitions, in the order the response lists them
     */
    ConfigInfosBuilder addMain(Map<String, ConfigKey> keys, Collection<ConfigValue> values) {
        Map<String, ConfigValue> valuesByName = new LinkedHashMap<>();
        for (ConfigValue value : values) {
            valuesByName.put(value.name(), value);
        }
        for (ConfigValue value : valuesByName.values()) {
            if (!keys.containsKey(value.name())) {
                ConfigValueInfo info = valueInfo(value, null);
                configs.add(new ConfigInfo(null, info));
                errorCount += info.errors().size();
            }
        }
        for (ConfigKey key : keys.values()) {
            ConfigValue value = valuesByName.get(key.name);
            addGroup(key);
            ConfigValueInfo info = value == null ? null : valueInfo(value, key);
            configs.add(new ConfigInfo(keyInfo(key, key.name), info));
            if (info != null) {
                errorCount += info.errors().size();
            }
        }
        return this;
    }

    /**
     * The results of a sub-validation (client overrides, a converter's settings), named without their prefix.
     *
     * @param prefix added to every name in the response, e.g. {@code producer.override.}
     * @param keys   the sub-validation's definitions, by unprefixed name; values without one get no definition
     */
    record Section(String prefix, Map<String, ConfigKey> keys, Collection<ConfigValue> values) {
    }

    /** Adds the results of a sub-validation under their prefixed names. */
    ConfigInfosBuilder addPrefixed(Section section) {
        String prefix = section.prefix();
        Map<String, ConfigKey> keys = section.keys();
        for (ConfigValue value : section.values()) {
            ConfigKey key = keys.get(value.name());
            String prefixedName = prefix + value.name();
            ConfigValue prefixed = new ConfigValue(prefixedName, value.value(), value.recommendedValues(),
                    value.errorMessages());
            prefixed.visible(value.visible());
            if (key != null) {
                addGroup(key);
            }
            configs.add(new ConfigInfo(key == null ? null : keyInfo(key, prefixedName), valueInfo(prefixed, key)));
            if (!value.errorMessages().isEmpty()) {
                errorCount++;
            }
        }
        return this;
    }

    ConfigInfos build() {
        return new ConfigInfos(name, errorCount, List.copyOf(groups), List.copyOf(configs));
    }

    private void addGroup(ConfigKey key) {
        if (key.group != null) {
            groups.add(key.group);
        }
    }

    /** The definition as the REST API shows it, under the given name. */
    static ConfigKeyInfo keyInfo(ConfigKey key, String name) {
        String defaultValue = key.hasDefault() ? asString(key.defaultValue, key.type) : null;
        return new ConfigKeyInfo(name, key.type.name(), !key.hasDefault(), defaultValue, key.importance.name(),
                key.documentation, key.group, key.orderInGroup, key.width.name(), key.displayName,
                List.copyOf(key.dependents));
    }

    private ConfigValueInfo valueInfo(ConfigValue value, ConfigKey key) {
        ConfigDef.Type type = key == null ? null : key.type;
        String submitted = redacted.get(value.name());
        if (submitted != null) {
            List<String> errors = value.errorMessages().isEmpty() ? List.of() : List.of(redactedError(value.name()));
            return new ConfigValueInfo(value.name(), asString(submitted, type), List.of(), errors, value.visible());
        }
        List<String> recommended = new ArrayList<>();
        for (Object candidate : value.recommendedValues()) {
            recommended.add(asString(candidate, type));
        }
        return new ConfigValueInfo(value.name(), asString(value.value(), type), recommended,
                List.copyOf(value.errorMessages()), value.visible());
    }

    /** A value in its config-file form: lists comma-joined, classes by name, passwords hidden. */
    static String asString(Object value, ConfigDef.Type type) {
        if (value == null) {
            return null;
        }
        if (type == ConfigDef.Type.PASSWORD) {
            return HIDDEN;
        }
        if (value instanceof Class) {
            return ((Class<?>) value).getName();
        }
        if (type == null || value instanceof String) {
            return value.toString();
        }
        try {
            return ConfigDef.convertToString(value, type);
        } catch (ClassCastException e) {
            // A connector's validate() may report a value of another type than its definition says.
            return value.toString();
        }
    }
}
