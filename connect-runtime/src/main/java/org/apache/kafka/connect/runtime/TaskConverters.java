package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.connect.runtime.isolation.LoaderSwap;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.ConverterConfig;
import org.apache.kafka.connect.storage.ConverterType;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.maven.artifact.versioning.VersionRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Objects;

/**
 * The key, value and header converters of one task. A converter the connector config names (e.g.
 * {@code key.converter}) replaces the worker's, and is configured with the connector's {@code key.converter.*}
 * settings; otherwise the worker's converter is used with the worker's settings. Key and value converters are
 * configured with {@code isKey}; header converters with {@code converter.type=header}.
 */
public final class TaskConverters {

    private static final Logger log = LoggerFactory.getLogger(TaskConverters.class);

    private final Converter keyConverter;
    private final Converter valueConverter;
    private final HeaderConverter headerConverter;

    public TaskConverters(Converter keyConverter, Converter valueConverter, HeaderConverter headerConverter) {
        this.keyConverter = Objects.requireNonNull(keyConverter, "keyConverter");
        this.valueConverter = Objects.requireNonNull(valueConverter, "valueConverter");
        this.headerConverter = Objects.requireNonNull(headerConverter, "headerConverter");
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
        Converter key = converter(plugins, workerConfig, connConfig, connectorLoader,
                ConnectorConfig.KEY_CONVERTER_CLASS_CONFIG, ConnectorConfig.KEY_CONVERTER_VERSION_CONFIG, true);
        Converter value = null;
        try {
            value = converter(plugins, workerConfig, connConfig, connectorLoader,
                    ConnectorConfig.VALUE_CONVERTER_CLASS_CONFIG, ConnectorConfig.VALUE_CONVERTER_VERSION_CONFIG,
                    false);
            HeaderConverter header = headerConverter(plugins, workerConfig, connConfig, connectorLoader);
            return new TaskConverters(key, value, header);
        } catch (RuntimeException | LinkageError e) {
            closeQuietly(plugins, key);
            closeQuietly(plugins, value);
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

    private static Converter converter(Plugins plugins, WorkerConfig workerConfig, ConnectorConfig connConfig,
                                       ClassLoader connectorLoader, String classKey, String versionKey,
                                       boolean isKey) {
        Source source = Source.of(workerConfig, connConfig, connectorLoader, classKey, versionKey);
        Converter converter = plugins.newPlugin(source.className, Converter.class, source.range,
                source.preferredLoader);
        Map<String, Object> settings = source.config.originalsWithPrefix(classKey + ".");
        try (LoaderSwap swap = plugins.withClassLoader(PluginLoaders.loaderOf(plugins, converter.getClass()))) {
            converter.configure(settings, isKey);
        } catch (RuntimeException | LinkageError e) {
            closeQuietly(plugins, converter);
            throw e;
        }
        log.debug("Using {} {} as {} converter", source.owner, converter.getClass().getName(), isKey ? "key" : "value");
        return converter;
    }

    private static HeaderConverter headerConverter(Plugins plugins, WorkerConfig workerConfig,
                                                   ConnectorConfig connConfig, ClassLoader connectorLoader) {
        String classKey = ConnectorConfig.HEADER_CONVERTER_CLASS_CONFIG;
        Source source = Source.of(workerConfig, connConfig, connectorLoader, classKey,
                ConnectorConfig.HEADER_CONVERTER_VERSION_CONFIG);
        HeaderConverter converter = plugins.newPlugin(source.className, HeaderConverter.class, source.range,
                source.preferredLoader);
        Map<String, Object> settings = source.config.originalsWithPrefix(classKey + ".");
        settings.put(ConverterConfig.TYPE_CONFIG, ConverterType.HEADER.getName());
        try (LoaderSwap swap = plugins.withClassLoader(PluginLoaders.loaderOf(plugins, converter.getClass()))) {
            converter.configure(settings);
        } catch (RuntimeException | LinkageError e) {
            closeQuietly(plugins, converter);
            throw e;
        }
        log.debug("Using {} {} as header converter", source.owner, converter.getClass().getName());
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

    private static void closeQuietly(Plugins plugins, AutoCloseable converter) {
        if (converter == null) {
            return;
        }
        try (LoaderSwap swap = plugins.withClassLoader(PluginLoaders.loaderOf(plugins, converter.getClass()))) {
            converter.close();
        } catch (Exception | LinkageError e) {
            log.debug("Failed to close converter {} after a failed set-up", converter.getClass().getName(), e);
        }
    }
}
