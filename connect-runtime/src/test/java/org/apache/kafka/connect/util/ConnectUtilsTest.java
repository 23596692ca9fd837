package org.apache.kafka.connect.util;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.integration.EmbeddedKafkaBroker;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.storage.StringConverter;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConnectUtilsTest {

    private static Map<String, String> workerProps(String bootstrapServers) {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("key.converter", StringConverter.class.getName());
        props.put("value.converter", StringConverter.class.getName());
        props.put("offset.storage.file.filename", "unused");
        return props;
    }

    @Test
    void looksUpTheClusterIdOfTheWorkersCluster() throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.shared();
        String expected = broker.admin().describeCluster().clusterId().get();
        String clusterId = ConnectUtils.lookupKafkaClusterId(new StandaloneConfig(workerProps(
                broker.bootstrapServers())));
        assertEquals(expected, clusterId);
        assertFalse(clusterId.isEmpty());
    }

    @Test
    void adminSettingsComeFromTheWorkerWithAdminPrefixWinning() {
        Map<String, String> props = workerProps("localhost:1");
        props.put("request.timeout.ms", "1000");
        props.put("admin.request.timeout.ms", "2000");
        props.put("producer.acks", "1");
        Map<String, Object> admin = ConnectUtils.workerAdminConfigs(new StandaloneConfig(props));
        assertEquals("localhost:1", admin.get("bootstrap.servers"));
        assertEquals("2000", admin.get("request.timeout.ms"));
        assertFalse(admin.containsKey("acks"));
        assertFalse(admin.containsKey("key.converter"));
    }

    @Test
    void unreachableClusterFails() {
        Map<String, String> props = workerProps("localhost:1");
        props.put("admin.default.api.timeout.ms", "1500");
        props.put("admin.request.timeout.ms", "1000");
        assertThrows(ConnectException.class,
                () -> ConnectUtils.lookupKafkaClusterId(new StandaloneConfig(props)));
    }
}
