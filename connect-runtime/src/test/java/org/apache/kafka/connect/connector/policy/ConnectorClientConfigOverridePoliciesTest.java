package org.apache.kafka.connect.connector.policy;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigRequest.ClientType;
import org.apache.kafka.connect.health.ConnectorType;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The four built-in {@link ConnectorClientConfigOverridePolicy} implementations. */
class ConnectorClientConfigOverridePoliciesTest {

    private static ConnectorClientConfigRequest request() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("acks", "all");
        overrides.put("sasl.mechanism", "PLAIN");
        overrides.put("security.protocol", "SSL");
        overrides.put("sasl.jaas.config", "secret");
        return new ConnectorClientConfigRequest("conn", ConnectorType.SOURCE, null, overrides, ClientType.PRODUCER);
    }

    /** The overrides a policy rejects, each with its single message. */
    private static Map<String, String> rejected(ConnectorClientConfigOverridePolicy policy) {
        List<ConfigValue> results = policy.validate(request());
        assertEquals(List.of("acks", "sasl.mechanism", "security.protocol", "sasl.jaas.config"),
                results.stream().map(ConfigValue::name).collect(Collectors.toList()), "one result per override");
        return results.stream()
                .filter(value -> !value.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, value -> String.join("|", value.errorMessages())));
    }

    @Test
    void allAllowsEverything() {
        assertEquals(Map.of(), rejected(new AllConnectorClientConfigOverridePolicy()));
    }

    @Test
    void noneAllowsNothing() {
        Map<String, String> rejected = rejected(new NoneConnectorClientConfigOverridePolicy());

        assertEquals(4, rejected.size());
        assertEquals("The 'None' policy does not allow 'acks' to be overridden in the connector configuration.",
                rejected.get("acks"));
    }

    @Test
    void principalAllowsOnlyTheSettingsThatChooseThePrincipal() {
        PrincipalConnectorClientConfigOverridePolicy policy = new PrincipalConnectorClientConfigOverridePolicy();
        policy.configure(Map.of());

        assertEquals(Map.of("acks", "The 'Principal' policy does not allow 'acks' to be overridden in the connector "
                + "configuration."), rejected(policy));
    }

    @Test
    void allowlistAllowsExactlyTheConfiguredNames() {
        AllowlistConnectorClientConfigOverridePolicy policy = new AllowlistConnectorClientConfigOverridePolicy();
        policy.configure(Map.of("connector.client.config.override.allowlist", "acks, security.protocol",
                "config.providers", "not-instantiated"));

        assertEquals(Set.of("sasl.mechanism", "sasl.jaas.config"), rejected(policy).keySet());

        AllowlistConnectorClientConfigOverridePolicy unconfigured = new AllowlistConnectorClientConfigOverridePolicy();
        unconfigured.configure(Map.of());
        assertEquals(4, rejected(unconfigured).size(), "an empty allowlist allows nothing");
    }

    @Test
    void allowlistRejectsMalformedLists() {
        ConfigException e = assertThrows(ConfigException.class, () -> new AllowlistConnectorClientConfigOverridePolicy()
                .configure(Map.of("connector.client.config.override.allowlist", "acks,,linger.ms")));
        assertEquals("Configuration 'connector.client.config.override.allowlist' values must not be empty.",
                e.getMessage());
    }

    @Test
    void policiesAreDiscoveredPluginsWithShortAliases() {
        Plugins plugins = new Plugins(Map.of("plugin.discovery", "service_load"));

        assertInstanceOf(AllConnectorClientConfigOverridePolicy.class,
                plugins.newPlugin("All", ConnectorClientConfigOverridePolicy.class));
        assertInstanceOf(NoneConnectorClientConfigOverridePolicy.class,
                plugins.newPlugin("None", ConnectorClientConfigOverridePolicy.class));
        assertInstanceOf(PrincipalConnectorClientConfigOverridePolicy.class,
                plugins.newPlugin("Principal", ConnectorClientConfigOverridePolicy.class));
        ConnectorClientConfigOverridePolicy allowlist = plugins.newPlugin("Allowlist",
                ConnectorClientConfigOverridePolicy.class);
        assertInstanceOf(AllowlistConnectorClientConfigOverridePolicy.class, allowlist);
        assertEquals(AppInfoParser.getVersion(), allowlist.version());
    }
}
