package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigRequest.ClientType;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.NotFoundException;
import org.apache.kafka.connect.runtime.isolation.LoaderSwap;
import org.apache.kafka.connect.runtime.isolation.PluginDesc;
import org.apache.kafka.connect.runtime.isolation.PluginType;
import org.apache.kafka.connect.runtime.isolation.PluginVersionRequirement;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.runtime.isolation.VersionedPluginLoadingException;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.runtime.rest.entities.ConfigKeyInfo;
import org.apache.kafka.connect.runtime.rest.errors.BadRequestException;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.ConverterType;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.apache.maven.artifact.versioning.InvalidVersionSpecificationException;
import org.apache.maven.artifact.versioning.VersionRange;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Validates connector configs for {@code PUT /connector-plugins/{plugin}/config/validate} and before configs are
 * stored (rest-api.md, connector-config.md §5), and describes plugin configs for
 * {@code GET /connector-plugins/{plugin}/config}.
 * <p>
 * Validation covers the framework keys (with the transformations' and predicates' own settings), the sink topic and
 * source exactly-once rules, the connector's own {@code config()} and {@code validate()}, the settings of converters
 * the connector chooses, and its client overrides against the worker's policy. Problems with the config are errors
 * in the returned {@link ConfigInfos}; problems that prevent validating it are exceptions.
 * <p>
 * Connector configs may not declare config providers: {@code config.providers*} keys are dropped first. Variables of
 * the worker's providers are resolved for validation only, and the response shows keys whose value they changed
 * with the submitted text and a generic error instead of the real one ({@link ConfigInfosBuilder}).
 * <p>
 * Thread-safe; each call may instantiate the connector and plugins it names.
 */
public class ConnectorValidator {

    static final String NULL_VALUE_MESSAGE = "Null value can not be supplied as the configuration value.";

    private static final List<PluginType> DESCRIBABLE_TYPES = List.of(PluginType.SINK, PluginType.SOURCE,
            PluginType.CONVERTER, PluginType.HEADER_CONVERTER, PluginType.TRANSFORMATION, PluginType.PREDICATE);

    private final Plugins plugins;
    private final WorkerConfig workerConfig;
    private final ClientOverrideValidation overrideValidation;
    private final ConverterConfigValidation converterValidation;
    private final ValidationDefaults defaults;
    private final WorkerConfigTransformer configTransformer;

    /** A validator that does not resolve config-provider variables. */
    public ConnectorValidator(Plugins plugins, WorkerConfig workerConfig,
                              ConnectorClientConfigOverridePolicy overridePolicy) {
        this(plugins, workerConfig, overridePolicy, null);
    }

    /** @param configTransformer resolves config-provider variables before validating; may be null */
    public ConnectorValidator(Plugins plugins, WorkerConfig workerConfig,
                              ConnectorClientConfigOverridePolicy overridePolicy,
                              WorkerConfigTransformer configTransformer) {
        this.plugins = plugins;
        this.configTransformer = configTransformer;
        this.workerConfig = workerConfig;
        this.overrideValidation = new ClientOverrideValidation(overridePolicy);
        this.converterValidation = new ConverterConfigValidation(plugins);
        this.defaults = new ValidationDefaults(plugins, workerConfig);
    }

    /**
     * @param connectorProps the submitted config; values may be null (JSON null)
     * @throws BadRequestException if the config names no connector class, a class that is not an installed
     *                             connector, an unparsable {@code connector.plugin.version}, or the connector returns
     *                             null from {@code config()} or {@code validate()}
     */
    public ConfigInfos validate(Map<String, String> connectorProps) {
        Map<String, String> submitted = withoutConfigProviders(connectorProps);
        Map<String, String> props = configTransformer == null ? submitted : configTransformer.transform(submitted);
        Map<String, String> redacted = changedByProviders(submitted, props);
        String connectorClassName = props.get(ConnectorConfig.CONNECTOR_CLASS_CONFIG);
        if (connectorClassName == null) {
            throw new BadRequestException("Connector config contains no connector type");
        }
        VersionRange range = parseVersion(props.get(ConnectorConfig.CONNECTOR_VERSION));
        Connector connector;
        try (LoaderSwap swap = plugins.withClassLoader(plugins.delegatingLoader())) {
            connector = plugins.newConnector(connectorClassName, range);
        } catch (VersionedPluginLoadingException e) {
            return connectorVersionNotFound(connectorClassName, props, redacted, e);
        } catch (ConnectException e) {
            throw new BadRequestException(e.getMessage(), e);
        }
        ClassLoader connectorLoader = PluginLoaders.loaderOf(plugins, connector.getClass());
        try (LoaderSwap swap = plugins.withClassLoader(connectorLoader)) {
            return validate(connector, connectorClassName, props, redacted, connectorLoader);
        }
    }

