package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.runtime.errors.ToleranceType;
import org.apache.kafka.connect.runtime.isolation.PluginType;
import org.apache.kafka.connect.runtime.isolation.PluginVersionRequirement;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.apache.maven.artifact.versioning.InvalidVersionSpecificationException;
import org.apache.maven.artifact.versioning.VersionRange;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The configuration keys every connector has (connector-config.md §1): name, class and version, task count,
 * converters, transformations and predicates, config reload and error handling. {@link SinkConnectorConfig} and
 * {@link SourceConnectorConfig} add their kind's keys.
 * <p>
 * Parsing enriches the definition with the settings of each configured transformation and predicate (under
 * {@code transforms.<alias>.} and {@code predicates.<alias>.}), so their values are validated too. CLASS values are
 * loaded through the thread context class loader: make the plugins' delegating loader (or the connector's loader)
 * current while constructing a config, so that aliases resolve.
 */
public class ConnectorConfig extends AbstractConfig {

    public static final String COMMON_GROUP = "Common";
    public static final String TRANSFORMS_GROUP = "Transforms";
    public static final String PREDICATES_GROUP = "Predicates";
    public static final String ERROR_GROUP = "Error Handling";

    public static final String NAME_CONFIG = "name";
    public static final String CONNECTOR_CLASS_CONFIG = "connector.class";
    public static final String CONNECTOR_VERSION = "connector.plugin.version";
    public static final String TASKS_MAX_CONFIG = "tasks.max";
    public static final int TASKS_MAX_DEFAULT = 1;
    public static final String TASKS_MAX_ENFORCE_CONFIG = "tasks.max.enforce";
    public static final boolean TASKS_MAX_ENFORCE_DEFAULT = true;

    public static final String KEY_CONVERTER_CLASS_CONFIG = WorkerConfig.KEY_CONVERTER_CLASS_CONFIG;
    public static final String KEY_CONVERTER_VERSION_CONFIG = WorkerConfig.KEY_CONVERTER_VERSION;
    public static final String VALUE_CONVERTER_CLASS_CONFIG = WorkerConfig.VALUE_CONVERTER_CLASS_CONFIG;
    public static final String VALUE_CONVERTER_VERSION_CONFIG = WorkerConfig.VALUE_CONVERTER_VERSION;
    public static final String HEADER_CONVERTER_CLASS_CONFIG = WorkerConfig.HEADER_CONVERTER_CLASS_CONFIG;
    public static final String HEADER_CONVERTER_VERSION_CONFIG = WorkerConfig.HEADER_CONVERTER_VERSION;

    public static final String TRANSFORMS_CONFIG = "transforms";
    public static final String PREDICATES_CONFIG = "predicates";
    public static final String PREDICATES_PREFIX = "predicates.";
    /** Sub-keys every transformation alias has besides its plugin's own settings. */
    public static final String TYPE_CONFIG = "type";
    public static final String PLUGIN_VERSION_SUFFIX = "plugin.version";
    public static final String PREDICATE_CONFIG = "predicate";
    public static final String NEGATE_CONFIG = "negate";

    public static final String CONFIG_RELOAD_ACTION_CONFIG = "config.action.reload";
    public static final String CONFIG_RELOAD_ACTION_NONE = "none";
    public static final String CONFIG_RELOAD_ACTION_RESTART = "restart";

    public static final String ERRORS_RETRY_TIMEOUT_CONFIG = "errors.retry.timeout";
    public static final long ERRORS_RETRY_TIMEOUT_DEFAULT = 0;
    public static final String ERRORS_RETRY_MAX_DELAY_CONFIG = "errors.retry.delay.max.ms";
    public static final long ERRORS_RETRY_MAX_DELAY_DEFAULT = 60_000;
    public static final String ERRORS_TOLERANCE_CONFIG = "errors.tolerance";
    public static final ToleranceType ERRORS_TOLERANCE_DEFAULT = ToleranceType.NONE;
    public static final String ERRORS_LOG_ENABLE_CONFIG = "errors.log.enable";
    public static final String ERRORS_LOG_INCLUDE_MESSAGES_CONFIG = "errors.log.include.messages";

