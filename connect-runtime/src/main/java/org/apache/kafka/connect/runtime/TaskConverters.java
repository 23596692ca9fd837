package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.runtime.isolation.PluginDesc;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.ConverterConfig;
import org.apache.kafka.connect.storage.ConverterType;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.apache.maven.artifact.versioning.VersionRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The key, value and header converters of one task. A converter the connector config names (e.g.
 * {@code key.converter}) replaces the worker's, and is configured with the connector's {@code key.converter.*}
 * settings; otherwise the worker's converter is used with the worker's settings. Key and value converters are
 * configured with {@code isKey}; header converters with {@code converter.type=header}.
 * <p>
 * The accessors return the converters wrapped so that every call, per-record ones included, runs with the
 * converter's plugin class loader as the thread context loader (4.1+).
 */
public final class TaskConverters {

    private static final Logger log = LoggerFactory.getLogger(TaskConverters.class);

    private final LoaderSwappingConverter keyConverter;
    private final LoaderSwappingConverter valueConverter;
    private final LoaderSwappingHeaderConverter headerConverter;

    /** Converters that are already configured; each runs with the loader of its own class. */
    public TaskConverters(Converter keyConverter, Converter valueConverter, HeaderConverter headerConverter) {
        this(new LoaderSwappingConverter(keyConverter, keyConverter.getClass().getClassLoader()),
                new LoaderSwappingConverter(valueConverter, valueConverter.getClass().getClassLoader()),
                new LoaderSwappingHeaderConverter(headerConverter, headerConverter.getClass().getClassLoader()));
    }

    TaskConverters(LoaderSwappingConverter keyConverter, LoaderSwappingConverter valueConverter,
                   LoaderSwappingHeaderConverter headerConverter) {
        this.keyConverter = keyConverter;
        this.valueConverter = valueConverter;
        this.headerConverter = headerConverter;
    }

    /**
     * Creates and configures the converters of a task of the connector.
     * <p>
     * Which installed copy is used (KIP-891): for a converter the connector names without a version, the copy
     * packaged with the connector if there is one, else the newest; with a {@code *.plugin.version}, the newest
     * copy in that range. A worker converter is the newest copy in the worker's {@code *.plugin.version} range.
     *
     * @param connectorLoader the connector's class loader
     * @throws org.apache.kafka.connect.errors.ConnectException if a converter cannot be loaded or configured
     */
    public static TaskConverters create(Plugins plugins, WorkerConfig workerConfig, ConnectorConfig connConfig,
                                        ClassLoader connectorLoader) {
        LoaderSwappingConverter key = converter(plugins, workerConfig, connConfig, connectorLoader,
                ConnectorConfig.KEY_CONVERTER_CLASS_CONFIG, ConnectorConfig.KEY_CONVERTER_VERSION_CONFIG, true);
        LoaderSwappingConverter value = null;
        try {
            value = converter(plugins, workerConfig, connConfig, connectorLoader,
                    ConnectorConfig.VALUE_CONVERTER_CLASS_CONFIG, ConnectorConfig.VALUE_CONVERTER_VERSION_CONFIG,
                    false);
            LoaderSwappingHeaderConverter header = headerConverter(plugins, workerConfig, connConfig,
                    connectorLoader);
            return new TaskConverters(key, value, header);
        } catch (RuntimeException | LinkageError e) {
            closeQuietly(key);
            closeQuietly(value);
            throw e;
        }
    }

    public Converter keyConverter() {
        return keyConverter;
    }

    public Converter valueConverter() {
        return valueConverter;
    }

    public HeaderConverter headerConverter() {
        return headerConverter;
    }

    /**
     * Gives each {@code Monitorable} converter its plugin metrics, tagged {@code connector}, {@code task} and
     * {@code converter=key|value|header}; they are removed when the converter is closed.
     */
    void attachPluginMetrics(Metrics metrics, ConnectorTaskId id) {
        keyConverter.attachPluginMetrics(metrics, pluginTags(id, "key"));
        valueConverter.attachPluginMetrics(metrics, pluginTags(id, "value"));
        headerConverter.attachPluginMetrics(metrics, pluginTags(id, "header"));
    }

