package org.apache.kafka.connect.connector.policy;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Set;

/**
 * Lets connectors override only the settings that choose the principal they connect as: {@code sasl.jaas.config},
 * {@code sasl.mechanism} and {@code security.protocol} ({@code Principal}). Deprecated since 4.2 in favour of
 * {@code Allowlist} with those three names.
 */
public class PrincipalConnectorClientConfigOverridePolicy extends OverridePolicySupport {

    private static final Logger log = LoggerFactory.getLogger(PrincipalConnectorClientConfigOverridePolicy.class);

    private static final Set<String> ALLOWED = Set.of(SaslConfigs.SASL_JAAS_CONFIG, SaslConfigs.SASL_MECHANISM,
            CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);

    @Override
    public void configure(Map<String, ?> configs) {
        log.warn("The Principal ConnectorClientConfigOverridePolicy is deprecated; use the Allowlist policy with "
                + "connector.client.config.override.allowlist=security.protocol,sasl.mechanism,sasl.jaas.config "
                + "instead");
    }

    @Override
    protected String policyName() {
        return "Principal";
    }

    @Override
    protected boolean isAllowed(String name) {
        return ALLOWED.contains(name);
    }
}
