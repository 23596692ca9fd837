package org.apache.kafka.connect.integration;

import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.provider.ConfigProvider;

import java.util.Map;
import java.util.Set;

/** A config provider whose values live {@code ttl.ms} (param) milliseconds: every key resolves to {@code value-<key>}. */
public class TtlConfigProvider implements ConfigProvider {

    private long ttlMs;

    @Override
    public void configure(Map<String, ?> configs) {
        ttlMs = Long.parseLong(String.valueOf(configs.get("ttl.ms")));
    }

    @Override
    public ConfigData get(String path) {
        return new ConfigData(Map.of(), ttlMs);
    }

    @Override
    public ConfigData get(String path, Set<String> keys) {
        Map<String, String> data = new java.util.HashMap<>();
        keys.forEach(key -> data.put(key, "value-" + key));
        return new ConfigData(data, ttlMs);
    }

    @Override
    public void close() {
    }
}