    /** The submitted text of every key whose value the config providers changed. */
    private static Map<String, String> changedByProviders(Map<String, String> submitted,
                                                          Map<String, String> resolved) {
        Map<String, String> changed = new LinkedHashMap<>();
        submitted.forEach((key, value) -> {
            if (WorkerConfigTransformer.hasVariable(value) && !Objects.equals(value, resolved.get(key))) {
                changed.put(key, value);
            }
        });
        return changed;
    }

    private ConfigInfos validate(Connector connector, String connectorClassName, Map<String, String> props,
                                 Map<String, String> redacted, ClassLoader connectorLoader) {
        boolean isSink = connector instanceof SinkConnector;
        PluginRecommenders recommenders = new PluginRecommenders(plugins);
        ConfigDef baseDef = isSink ? SinkConnectorConfig.configDef(recommenders)
                : SourceConnectorConfig.configDef(recommenders);
        baseDef = defaults.apply(baseDef, props, versionOf(connector), connectorLoader);
        ConfigDef enrichedDef = ConnectorConfig.enrich(plugins, baseDef, props, false);
        Map<String, ConfigValue> validated = enrichedDef.validateAll(props);

        PreflightChecks preflight = new PreflightChecks(workerConfig, props, validated);
        if (isSink) {
            preflight.checkSinkTopics();
            preflight.checkSinkConsumerGroup();
        } else {
            preflight.checkExactlyOnceSupport((SourceConnector) connector);
        }
        List<ConfigValue> extraValues = nullValueErrors(props, validated);

        ConfigDef connectorDef = connector.config();
        if (connectorDef == null) {
            throw new BadRequestException(connector.getClass().getName()
                    + ".config() must return a ConfigDef that is not null.");
        }
        Config connectorResult = connector.validate(props);
        if (connectorResult == null) {
            throw new BadRequestException(connector.getClass().getName()
                    + ".validate() must return a Config that is not null.");
        }

        // Load failures of converters are errors on the framework keys, so they are known before those are listed.
        List<ConfigInfosBuilder.Section> converterSections = new ArrayList<>();
        for (ConverterType type : List.of(ConverterType.HEADER, ConverterType.KEY, ConverterType.VALUE)) {
            String classKey = type.getName() + ".converter";
            converterValidation.validate(classKey, classKey + "." + ConnectorConfig.PLUGIN_VERSION_SUFFIX, type,
                    props, validated, connectorLoader).ifPresent(converterSections::add);
        }

        Map<String, ConfigKey> keys = new LinkedHashMap<>(enrichedDef.configKeys());
        keys.putAll(connectorDef.configKeys());
        List<ConfigValue> values = new ArrayList<>(extraValues);
        values.addAll(validated.values());
        values.addAll(connectorResult.configValues());

        ConfigInfosBuilder result = new ConfigInfosBuilder(connectorClassName, redacted).addMain(keys, values);
        for (ClientType clientType : overriddenClients(isSink, props)) {
            overrideValidation.validate(clientType, props, connector.getClass()).ifPresent(result::addPrefixed);
        }
        converterSections.forEach(result::addPrefixed);
        return result.build();
    }

