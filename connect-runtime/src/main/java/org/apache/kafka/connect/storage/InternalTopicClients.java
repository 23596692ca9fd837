package org.apache.kafka.connect.storage;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.connect.runtime.distributed.DistributedConfig;

import java.util.HashMap;
import java.util.Map;

/**
 * Settings of the clients a distributed worker uses for one of its internal topics (worker-config.md §4, §5): all
 * worker properties as given, the worker's bootstrap servers, and the client id {@code <base><suffix>} (e.g.
 * {@code connect-cluster-offsets}). The stores add their serializers and fixed settings.
 */
final class InternalTopicClients {

    private InternalTopicClients() {
    }

    static Map<String, Object> producerConfigs(DistributedConfig config, String clientIdSuffix) {
        Map<String, Object> configs = common(config, clientIdSuffix);
        configs.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        return configs;
    }

    static Map<String, Object> consumerConfigs(DistributedConfig config, String clientIdSuffix) {
        Map<String, Object> configs = common(config, clientIdSuffix);
        // The log consumer is assigned its partitions: it must not join the worker's group.
        configs.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return configs;
    }

    static Map<String, Object> adminConfigs(DistributedConfig config, String clientIdSuffix) {
        return common(config, clientIdSuffix);
    }

    private static Map<String, Object> common(DistributedConfig config, String clientIdSuffix) {
        Map<String, Object> configs = new HashMap<>(config.originals());
        configs.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        configs.put(CommonClientConfigs.CLIENT_ID_CONFIG, config.internalClientIdBase() + clientIdSuffix);
        return configs;
    }
}