    public static final String CONNECTOR_CLIENT_PRODUCER_OVERRIDES_PREFIX = "producer.override.";
    public static final String CONNECTOR_CLIENT_CONSUMER_OVERRIDES_PREFIX = "consumer.override.";
    public static final String CONNECTOR_CLIENT_ADMIN_OVERRIDES_PREFIX = "admin.override.";

    private final Plugins plugins;

    public ConnectorConfig(Plugins plugins, Map<String, String> props) {
        this(plugins, configDef(), props);
    }

    /** @param configDef the connector kind's definitions; the transformation and predicate settings are added */
    public ConnectorConfig(Plugins plugins, ConfigDef configDef, Map<String, String> props) {
        super(enrich(plugins, configDef, props, true), props);
        this.plugins = plugins;
    }

    /** The definitions of the keys every connector has, grouped and ordered as in validation responses. */
    public static ConfigDef configDef() {
        return configDef(PluginRecommenders.NONE);
    }

    /** As {@link #configDef()}, recommending installed plugins and their versions. */
    static ConfigDef configDef(PluginRecommenders recommenders) {
        int order = 0;
        int errorOrder = 0;
        return new ConfigDef()
                .define(NAME_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                        ConfigDef.NonEmptyStringWithoutControlChars.nonEmptyStringWithoutControlChars(),
                        Importance.HIGH, "Globally unique name of the connector.", COMMON_GROUP, ++order,
                        Width.MEDIUM, "Connector name")
                .define(CONNECTOR_CLASS_CONFIG, Type.STRING, Importance.HIGH,
                        "Class of the connector: a full class name, its simple name, or its simple name without "
                                + "the Connector suffix when that is unambiguous.",
                        COMMON_GROUP, ++order, Width.LONG, "Connector class")
                .define(CONNECTOR_VERSION, Type.STRING, null, new PluginVersionValidator(), Importance.MEDIUM,
                        "Version (or Maven version range) of the connector; unset means the newest installed.",
                        COMMON_GROUP, ++order, Width.MEDIUM, "Connector version", recommenders.connectorVersions())
                .define(TASKS_MAX_CONFIG, Type.INT, TASKS_MAX_DEFAULT, ConfigDef.Range.atLeast(1), Importance.HIGH,
                        "Maximum number of tasks to run for this connector.", COMMON_GROUP, ++order, Width.SHORT,
                        "Tasks max")
                .define(TASKS_MAX_ENFORCE_CONFIG, Type.BOOLEAN, TASKS_MAX_ENFORCE_DEFAULT, Importance.LOW,
                        "(Deprecated) Whether a connector that generates more task configs than tasks.max fails; "
                                + "if false the extra tasks run and a warning is logged.",
                        COMMON_GROUP, ++order, Width.SHORT, "Enforce tasks max")
                .define(KEY_CONVERTER_CLASS_CONFIG, Type.CLASS, null, new PluginClassValidator(Converter.class),
                        Importance.LOW,
                        "Converter for record keys of this connector, overriding the worker's key.converter.",
                        COMMON_GROUP, ++order, Width.SHORT, "Key converter class",
                        recommenders.classesOf(PluginType.CONVERTER))
                .define(KEY_CONVERTER_VERSION_CONFIG, Type.STRING, null, new PluginVersionValidator(),
                        Importance.LOW, "Version (or Maven version range) of the key converter.",
                        COMMON_GROUP, ++order, Width.SHORT, "Key converter version",
                        recommenders.versionsOf(KEY_CONVERTER_CLASS_CONFIG, Converter.class))
                .define(VALUE_CONVERTER_CLASS_CONFIG, Type.CLASS, null, new PluginClassValidator(Converter.class),
                        Importance.LOW,
                        "Converter for record values of this connector, overriding the worker's value.converter.",
                        COMMON_GROUP, ++order, Width.SHORT, "Value converter class",
                        recommenders.classesOf(PluginType.CONVERTER))
                .define(VALUE_CONVERTER_VERSION_CONFIG, Type.STRING, null, new PluginVersionValidator(),
                        Importance.LOW, "Version (or Maven version range) of the value converter.",
                        COMMON_GROUP, ++order, Width.SHORT, "Value converter version",
                        recommenders.versionsOf(VALUE_CONVERTER_CLASS_CONFIG, Converter.class))
                .define(HEADER_CONVERTER_CLASS_CONFIG, Type.CLASS, null,
                        new PluginClassValidator(HeaderConverter.class), Importance.LOW,
                        "HeaderConverter for record headers of this connector, overriding the worker's "
                                + "header.converter.",
                        COMMON_GROUP, ++order, Width.SHORT, "Header converter class",
                        recommenders.classesOf(PluginType.HEADER_CONVERTER))
                .define(HEADER_CONVERTER_VERSION_CONFIG, Type.STRING, null, new PluginVersionValidator(),
                        Importance.LOW, "Version (or Maven version range) of the header converter.",
                        COMMON_GROUP, ++order, Width.SHORT, "Header converter version",
                        recommenders.versionsOf(HEADER_CONVERTER_CLASS_CONFIG, HeaderConverter.class))
                .define(TRANSFORMS_CONFIG, Type.LIST, List.of(), new UniqueAliases("transformation aliases"),
                        Importance.LOW, "Aliases of the transformations to apply to records, in order.",
                        TRANSFORMS_GROUP, ++order, Width.LONG, "Transforms")
                .define(PREDICATES_CONFIG, Type.LIST, List.of(), new UniqueAliases("predicate aliases"), Importance.LOW,
                        "Aliases of the predicates that transformations may refer to.",
                        PREDICATES_GROUP, ++order, Width.LONG, "Predicates")
                .define(CONFIG_RELOAD_ACTION_CONFIG, Type.STRING, CONFIG_RELOAD_ACTION_RESTART,
                        ConfigDef.ValidString.in(CONFIG_RELOAD_ACTION_NONE, CONFIG_RELOAD_ACTION_RESTART),
                        Importance.LOW,
                        "What to do when a config provider says a value this connector uses will change: "
                                + "'restart' the connector after the value's time to live, or 'none'.",
                        COMMON_GROUP, ++order, Width.MEDIUM, "Reload Action")
                .define(ERRORS_RETRY_TIMEOUT_CONFIG, Type.LONG, ERRORS_RETRY_TIMEOUT_DEFAULT, Importance.MEDIUM,
                        "How long (ms) to keep retrying an operation that failed with a retriable error; 0 means "
                                + "no retries, -1 retries forever.",
                        ERROR_GROUP, ++errorOrder, Width.MEDIUM, "Retry Timeout for Errors")
                .define(ERRORS_RETRY_MAX_DELAY_CONFIG, Type.LONG, ERRORS_RETRY_MAX_DELAY_DEFAULT, Importance.MEDIUM,
                        "Longest back-off (ms) between two retries of a failed operation.",
                        ERROR_GROUP, ++errorOrder, Width.MEDIUM, "Maximum Delay Between Retries for Errors")
                .define(ERRORS_TOLERANCE_CONFIG, Type.STRING, ERRORS_TOLERANCE_DEFAULT.value(),
                        ConfigDef.ValidString.in(ToleranceType.NONE.value(), ToleranceType.ALL.value()),
                        Importance.MEDIUM,
                        "'none' fails the task at the first record error; 'all' skips records that fail.",
                        ERROR_GROUP, ++errorOrder, Width.SHORT, "Error Tolerance")
                .define(ERRORS_LOG_ENABLE_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM,
                        "Whether to log each failed operation and its record's position.",
                        ERROR_GROUP, ++errorOrder, Width.SHORT, "Log Errors")
                .define(ERRORS_LOG_INCLUDE_MESSAGES_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM,
                        "Whether error logs include the record (source) or its topic, partition, offset and "
                                + "timestamp (sink).",
                        ERROR_GROUP, ++errorOrder, Width.SHORT, "Log Error Details");
    }

