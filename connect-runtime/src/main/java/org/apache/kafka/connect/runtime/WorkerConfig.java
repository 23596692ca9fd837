package org.apache.kafka.connect.runtime;

import org.apache.kafka.clients.ClientDnsLookup;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidList;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.connect.runtime.isolation.PluginDiscoveryMode;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The worker properties shared by standalone and distributed workers (worker-config.md §1): Kafka connection,
 * default converters, offset commit timing, REST listeners, plugin discovery, metrics, TLS and the connector
 * client-override policy. Subclasses add their mode's keys to {@link #baseConfigDef()}.
 * <p>
 * {@code CLASS} values are loaded through the thread context class loader while the properties are parsed. Callers
 * must make the plugins' delegating loader current ({@code plugins.withClassLoader(plugins.delegatingLoader())})
 * before constructing a config, so that plugin classes and aliases such as {@code JsonConverter} resolve.
 * <p>
 * Config provider variables ({@code ${provider:path:key}}) in the properties are resolved while parsing, except that
 * plugin discovery reads {@code plugin.path} raw (a warning says so when a variable would have changed it).
 */
public class WorkerConfig extends AbstractConfig {

    private static final Logger log = LoggerFactory.getLogger(WorkerConfig.class);

    public static final String BOOTSTRAP_SERVERS_CONFIG = CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG;
    public static final String CLIENT_DNS_LOOKUP_CONFIG = CommonClientConfigs.CLIENT_DNS_LOOKUP_CONFIG;

    public static final String KEY_CONVERTER_CLASS_CONFIG = "key.converter";
    public static final String KEY_CONVERTER_VERSION = "key.converter.plugin.version";
    public static final String VALUE_CONVERTER_CLASS_CONFIG = "value.converter";
    public static final String VALUE_CONVERTER_VERSION = "value.converter.plugin.version";
    public static final String HEADER_CONVERTER_CLASS_CONFIG = "header.converter";
    public static final String HEADER_CONVERTER_VERSION = "header.converter.plugin.version";
    public static final String HEADER_CONVERTER_CLASS_DEFAULT = SimpleHeaderConverter.class.getName();

    public static final String TASK_SHUTDOWN_GRACEFUL_TIMEOUT_MS_CONFIG = "task.shutdown.graceful.timeout.ms";
    public static final long TASK_SHUTDOWN_GRACEFUL_TIMEOUT_MS_DEFAULT = 5_000L;
    public static final String OFFSET_COMMIT_INTERVAL_MS_CONFIG = "offset.flush.interval.ms";
    public static final long OFFSET_COMMIT_INTERVAL_MS_DEFAULT = 60_000L;
    public static final String OFFSET_COMMIT_TIMEOUT_MS_CONFIG = "offset.flush.timeout.ms";
    public static final long OFFSET_COMMIT_TIMEOUT_MS_DEFAULT = 5_000L;

    public static final String LISTENERS_CONFIG = "listeners";
    public static final String LISTENERS_DEFAULT = "http://:8083";
    public static final String REST_ADVERTISED_HOST_NAME_CONFIG = "rest.advertised.host.name";
    public static final String REST_ADVERTISED_PORT_CONFIG = "rest.advertised.port";
    public static final String REST_ADVERTISED_LISTENER_CONFIG = "rest.advertised.listener";
    public static final String ADMIN_LISTENERS_CONFIG = "admin.listeners";
    public static final String REST_EXTENSION_CLASSES_CONFIG = "rest.extension.classes";
    public static final String ACCESS_CONTROL_ALLOW_ORIGIN_CONFIG = "access.control.allow.origin";
    public static final String ACCESS_CONTROL_ALLOW_ORIGIN_DEFAULT = "";
    public static final String ACCESS_CONTROL_ALLOW_METHODS_CONFIG = "access.control.allow.methods";
    public static final String ACCESS_CONTROL_ALLOW_METHODS_DEFAULT = "";
    public static final String RESPONSE_HTTP_HEADERS_CONFIG = "response.http.headers.config";
    public static final String RESPONSE_HTTP_HEADERS_DEFAULT = "";
    public static final String SSL_CLIENT_AUTH_CONFIG = "ssl.client.auth";