    /**
     * The clients whose overrides are checked: those the worker would create for the connector (rest-api.md,
     * validate step 7), in the order producer, consumer, admin.
     */
    private List<ClientType> overriddenClients(boolean isSink, Map<String, String> props) {
        boolean distributed = workerConfig.groupId() != null;
        List<ClientType> clients = new ArrayList<>();
        if (isSink) {
            boolean hasDlq = SinkConnectorConfig.hasDlqTopicConfig(props);
            if (hasDlq) {
                clients.add(ClientType.PRODUCER);
            }
            clients.add(ClientType.CONSUMER);
            if (hasDlq) {
                clients.add(ClientType.ADMIN);
            }
            return clients;
        }
        String offsetsTopic = props.get(SourceConnectorConfig.OFFSETS_TOPIC_CONFIG);
        boolean readsOffsetsTopic = distributed
                && (workerConfig.exactlyOnceSourceEnabled() || (offsetsTopic != null && !offsetsTopic.isBlank()));
        clients.add(ClientType.PRODUCER);
        if (readsOffsetsTopic) {
            clients.add(ClientType.CONSUMER);
        }
        if (readsOffsetsTopic || SourceConnectorConfig.usesTopicCreation(props, workerConfig.topicCreationEnable())) {
            clients.add(ClientType.ADMIN);
        }
        return clients;
    }

    /** Adds the null-value error to each key submitted as JSON null; returns values for keys not defined. */
    private static List<ConfigValue> nullValueErrors(Map<String, String> props, Map<String, ConfigValue> validated) {
        List<ConfigValue> undefined = new ArrayList<>();
        props.forEach((key, value) -> {
            if (value == null) {
                ConfigValue configValue = validated.get(key);
                if (configValue == null) {
                    configValue = new ConfigValue(key);
                    undefined.add(configValue);
                }
                configValue.addErrorMessage(NULL_VALUE_MESSAGE);
            }
        });
        return undefined;
    }

    /**
     * When no installed copy of the connector is in the requested range: the common definitions validated, with
     * the loading error on {@code connector.class} and {@code connector.plugin.version}.
     */
    private ConfigInfos connectorVersionNotFound(String connectorClassName, Map<String, String> props,
                                                 Map<String, String> redacted, VersionedPluginLoadingException error) {
        PluginRecommenders recommenders = new PluginRecommenders(plugins);
        ConfigDef def = defaults.withConnectorVersionDefault(ConnectorConfig.configDef(recommenders),
                latestConnectorVersion(connectorClassName));
        Map<String, ConfigValue> validated;
        try (LoaderSwap swap = plugins.withClassLoader(plugins.delegatingLoader())) {
            validated = def.validateAll(props);
        }
        validated.get(ConnectorConfig.CONNECTOR_CLASS_CONFIG).addErrorMessage(error.getMessage());
        validated.get(ConnectorConfig.CONNECTOR_VERSION).addErrorMessage(error.getMessage());
        return new ConfigInfosBuilder(connectorClassName, redacted).addMain(def.configKeys(), validated.values())
                .build();
    }

    private String latestConnectorVersion(String connectorClassName) {
        try {
            return plugins.latestVersion(plugins.connectorClass(connectorClassName, null).getName());
        } catch (ConnectException e) {
            return null;
        }
    }

    /**
     * The definitions of a plugin's settings. For a connector, its own settings come first, then the framework
     * settings it does not define itself.
     *
     * @param pluginName  a class name or alias of a connector, converter, header converter, transformation or
     *                    predicate
     * @param versionSpec a KIP-891 version requirement; null or {@code latest} for the newest installed
     * @throws NotFoundException   if no plugin has that name
     * @throws BadRequestException if the plugin is of another kind, the version requirement cannot be parsed, or no
     *                             installed copy is in range
     */
    public List<ConfigKeyInfo> pluginConfig(String pluginName, String versionSpec) {
        VersionRange range;
        try {
            range = PluginVersionRequirement.parse(versionSpec);
        } catch (InvalidVersionSpecificationException e) {
            throw new BadRequestException("Invalid version specification: " + versionSpec, e);
        }
        String className = plugins.delegatingLoader().resolveAlias(pluginName);
        PluginType type = pluginType(className, pluginName);
        Object plugin;
        try (LoaderSwap swap = plugins.withClassLoader(plugins.delegatingLoader())) {
            plugin = plugins.newPlugin(className, type.superClass(), range, null);
        } catch (ConnectException e) {
            throw new BadRequestException(e.getMessage(), e);
        }
        ConfigDef configDef;
        try (LoaderSwap swap = plugins.withClassLoader(PluginLoaders.loaderOf(plugins, plugin.getClass()))) {
            configDef = configOf(plugin, type);
        }
        Map<String, ConfigKey> keys = new LinkedHashMap<>(configDef == null ? Map.of() : configDef.configKeys());
        if (type.isConnector()) {
            PluginRecommenders recommenders = new PluginRecommenders(plugins);
            ConfigDef frameworkDef = type == PluginType.SINK ? SinkConnectorConfig.configDef(recommenders)
                    : SourceConnectorConfig.configDef(recommenders);
            frameworkDef = defaults.withConnectorVersionDefault(frameworkDef, versionOf(plugin));
            frameworkDef.configKeys().forEach(keys::putIfAbsent);
        }
        List<ConfigKeyInfo> infos = new ArrayList<>();
        keys.values().forEach(key -> infos.add(ConfigInfosBuilder.keyInfo(key, key.name)));
        return infos;
    }