    /**
     * Adds to {@code baseConfigDef} the settings of every transformation and predicate {@code props} configure:
     * for each alias its {@code type} and {@code plugin.version}, the plugin's own {@code config()} under the
     * alias prefix, and for transformations {@code predicate} and {@code negate}.
     *
     * @param requireFullConfig true when parsing a config to run it: a missing or unusable plugin class then throws;
     *                          false when validating: problems are reported as errors on the alias's keys
     * @throws ConfigException if {@code requireFullConfig} and a transformation or predicate cannot be loaded
     */
    public static ConfigDef enrich(Plugins plugins, ConfigDef baseConfigDef, Map<String, String> props,
                                   boolean requireFullConfig) {
        return new TransformationConfigEnricher(plugins, props, requireFullConfig).enrich(baseConfigDef);
    }

    public int tasksMax() {
        return getInt(TASKS_MAX_CONFIG);
    }

    public boolean enforceTasksMax() {
        return getBoolean(TASKS_MAX_ENFORCE_CONFIG);
    }

    /** The {@code connector.class} value as configured: a class name or an alias. */
    public String connectorClass() {
        return getString(CONNECTOR_CLASS_CONFIG);
    }

    /** The versions of the connector that may run, or null for the newest installed. */
    public VersionRange connectorVersionRange() {
        return versionRange(getString(CONNECTOR_VERSION));
    }

