package org.apache.kafka.connect.runtime.rest;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.security.ssl.DefaultSslEngineFactory;
import org.apache.kafka.connect.runtime.WorkerConfig;

import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds Jetty TLS factories for the REST server's HTTPS listeners and for the inter-worker REST client from the
 * worker's {@code ssl.*} settings. The settings under a listener prefix ({@code listeners.https.} or
 * {@code admin.listeners.https.}) replace the plain {@code ssl.*} ones as a whole as soon as one prefixed key is
 * present. Key and trust material is loaded by kafka-clients' {@link DefaultSslEngineFactory}, so the REST API
 * accepts exactly the keystore and truststore forms (JKS, PKCS12, PEM files or inline PEM) the Kafka clients do.
 */
public final class SslContextFactories {

    /** Prefix of the TLS settings of the regular HTTPS listeners and of the inter-worker REST client. */
    public static final String LISTENERS_PREFIX = WorkerConfig.LISTENERS_HTTPS_CONFIGS_PREFIX;
    /** Prefix of the TLS settings of the HTTPS admin listeners. */
    public static final String ADMIN_LISTENERS_PREFIX = WorkerConfig.ADMIN_LISTENERS_HTTPS_CONFIGS_PREFIX;

    static final String CLIENT_AUTH_NONE = "none";
    static final String CLIENT_AUTH_REQUESTED = "requested";
    static final String CLIENT_AUTH_REQUIRED = "required";

    /** The TLS keys a listener prefix may carry, parsed to the types DefaultSslEngineFactory expects. */
    private static final ConfigDef SSL_SETTINGS = sslSettingsDefinition();

    private SslContextFactories() {
    }

    private static ConfigDef sslSettingsDefinition() {
        ConfigDef definition = new ConfigDef().withClientSslSupport();
        definition.define(WorkerConfig.SSL_CLIENT_AUTH_CONFIG, ConfigDef.Type.STRING, CLIENT_AUTH_NONE,
                ConfigDef.ValidString.in(CLIENT_AUTH_REQUIRED, CLIENT_AUTH_REQUESTED, CLIENT_AUTH_NONE),
                ConfigDef.Importance.LOW, "Whether HTTPS listeners ask clients for certificates.");
        return definition;
    }

    /**
     * A factory for HTTPS listeners whose TLS settings live under {@code prefix}.
     *
     * @param prefix {@link #LISTENERS_PREFIX} or {@link #ADMIN_LISTENERS_PREFIX}
     * @throws ConfigException if the settings are invalid, the stores cannot be loaded or no keystore is configured
     */
    public static SslContextFactory.Server forServer(WorkerConfig config, String prefix) {
        Map<String, Object> settings = sslSettings(config, prefix);
        SslContextFactory.Server factory = new SslContextFactory.Server();
        try (DefaultSslEngineFactory engines = loadStores(settings, prefix)) {
            if (engines.keystore() == null) {
                throw new ConfigException("An HTTPS listener needs a keystore: set " + prefix
                        + SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG + " (or " + SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG
                        + " when no " + prefix + " setting is present), or a PEM key and certificate chain");
            }
            factory.setSslContext(engines.sslContext());
        }
        String clientAuth = (String) settings.get(WorkerConfig.SSL_CLIENT_AUTH_CONFIG);
        factory.setNeedClientAuth(CLIENT_AUTH_REQUIRED.equals(clientAuth));
        factory.setWantClientAuth(CLIENT_AUTH_REQUESTED.equals(clientAuth));
        restrictProtocolsAndCiphers(factory, settings);
        return factory;
    }

    /**
     * A factory for the HTTP client that forwards requests to other workers: the {@code listeners.https.} settings
     * (or the plain {@code ssl.*} ones), including {@code ssl.endpoint.identification.algorithm} (blank disables
     * host name verification).
     *
     * @throws ConfigException if the settings are invalid or the stores cannot be loaded
     */
    public static SslContextFactory.Client forClient(WorkerConfig config) {
        Map<String, Object> settings = sslSettings(config, LISTENERS_PREFIX);
        SslContextFactory.Client factory = new SslContextFactory.Client();
        try (DefaultSslEngineFactory engines = loadStores(settings, LISTENERS_PREFIX)) {
            factory.setSslContext(engines.sslContext());
        }
        String identification = (String) settings.get(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG);
        factory.setEndpointIdentificationAlgorithm(
                identification == null || identification.isBlank() ? null : identification);
        restrictProtocolsAndCiphers(factory, settings);
        return factory;
    }

    /**
     * The TLS settings for {@code prefix}, typed and with defaults: the prefixed keys (prefix removed) if any key of
     * the worker config starts with {@code prefix}, otherwise the plain ones.
     */
    static Map<String, Object> sslSettings(WorkerConfig config, String prefix) {
        Map<String, Object> prefixed = config.originalsWithPrefix(prefix, true);
        Map<String, Object> chosen = prefixed.isEmpty() ? config.originals() : prefixed;
        Map<String, Object> known = new HashMap<>();
        for (String name : SSL_SETTINGS.names()) {
            if (chosen.containsKey(name)) {
                known.put(name, chosen.get(name));
            }
        }
        try {
            return SSL_SETTINGS.parse(known);
        } catch (ConfigException e) {
            throw new ConfigException((prefixed.isEmpty() ? "" : "Under " + prefix + ": ") + e.getMessage());
        }
    }

    private static DefaultSslEngineFactory loadStores(Map<String, Object> settings, String prefix) {
        DefaultSslEngineFactory engines = new DefaultSslEngineFactory();
        try {
            engines.configure(settings);
        } catch (RuntimeException e) {
            // Kafka reports unreadable stores as KafkaException; a bad REST TLS setup is a config error.
            throw new ConfigException("Invalid TLS settings for the REST API (" + prefix + "ssl.* or ssl.*): "
                    + e.getMessage());
        }
        return engines;
    }

    @SuppressWarnings("unchecked")
    private static void restrictProtocolsAndCiphers(SslContextFactory factory, Map<String, Object> settings) {
        List<String> protocols = (List<String>) settings.get(SslConfigs.SSL_ENABLED_PROTOCOLS_CONFIG);
        if (protocols != null && !protocols.isEmpty()) {
            factory.setIncludeProtocols(protocols.toArray(new String[0]));
        }
        List<String> ciphers = (List<String>) settings.get(SslConfigs.SSL_CIPHER_SUITES_CONFIG);
        if (ciphers != null && !ciphers.isEmpty()) {
            factory.setIncludeCipherSuites(ciphers.toArray(new String[0]));
        }
    }
}