    /** Prefix of the TLS settings of the REST server's HTTPS listeners (all-or-nothing over the plain ssl.* keys). */
    public static final String LISTENERS_HTTPS_CONFIGS_PREFIX = "listeners.https.";
    /** Prefix of the TLS settings of the HTTPS admin listeners. */
    public static final String ADMIN_LISTENERS_HTTPS_CONFIGS_PREFIX = "admin.listeners.https.";

    public static final String PLUGIN_PATH_CONFIG = "plugin.path";
    public static final String PLUGIN_DISCOVERY_CONFIG = PluginDiscoveryMode.CONFIG;
    public static final String CONFIG_PROVIDERS_CONFIG = "config.providers";

    public static final String CONNECTOR_CLIENT_POLICY_CLASS_CONFIG = "connector.client.config.override.policy";
    public static final String CONNECTOR_CLIENT_POLICY_CLASS_DEFAULT = "All";
    public static final String CONNECTOR_CLIENT_POLICY_ALLOWLIST_CONFIG = "connector.client.config.override.allowlist";

    public static final String TOPIC_CREATION_ENABLE_CONFIG = "topic.creation.enable";
    public static final String TOPIC_TRACKING_ENABLE_CONFIG = "topic.tracking.enable";
    public static final String TOPIC_TRACKING_ALLOW_RESET_CONFIG = "topic.tracking.allow.reset";

    public static final String METRICS_SAMPLE_WINDOW_MS_CONFIG = CommonClientConfigs.METRICS_SAMPLE_WINDOW_MS_CONFIG;
    public static final String METRICS_NUM_SAMPLES_CONFIG = CommonClientConfigs.METRICS_NUM_SAMPLES_CONFIG;
    public static final String METRICS_RECORDING_LEVEL_CONFIG = CommonClientConfigs.METRICS_RECORDING_LEVEL_CONFIG;
    public static final String METRIC_REPORTER_CLASSES_CONFIG = CommonClientConfigs.METRIC_REPORTER_CLASSES_CONFIG;
    /** Prefix of the labels added to the metrics context of the worker and of its connectors' clients. */
    public static final String METRICS_CONTEXT_PREFIX = CommonClientConfigs.METRICS_CONTEXT_PREFIX;

    public WorkerConfig(ConfigDef definition, Map<String, String> props) {
        // Passing the properties as provider settings resolves ${provider:path:key} variables in them.
        super(definition, props, props, true);
        warnIfPluginPathUsesVariables(props);
        warnAboutRemovedProperties(props);
    }