    private static ConfigDef configOf(Object plugin, PluginType type) {
        switch (type) {
            case SINK:
            case SOURCE:
                return ((Connector) plugin).config();
            case CONVERTER:
                return ((Converter) plugin).config();
            case HEADER_CONVERTER:
                return ((HeaderConverter) plugin).config();
            case TRANSFORMATION:
                return ((Transformation<?>) plugin).config();
            default:
                return ((Predicate<?>) plugin).config();
        }
    }

    /**
     * The kind of plugin the class is: the first describable kind it is installed as, else (for a class on the
     * class path that discovery did not list) the first describable kind it implements.
     */
    private PluginType pluginType(String className, String pluginName) {
        List<PluginType> kinds = new ArrayList<>();
        for (PluginType type : PluginType.values()) {
            if (plugins.plugins(type).stream().anyMatch(p -> p.className().equals(className))) {
                kinds.add(type);
            }
        }
        if (kinds.isEmpty()) {
            Class<?> klass = loadClass(className);
            for (PluginType type : PluginType.values()) {
                if (klass != null && type.superClass().isAssignableFrom(klass)) {
                    kinds.add(type);
                }
            }
        }
        if (kinds.isEmpty()) {
            throw new NotFoundException("Unknown plugin " + pluginName + ".");
        }
        return kinds.stream().filter(DESCRIBABLE_TYPES::contains).findFirst().orElseThrow(() ->
                new BadRequestException("Invalid plugin class " + pluginName + ". Valid types are sink, source, "
                        + "converter, header_converter, transformation, predicate."));
    }

    private Class<?> loadClass(String className) {
        try {
            return plugins.delegatingLoader().loadClass(className);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** The version of an instantiated plugin's copy, or what the instance reports if discovery did not list it. */
    private String versionOf(Object plugin) {
        String version = versionOf(plugin.getClass());
        if (!PluginDesc.UNDEFINED_VERSION.equals(version) || !(plugin instanceof Versioned)) {
            return version;
        }
        try (LoaderSwap swap = plugins.withClassLoader(PluginLoaders.loaderOf(plugins, plugin.getClass()))) {
            String reported = ((Versioned) plugin).version();
            return reported == null ? PluginDesc.UNDEFINED_VERSION : reported;
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

    private static VersionRange parseVersion(String spec) {
        try {
            return PluginVersionRequirement.parse(spec);
        } catch (InvalidVersionSpecificationException e) {
            throw new BadRequestException(e.getMessage(), e);
        }
    }

    /** Connector configs may not declare their own config providers: such keys are dropped before validating. */
    private static Map<String, String> withoutConfigProviders(Map<String, String> props) {
        Map<String, String> kept = new LinkedHashMap<>();
        props.forEach((key, value) -> {
            if (!key.equals(WorkerConfig.CONFIG_PROVIDERS_CONFIG)
                    && !key.startsWith(WorkerConfig.CONFIG_PROVIDERS_CONFIG + ".")) {
                kept.put(key, value);
            }
        });
        return kept;
    }
}
