package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.ConfigTransformer;
import org.apache.kafka.common.config.ConfigTransformerResult;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.isolation.LoaderSwap;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Resolves config-provider variables ({@code ${provider:path:key}}) in connector and task configs with the worker's
 * config providers (worker-config.md §1, runtime-behaviour §12). The providers are the plugins named by the worker's
 * {@code config.providers}, each configured with its {@code config.providers.<name>.param.*} settings; they are
 * instantiated once and closed by {@link #close()}.
 *
 * <p>The worker properties themselves are resolved earlier, while {@link WorkerConfig} is parsed, by provider
 * instances that kafka-clients' {@code AbstractConfig} creates and closes on its own: those exist before plugins are
 * discovered, so they cannot be these.
 *
 * <p>A variable naming an unknown provider or key is left as it is. Thread-safe if the providers are.
 */
public class WorkerConfigTransformer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkerConfigTransformer.class);

    /** Prefix of a provider's settings in the worker properties: {@code config.providers.<name>.}. */
    static final String PROVIDER_PREFIX = WorkerConfig.CONFIG_PROVIDERS_CONFIG + ".";
    private static final String CLASS_SUFFIX = ".class";
    private static final String PARAM_INFIX = ".param.";
    private static final Pattern VARIABLE = ConfigTransformer.DEFAULT_PATTERN;

    /** Told when a resolved connector config holds a value whose provider gave it a time to live. */
    @FunctionalInterface
    public interface ReloadListener {
        void reloadDue(String connName, String path, long ttlMs);
    }

    private final Map<String, ConfigProvider> providers;
    private final ConfigTransformer transformer;
    private final ReloadListener reloadListener;

    /**
     * @param providers      the providers by the name variables use; closed by {@link #close()}
     * @param reloadListener told about TTLs of connectors with {@code config.action.reload=restart}
     */
    public WorkerConfigTransformer(Map<String, ConfigProvider> providers, ReloadListener reloadListener) {
        this.providers = Map.copyOf(providers);
        this.transformer = new ConfigTransformer(this.providers);
        this.reloadListener = reloadListener;
    }

    /**
     * Instantiates and configures the providers the worker config names, through the plugin mechanism (so class
     * names and aliases of installed providers both work).
     *
     * @throws ConnectException if a provider has no class, or cannot be instantiated or configured; providers made
     *                          before it are closed
     */
    public static WorkerConfigTransformer create(WorkerConfig config, Plugins plugins, ReloadListener reloadListener) {
        Map<String, ConfigProvider> providers = new LinkedHashMap<>();
        try {
            for (String name : config.getList(WorkerConfig.CONFIG_PROVIDERS_CONFIG)) {
                providers.put(name, newProvider(config, plugins, name));
            }
        } catch (RuntimeException e) {
            providers.values().forEach(provider -> Utils.closeQuietly(provider, "config provider"));
            throw e;
        }
        return new WorkerConfigTransformer(providers, reloadListener);
    }

    private static ConfigProvider newProvider(WorkerConfig config, Plugins plugins, String name) {
        String prefix = PROVIDER_PREFIX + name;
        Object className = config.originals().get(prefix + CLASS_SUFFIX);
        if (className == null || className.toString().isBlank()) {
            throw new ConnectException("No class given for config provider '" + name + "': set "
                    + prefix + CLASS_SUFFIX);
        }
        Map<String, Object> params = new HashMap<>(config.originalsWithPrefix(prefix + PARAM_INFIX));
        ConfigProvider provider;
        try (LoaderSwap swap = plugins.withClassLoader(plugins.delegatingLoader())) {
            provider = plugins.newPlugin(className.toString().trim(), ConfigProvider.class);
        }
        LoaderSwappingConfigProvider swapping = new LoaderSwappingConfigProvider(provider,
                PluginLoaders.loaderOf(plugins, provider.getClass()), plugins);
        try {
            swapping.configure(params);
        } catch (RuntimeException e) {
            Utils.closeQuietly(swapping, "config provider " + name);
            throw new ConnectException("Failed to configure config provider '" + name + "'", e);
        }
        log.info("Config provider '{}' uses {}", name, provider.getClass().getName());
        return swapping;
    }

    /** Names of the configured providers. */
    public Set<String> providerNames() {
        return providers.keySet();
    }

    /**
     * Resolves the variables of a config, e.g. for validation; TTLs are ignored.
     *
     * @return a new map, or {@code null} for a {@code null} config
     */
    public Map<String, String> transform(Map<String, String> config) {
        return config == null ? null : resolve(config).data();
    }

    /**
     * Resolves the variables of a connector's config and, unless its {@code config.action.reload} is {@code none},
     * tells the reload listener about every path whose values have a time to live.
     *
     * @return a new map, or {@code null} for a {@code null} config
     */
    public Map<String, String> transform(String connName, Map<String, String> config) {
        if (config == null) {
            return null;
        }
        ConfigTransformerResult result = resolve(config);
        String action = config.get(ConnectorConfig.CONFIG_RELOAD_ACTION_CONFIG);
        boolean reload = action == null
                || !action.trim().equalsIgnoreCase(ConnectorConfig.CONFIG_RELOAD_ACTION_NONE);
        if (reload && reloadListener != null) {
            result.ttls().forEach((path, ttl) -> {
                if (ttl != null && ttl >= 0) {
                    reloadListener.reloadDue(connName, path, ttl);
                }
            });
        }
        return result.data();
    }

    // ConfigTransformer rejects null values, which raw configs may hold; they are kept as they are.
    private ConfigTransformerResult resolve(Map<String, String> config) {
        Map<String, String> withVariables = new HashMap<>();
        config.forEach((key, value) -> {
            if (value != null && VARIABLE.matcher(value).find()) {
                withVariables.put(key, value);
            }
        });
        Map<String, String> data = new HashMap<>(config);
        Map<String, Long> ttls = Map.of();
        if (!withVariables.isEmpty() && !providers.isEmpty()) {
            ConfigTransformerResult result = transformer.transform(withVariables);
            data.putAll(result.data());
            ttls = result.ttls();
        }
        return new ConfigTransformerResult(data, ttls);
    }

    /** True if the value holds a config-provider variable, resolvable or not. */
    public static boolean hasVariable(String value) {
        return value != null && VARIABLE.matcher(value).find();
    }

    /**
     * Puts the variables back into task configs generated from a resolved connector config, so that secrets are not
     * stored resolved (connector-config.md §7): a task key that is also a connector key whose raw value holds a
     * variable gets that raw value.
     *
     * @return new task configs, in the same order
     */
    public static List<Map<String, String>> reverseTransform(Map<String, String> rawConnectorConfig,
                                                             List<Map<String, String>> taskConfigs) {
        Map<String, String> rawWithVariables = new HashMap<>();
        rawConnectorConfig.forEach((key, value) -> {
            if (hasVariable(value)) {
                rawWithVariables.put(key, value);
            }
        });
        List<Map<String, String>> reversed = new ArrayList<>(taskConfigs.size());
        for (Map<String, String> taskConfig : taskConfigs) {
            Map<String, String> copy = new HashMap<>(taskConfig);
            rawWithVariables.forEach((key, raw) -> {
                if (copy.containsKey(key)) {
                    copy.put(key, raw);
                }
            });
            reversed.add(copy);
        }
        return reversed;
    }

    @Override
    public void close() {
        providers.forEach((name, provider) -> Utils.closeQuietly(provider, "config provider " + name));
    }

    /** Calls a provider with its own plugin class loader current, as the other plugin kinds are called. */
    private static final class LoaderSwappingConfigProvider implements ConfigProvider {
        private final ConfigProvider delegate;
        private final ClassLoader loader;
        private final Plugins plugins;

        LoaderSwappingConfigProvider(ConfigProvider delegate, ClassLoader loader, Plugins plugins) {
            this.delegate = delegate;
            this.loader = loader;
            this.plugins = plugins;
        }

        @Override
        public void configure(Map<String, ?> configs) {
            try (LoaderSwap swap = plugins.withClassLoader(loader)) {
                delegate.configure(configs);
            }
        }

        @Override
        public ConfigData get(String path) {
            try (LoaderSwap swap = plugins.withClassLoader(loader)) {
                return delegate.get(path);
            }
        }

        @Override
        public ConfigData get(String path, Set<String> keys) {
            try (LoaderSwap swap = plugins.withClassLoader(loader)) {
                return delegate.get(path, keys);
            }
        }

        @Override
        public void close() throws java.io.IOException {
            try (LoaderSwap swap = plugins.withClassLoader(loader)) {
                delegate.close();
            }
        }

        @Override
        public String toString() {
            return delegate.toString();
        }
    }
}
