package org.apache.kafka.connect.connector.policy;

import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.utils.internals.AppInfoParser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What the built-in override policies share: each judges the overrides one by one, and rejects a setting with
 * {@code The '<policy>' policy does not allow '<setting>' to be overridden in the connector configuration.}
 */
abstract class OverridePolicySupport implements ConnectorClientConfigOverridePolicy {

    /** The policy's alias, as shown in rejection messages. */
    protected abstract String policyName();

    /** Whether the connector may override the client setting {@code name} (without prefix). */
    protected abstract boolean isAllowed(String name);

    @Override
    public List<ConfigValue> validate(ConnectorClientConfigRequest request) {
        return judge(request.clientProps(), this::isAllowed);
    }

    private List<ConfigValue> judge(Map<String, Object> overrides, Predicate<String> allowed) {
        List<ConfigValue> results = new ArrayList<>();
        overrides.forEach((name, value) -> {
            ConfigValue result = new ConfigValue(name, value, new ArrayList<>(), new ArrayList<>());
            if (!allowed.test(name)) {
                result.addErrorMessage("The '" + policyName() + "' policy does not allow '" + name
                        + "' to be overridden in the connector configuration.");
            }
            results.add(result);
        });
        return results;
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }

    @Override
    public void close() {
    }

    @Override
    public String version() {
        return AppInfoParser.getVersion();
    }
}
