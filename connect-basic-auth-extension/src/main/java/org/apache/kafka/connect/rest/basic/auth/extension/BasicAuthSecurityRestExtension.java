package org.apache.kafka.connect.rest.basic.auth.extension;

import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.rest.ConnectRestExtension;
import org.apache.kafka.connect.rest.ConnectRestExtensionContext;

import java.util.Map;

import javax.security.auth.login.Configuration;

/**
 * A REST extension that requires HTTP Basic authentication on the Connect REST API (internal worker-to-worker
 * endpoints excepted). Credentials are checked by the JAAS login context {@code KafkaConnect} of the JVM's JAAS
 * configuration ({@code -Djava.security.auth.login.config=...}), e.g. with {@link PropertyFileLoginModule}.
 * Enable with {@code rest.extension.classes=org.apache.kafka.connect.rest.basic.auth.extension.BasicAuthSecurityRestExtension}.
 */
public class BasicAuthSecurityRestExtension implements ConnectRestExtension {

    public BasicAuthSecurityRestExtension() {
    }

    /**
     * Installs the authentication filter. The JAAS configuration is read here rather than at construction so that
     * a missing or broken configuration fails the worker's start with a clear message.
     *
     * @throws ConnectException if the JVM's JAAS configuration cannot be loaded
     */
    @Override
    public void register(ConnectRestExtensionContext restPluginContext) {
        Configuration configuration;
        try {
            configuration = Configuration.getConfiguration();
        } catch (SecurityException e) {
            throw new ConnectException("Failed to retrieve JAAS configuration", e);
        }
        restPluginContext.configurable().register(new JaasBasicAuthFilter(configuration));
    }

    @Override
    public void close() {
    }

    /** Nothing to configure: the JAAS configuration comes from the JVM. */
    @Override
    public void configure(Map<String, ?> configs) {
    }

    @Override
    public String version() {
        return AppInfoParser.getVersion();
    }
}