    /** The definitions every worker understands; mode-specific configs add their own to a copy of it. */
    protected static ConfigDef baseConfigDef() {
        ConfigDef def = new ConfigDef()
                .define(BOOTSTRAP_SERVERS_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT_VALUE,
                        ValidList.anyNonDuplicateValues(false, false), Importance.HIGH,
                        "Kafka brokers (host:port, comma separated) used for the initial connection by the worker's "
                                + "own clients and, unless overridden, by the clients of its connectors.")
                .define(CLIENT_DNS_LOOKUP_CONFIG, Type.STRING, ClientDnsLookup.USE_ALL_DNS_IPS.toString(),
                        ValidString.in(ClientDnsLookup.USE_ALL_DNS_IPS.toString(),
                                ClientDnsLookup.RESOLVE_CANONICAL_BOOTSTRAP_SERVERS_ONLY.toString()),
                        Importance.MEDIUM, CommonClientConfigs.CLIENT_DNS_LOOKUP_DOC)
                .define(KEY_CONVERTER_CLASS_CONFIG, Type.CLASS, Importance.HIGH,
                        "Converter between Connect data and the bytes of record keys, for connectors that set none.")
                .define(KEY_CONVERTER_VERSION, Type.STRING, null, Importance.LOW,
                        "Version (or Maven version range) of the key converter; unset means the newest installed.")
                .define(VALUE_CONVERTER_CLASS_CONFIG, Type.CLASS, Importance.HIGH,
                        "Converter between Connect data and the bytes of record values, for connectors that set none.")
                .define(VALUE_CONVERTER_VERSION, Type.STRING, null, Importance.LOW,
                        "Version (or Maven version range) of the value converter; unset means the newest installed.")
                .define(HEADER_CONVERTER_CLASS_CONFIG, Type.CLASS, HEADER_CONVERTER_CLASS_DEFAULT, Importance.LOW,
                        "HeaderConverter between Connect header values and header bytes, for connectors that set "
                                + "none.")
                .define(HEADER_CONVERTER_VERSION, Type.STRING, null, Importance.LOW,
                        "Version (or Maven version range) of the header converter; unset means the newest installed.")
                .define(TASK_SHUTDOWN_GRACEFUL_TIMEOUT_MS_CONFIG, Type.LONG, TASK_SHUTDOWN_GRACEFUL_TIMEOUT_MS_DEFAULT,
                        Importance.LOW,
                        "Total time to wait for a batch of stopping tasks to finish before they are cancelled.")
                .define(OFFSET_COMMIT_INTERVAL_MS_CONFIG, Type.LONG, OFFSET_COMMIT_INTERVAL_MS_DEFAULT, Importance.LOW,
                        "How often tasks commit their offsets.")
                .define(OFFSET_COMMIT_TIMEOUT_MS_CONFIG, Type.LONG, OFFSET_COMMIT_TIMEOUT_MS_DEFAULT, Importance.LOW,
                        "How long to wait for outstanding records to be flushed and offsets committed before the "
                                + "commit attempt is cancelled and retried later.")
                .define(PLUGIN_PATH_CONFIG, Type.LIST, null, ValidList.anyNonDuplicateValues(false, true),
                        Importance.LOW,
                        "Directories (or archives) holding plugins, comma separated; each child of a directory is "
                                + "one plugin with its own class loader. Config provider variables are not resolved "
                                + "here.")
                .define(PLUGIN_DISCOVERY_CONFIG, Type.STRING, PluginDiscoveryMode.HYBRID_WARN.toString(),
                        ConfigDef.CaseInsensitiveValidString.in(pluginDiscoveryModes()), Importance.LOW,
                        "How plugins are found: by scanning classes, by reading ServiceLoader manifests, or both "
                                + "(warning about, or failing on, plugins without manifests).")
                .define(METRICS_SAMPLE_WINDOW_MS_CONFIG, Type.LONG, 30_000L, ConfigDef.Range.atLeast(0),
                        Importance.LOW, CommonClientConfigs.METRICS_SAMPLE_WINDOW_MS_DOC)
                .define(METRICS_NUM_SAMPLES_CONFIG, Type.INT, 2, ConfigDef.Range.atLeast(1), Importance.LOW,
                        CommonClientConfigs.METRICS_NUM_SAMPLES_DOC)
                .define(METRICS_RECORDING_LEVEL_CONFIG, Type.STRING, Sensor.RecordingLevel.INFO.toString(),
                        ValidString.in(Sensor.RecordingLevel.INFO.toString(), Sensor.RecordingLevel.DEBUG.toString()),
                        Importance.LOW, CommonClientConfigs.METRICS_RECORDING_LEVEL_DOC)
                .define(METRIC_REPORTER_CLASSES_CONFIG, Type.LIST, JmxReporter.class.getName(),
                        ValidList.anyNonDuplicateValues(true, false), Importance.LOW,
                        CommonClientConfigs.METRIC_REPORTER_CLASSES_DOC)
                .define(CONFIG_PROVIDERS_CONFIG, Type.LIST, List.of(), ValidList.anyNonDuplicateValues(true, false),
                        Importance.LOW,
                        "Names of the ConfigProviders that resolve ${name:path:key} variables; each needs "
                                + "config.providers.<name>.class and takes config.providers.<name>.param.* settings.")
                .define(CONNECTOR_CLIENT_POLICY_CLASS_CONFIG, Type.STRING, CONNECTOR_CLIENT_POLICY_CLASS_DEFAULT,
                        Importance.MEDIUM,
                        "Class name or alias (All, None, Principal, Allowlist) of the "
                                + "ConnectorClientConfigOverridePolicy that decides which client settings connectors "
                                + "may override.")
                .define(CONNECTOR_CLIENT_POLICY_ALLOWLIST_CONFIG, Type.LIST, List.of(),
                        ValidList.anyNonDuplicateValues(true, false), Importance.MEDIUM,
                        "Client settings (without prefix) that connectors may override under the Allowlist policy.")
                .define(TOPIC_CREATION_ENABLE_CONFIG, Type.BOOLEAN, true, Importance.LOW,
                        "Whether source connectors may create their topics through their topic.creation.* "
                                + "settings.")
                .define(TOPIC_TRACKING_ENABLE_CONFIG, Type.BOOLEAN, true, Importance.LOW,
                        "Whether the worker records the topics each connector uses.")
                .define(TOPIC_TRACKING_ALLOW_RESET_CONFIG, Type.BOOLEAN, true, Importance.LOW,
                        "Whether the recorded topics of a connector may be reset through the REST API.")
                .define(LISTENERS_CONFIG, Type.LIST, LISTENERS_DEFAULT, new ListenersValidator(), Importance.LOW,
                        "REST API listeners, as comma-separated URLs such as http://myhost:8083,https://myhost:8443; "
                                + "an empty host binds all interfaces.")
                .define(REST_ADVERTISED_HOST_NAME_CONFIG, Type.STRING, null, Importance.LOW,
                        "Host name given to other workers to reach this one, if different from the listener's.")
                .define(REST_ADVERTISED_PORT_CONFIG, Type.INT, null, Importance.LOW,
                        "Port given to other workers to reach this one, if different from the listener's.")
                .define(REST_ADVERTISED_LISTENER_CONFIG, Type.STRING, null, Importance.LOW,
                        "Protocol (http or https) of the listener given to other workers.")
                .define(ACCESS_CONTROL_ALLOW_ORIGIN_CONFIG, Type.STRING, ACCESS_CONTROL_ALLOW_ORIGIN_DEFAULT,
                        Importance.LOW,
                        "Value of the Access-Control-Allow-Origin header of REST responses; blank disables CORS, "
                                + "* allows any origin.")
                .define(ACCESS_CONTROL_ALLOW_METHODS_CONFIG, Type.STRING, ACCESS_CONTROL_ALLOW_METHODS_DEFAULT,
                        Importance.LOW,
                        "Methods allowed in cross-origin requests (comma separated); blank means GET, POST, HEAD.")
                .define(RESPONSE_HTTP_HEADERS_CONFIG, Type.STRING, RESPONSE_HTTP_HEADERS_DEFAULT,
                        new ResponseHttpHeadersValidator(), Importance.LOW,
                        "Rules for headers added to REST responses.")
                .define(SSL_CLIENT_AUTH_CONFIG, Type.STRING, "none", ValidString.in("required", "requested", "none"),
                        Importance.LOW,
                        "Whether HTTPS listeners of the REST API ask clients for certificates: none, requested or "
                                + "required.")
                .define(REST_EXTENSION_CLASSES_CONFIG, Type.LIST, "", ValidList.anyNonDuplicateValues(true, false),
                        Importance.LOW,
                        "ConnectRestExtension classes to register with the REST API, in order.")
                .define(ADMIN_LISTENERS_CONFIG, Type.LIST, null, ValidList.anyNonDuplicateValues(true, true),
                        Importance.LOW,
                        "Listeners for the admin endpoints; unset means the REST listeners, an empty value "
                                + "disables the admin endpoints.");
        return def.withClientSslSupport();
    }

