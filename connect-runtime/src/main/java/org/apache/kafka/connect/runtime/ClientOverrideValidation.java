package org.apache.kafka.connect.runtime;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigRequest;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigRequest.ClientType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Validation step 7 (rest-api.md): submits a connector's {@code producer.override.}, {@code consumer.override.} or
 * {@code admin.override.} settings to the worker's override policy, with the values of known client settings
 * parsed to their types, and adds the policy's verdicts to the response under their prefixed names.
 */
final class ClientOverrideValidation {

    private final ConnectorClientConfigOverridePolicy policy;

    ClientOverrideValidation(ConnectorClientConfigOverridePolicy policy) {
        this.policy = policy;
    }

    /**
     * @throws org.apache.kafka.common.config.ConfigException if a known client setting has a value of the wrong
     *                                                        type (as Apache Connect does, this fails the request)
     */
    Optional<ConfigInfosBuilder.Section> validate(ClientType clientType, Map<String, String> props,
                                                  Class<? extends Connector> connectorClass) {
        String prefix = prefix(clientType);
        Map<String, ConfigKey> clientKeys = clientConfigDef(clientType).configKeys();
        Map<String, Object> overrides = new HashMap<>();
        props.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                String name = key.substring(prefix.length());
                ConfigKey clientKey = clientKeys.get(name);
                overrides.put(name, clientKey == null || value == null ? value
                        : ConfigDef.parseType(name, value, clientKey.type));
            }
        });
        if (overrides.isEmpty()) {
            return Optional.empty();
        }
        ConnectorClientConfigRequest request = new ConnectorClientConfigRequest(
                props.get(ConnectorConfig.NAME_CONFIG), ClientConfigs.connectorType(connectorClass), connectorClass,
                overrides, clientType);
        List<ConfigValue> verdicts = policy.validate(request);
        return Optional.of(new ConfigInfosBuilder.Section(prefix, clientKeys, verdicts));
    }

    private static String prefix(ClientType clientType) {
        switch (clientType) {
            case PRODUCER:
                return ConnectorConfig.CONNECTOR_CLIENT_PRODUCER_OVERRIDES_PREFIX;
            case CONSUMER:
                return ConnectorConfig.CONNECTOR_CLIENT_CONSUMER_OVERRIDES_PREFIX;
            default:
                return ConnectorConfig.CONNECTOR_CLIENT_ADMIN_OVERRIDES_PREFIX;
        }
    }

    private static ConfigDef clientConfigDef(ClientType clientType) {
        switch (clientType) {
            case PRODUCER:
                return ProducerConfig.configDef();
            case CONSUMER:
                return ConsumerConfig.configDef();
            default:
                return AdminClientConfig.configDef();
        }
    }
}