    public long errorRetryTimeout() {
        return getLong(ERRORS_RETRY_TIMEOUT_CONFIG);
    }

    public long errorMaxDelayInMillis() {
        return getLong(ERRORS_RETRY_MAX_DELAY_CONFIG);
    }

    public ToleranceType errorToleranceType() {
        return ToleranceType.forConfigValue(getString(ERRORS_TOLERANCE_CONFIG));
    }

    public boolean enableErrorLog() {
        return getBoolean(ERRORS_LOG_ENABLE_CONFIG);
    }

    public boolean includeRecordDetailsInErrorLog() {
        return getBoolean(ERRORS_LOG_INCLUDE_MESSAGES_CONFIG);
    }

    /**
     * Creates and configures the transformation chain of a task, resolving the connector's class loader to prefer
     * the transformations and predicates packaged with the connector.
     */
    public <R extends ConnectRecord<R>> List<TransformationStage<R>> transformationStages(Plugins plugins,
                                                                                        ConnectorTaskId id) {
        return transformationStages(plugins, id, plugins.connectorLoader(connectorClass(), connectorVersionRange()));
    }

    /**
     * Creates and configures one stage per alias of {@code transforms}, in order. Each transformation is configured
     * with its {@code transforms.<alias>.*} settings (prefix removed, without {@code predicate} and {@code negate});
     * its predicate, if any, with the {@code predicates.<name>.*} settings (prefix removed). Among the installed
     * copies allowed by a {@code plugin.version} setting, the one packaged with the connector wins, else the newest.
     *
     * @param connectorLoader the class loader of the connector's plugin location
     * @throws ConfigException if a transformation refers to a predicate that {@code predicates} does not list
     * @throws org.apache.kafka.connect.errors.ConnectException if a plugin cannot be loaded
     */
    public <R extends ConnectRecord<R>> List<TransformationStage<R>> transformationStages(
            Plugins plugins, ConnectorTaskId id, ClassLoader connectorLoader) {
        return new TransformationStageFactory(plugins, this, connectorLoader).createStages(id);
    }

    /** The plugins this config was parsed with. */
    Plugins plugins() {
        return plugins;
    }

    /** Parses a KIP-891 version requirement that a validator already accepted; null means any version. */
    static VersionRange versionRange(String spec) {
        try {
            return PluginVersionRequirement.parse(spec);
        } catch (InvalidVersionSpecificationException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** Rejects version requirements that are not valid Maven versions or ranges, with the parser's message. */
    static final class PluginVersionValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value != null) {
                versionRange(value.toString());
            }
        }

        @Override
        public String toString() {
            return "a version or Maven version range";
        }
    }

    /** Rejects a list of aliases (or group names) that names one twice. */
    static final class UniqueAliases implements ConfigDef.Validator {
        private final String description;

        /** @param description what the list holds, e.g. {@code transformation aliases} */
        UniqueAliases(String description) {
            this.description = description;
        }

        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                throw new ConfigException(name, null, "Value must not be null.");
            }
            List<?> aliases = (List<?>) value;
            Set<Object> seen = new HashSet<>();
            for (Object alias : aliases) {
                if (!seen.add(alias)) {
                    throw new ConfigException(name, value, "Duplicate alias provided.");
                }
            }
        }

        @Override
        public String toString() {
            return "non-null string, unique " + description;
        }
    }
}