    private static String[] pluginDiscoveryModes() {
        PluginDiscoveryMode[] modes = PluginDiscoveryMode.values();
        String[] names = new String[modes.length];
        for (int i = 0; i < modes.length; i++) {
            names[i] = modes[i].name();
        }
        return names;
    }

    private void warnIfPluginPathUsesVariables(Map<String, String> rawProps) {
        String raw = rawProps.get(PLUGIN_PATH_CONFIG);
        Object resolved = originals().get(PLUGIN_PATH_CONFIG);
        if (raw != null && !Objects.equals(raw, resolved)) {
            log.warn("Variables cannot be used in '{}': plugins are discovered before config providers exist. "
                    + "The raw value '{}' was used for plugin discovery instead of the resolved value '{}'.",
                    PLUGIN_PATH_CONFIG, raw, resolved);
        }
    }

    private static void warnAboutRemovedProperties(Map<String, String> props) {
        for (String removed : List.of("internal.key.converter", "internal.value.converter")) {
            if (props.keySet().stream().anyMatch(key -> key.equals(removed) || key.startsWith(removed + "."))) {
                log.warn("The worker property '{}' and its sub-properties are no longer used and are ignored: "
                        + "internal data is always stored as JSON without schemas", removed);
            }
        }
    }

    /** The bootstrap servers as one comma-separated string, ready for a Kafka client config. */
    public String bootstrapServers() {
        return String.join(",", getList(BOOTSTRAP_SERVERS_CONFIG));
    }