    private static Map<String, String> pluginTags(ConnectorTaskId id, String converter) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("connector", id.connector());
        tags.put("task", Integer.toString(id.task()));
        tags.put("converter", converter);
        return tags;
    }

    /** The version each converter plugin reports ({@code undefined} if it reports none). */
    String keyConverterVersion() {
        return versionOf(keyConverter);
    }

    String valueConverterVersion() {
        return versionOf(valueConverter);
    }

    String headerConverterVersion() {
        return versionOf(headerConverter);
    }

    private static String versionOf(Versioned converter) {
        try {
            String version = converter.version();
            return version == null ? PluginDesc.UNDEFINED_VERSION : version;
        } catch (RuntimeException | LinkageError e) {
            log.debug("Failed to get the version of converter {}", converter, e);
            return PluginDesc.UNDEFINED_VERSION;
        }
    }

    /** The class of the key converter plugin (not of its wrapper), as error reports name it. */
    Class<?> keyConverterClass() {
        return keyConverter.plugin().getClass();
    }

    Class<?> valueConverterClass() {
        return valueConverter.plugin().getClass();
    }

    Class<?> headerConverterClass() {
        return headerConverter.plugin().getClass();
    }

    private static LoaderSwappingConverter converter(Plugins plugins, WorkerConfig workerConfig,
                                                     ConnectorConfig connConfig, ClassLoader connectorLoader,
                                                     String classKey, String versionKey, boolean isKey) {
        Source source = Source.of(workerConfig, connConfig, connectorLoader, classKey, versionKey);
        Converter plugin = plugins.newPlugin(source.className, Converter.class, source.range,
                source.preferredLoader);
        LoaderSwappingConverter converter = new LoaderSwappingConverter(plugin,
                PluginLoaders.loaderOf(plugins, plugin.getClass()));
        Map<String, Object> settings = source.config.originalsWithPrefix(classKey + ".");
        try {
            converter.configure(settings, isKey);
        } catch (RuntimeException | LinkageError e) {
            closeQuietly(converter);
            throw e;
        }
        log.debug("Using {} {} as {} converter", source.owner, plugin.getClass().getName(), isKey ? "key" : "value");
        return converter;
    }

    private static LoaderSwappingHeaderConverter headerConverter(Plugins plugins, WorkerConfig workerConfig,
                                                                 ConnectorConfig connConfig,
                                                                 ClassLoader connectorLoader) {
        String classKey = ConnectorConfig.HEADER_CONVERTER_CLASS_CONFIG;
        Source source = Source.of(workerConfig, connConfig, connectorLoader, classKey,
                ConnectorConfig.HEADER_CONVERTER_VERSION_CONFIG);
        HeaderConverter plugin = plugins.newPlugin(source.className, HeaderConverter.class, source.range,
                source.preferredLoader);
        LoaderSwappingHeaderConverter converter = new LoaderSwappingHeaderConverter(plugin,
                PluginLoaders.loaderOf(plugins, plugin.getClass()));
        Map<String, Object> settings = source.config.originalsWithPrefix(classKey + ".");
        settings.put(ConverterConfig.TYPE_CONFIG, ConverterType.HEADER.getName());
        try {
            converter.configure(settings);
        } catch (RuntimeException | LinkageError e) {
            closeQuietly(converter);
            throw e;
        }
        log.debug("Using {} {} as header converter", source.owner, plugin.getClass().getName());
        return converter;
    }

    /** Where a converter comes from: the connector config if it names the class, else the worker config. */
    private static final class Source {
        final AbstractConfig config;
        final String owner;
        final String className;
        final VersionRange range;
        final ClassLoader preferredLoader;

        private Source(AbstractConfig config, String owner, String className, VersionRange range,
                       ClassLoader preferredLoader) {
            this.config = config;
            this.owner = owner;
            this.className = className;
            this.range = range;
            this.preferredLoader = preferredLoader;
        }

        static Source of(WorkerConfig workerConfig, ConnectorConfig connConfig, ClassLoader connectorLoader,
                         String classKey, String versionKey) {
            Class<?> connectorChoice = connConfig.getClass(classKey);
            if (connectorChoice != null) {
                VersionRange range = ConnectorConfig.versionRange(connConfig.getString(versionKey));
                // Without a version, a copy packaged with the connector wins.
                return new Source(connConfig, "connector", connectorChoice.getName(), range,
                        range == null ? connectorLoader : null);
            }
            return new Source(workerConfig, "worker", workerConfig.getClass(classKey).getName(),
                    ConnectorConfig.versionRange(workerConfig.getString(versionKey)), null);
        }
    }

    /** Closes a converter after a failed set-up; the wrapper makes the plugin's loader current. */
    private static void closeQuietly(AutoCloseable converter) {
        if (converter == null) {
            return;
        }
        try {
            converter.close();
        } catch (Exception | LinkageError e) {
            log.debug("Failed to close converter {} after a failed set-up", converter, e);
        }
    }
}
