package org.apache.kafka.connect.connector.policy;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lets connectors override exactly the client settings listed in the worker property
 * {@code connector.client.config.override.allowlist} ({@code Allowlist}, KIP-1188); none if the list is empty.
 */
public class AllowlistConnectorClientConfigOverridePolicy extends OverridePolicySupport {

    public static final String ALLOWLIST_CONFIG = "connector.client.config.override.allowlist";

    private static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(ALLOWLIST_CONFIG, ConfigDef.Type.LIST, List.of(),
                    ConfigDef.ValidList.anyNonDuplicateValues(true, false), ConfigDef.Importance.MEDIUM,
                    "Client settings (without prefix) that connectors may override.");

    private volatile Set<String> allowed = Set.of();

    /** @param configs the worker properties; only the allowlist is read */
    @Override
    public void configure(Map<String, ?> configs) {
        // Only the allowlist: parsing all worker properties would also instantiate their config providers.
        Map<String, Object> allowlist = new HashMap<>();
        if (configs.containsKey(ALLOWLIST_CONFIG)) {
            allowlist.put(ALLOWLIST_CONFIG, configs.get(ALLOWLIST_CONFIG));
        }
        List<String> names = new AbstractConfig(CONFIG_DEF, allowlist, false).getList(ALLOWLIST_CONFIG);
        allowed = Set.copyOf(names);
    }

    @Override
    protected String policyName() {
        return "Allowlist";
    }

    @Override
    protected boolean isAllowed(String name) {
        return allowed.contains(name);
    }
}