    public List<String> listeners() {
        return getList(LISTENERS_CONFIG);
    }

    /** Null when unset (use the REST listeners); an empty list disables the admin endpoints. */
    public List<String> adminListeners() {
        return getList(ADMIN_LISTENERS_CONFIG);
    }

    public String restAdvertisedHostName() {
        return getString(REST_ADVERTISED_HOST_NAME_CONFIG);
    }

    public Integer restAdvertisedPort() {
        return getInt(REST_ADVERTISED_PORT_CONFIG);
    }

    /** The advertised listener protocol in lower case, or null when unset. */
    public String restAdvertisedListener() {
        String listener = getString(REST_ADVERTISED_LISTENER_CONFIG);
        return listener == null ? null : listener.toLowerCase(Locale.ROOT);
    }

    public long offsetCommitIntervalMs() {
        return getLong(OFFSET_COMMIT_INTERVAL_MS_CONFIG);
    }

    public boolean topicCreationEnable() {
        return getBoolean(TOPIC_CREATION_ENABLE_CONFIG);
    }

    public boolean topicTrackingEnable() {
        return getBoolean(TOPIC_TRACKING_ENABLE_CONFIG);
    }

    public boolean topicTrackingResetEnable() {
        return getBoolean(TOPIC_TRACKING_ALLOW_RESET_CONFIG);
    }

    public String connectorClientConfigOverridePolicy() {
        return getString(CONNECTOR_CLIENT_POLICY_CLASS_CONFIG);
    }

    /** The Connect cluster's group id; null for workers without one (standalone). */
    public String groupId() {
        return null;
    }

    /** Whether source tasks run with exactly-once semantics; only distributed workers can enable it. */
    public boolean exactlyOnceSourceEnabled() {
        return false;
    }

    /** Whether source connectors may use their own offsets topics; only distributed workers permit it. */
    public boolean connectorOffsetsTopicsPermitted() {
        return false;
    }

    /** The worker's global offsets topic; null for workers that keep offsets elsewhere. */
    public String offsetsTopic() {
        return null;
    }

    /** The group rebalance timeout, which also bounds some REST waits; null for workers without a group. */
    public Integer rebalanceTimeout() {
        return null;
    }

    /**
     * Checks {@code listeners}: at least one URL, and no blank element. The URLs themselves are checked when the
     * REST server starts.
     */
    private static final class ListenersValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (!(value instanceof List)) {
                throw new ConfigException("Invalid value type for listeners (expected list of URLs, ex: "
                        + "http://localhost:8080,https://localhost:8443).");
            }
            List<?> items = (List<?>) value;
            if (items.isEmpty()) {
                throw new ConfigException("Invalid value for listeners, at least one URL is expected, ex: "
                        + "http://localhost:8080,https://localhost:8443.");
            }
            for (Object item : items) {
                if (item == null || item.toString().isBlank()) {
                    throw new ConfigException("Empty URL found when parsing listeners list.");
                }
            }
        }

        @Override
        public String toString() {
            return "List of comma-separated URLs, ex: http://localhost:8080,https://localhost:8443.";
        }
    }

    /** Checks each rule of {@code response.http.headers.config} with {@link ResponseHttpHeaderRules}. */
    private static final class ResponseHttpHeadersValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String rules = (String) value;
            if (rules != null && !rules.isBlank()) {
                ResponseHttpHeaderRules.parse(rules);
            }
        }

        @Override
        public String toString() {
            return "Comma-separated header rules, each of the form '[action] [header name]:[header value]', "
                    + "in double quotes if it contains a comma";
        }
    }
}
