package org.apache.kafka.connect.runtime.distributed;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DistributedConfigTest {

    static Map<String, String> required() {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", "localhost:9092");
        props.put("group.id", "connect-cluster");
        props.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("config.storage.topic", "connect-configs");
        props.put("offset.storage.topic", "connect-offsets");
        props.put("status.storage.topic", "connect-status");
        return props;
    }

    @Test
    void defaultsFollowTheSpec() {
        DistributedConfig config = new DistributedConfig(required());
        assertEquals(25, config.getInt(DistributedConfig.OFFSET_STORAGE_PARTITIONS_CONFIG));
        assertEquals((short) 3, config.getShort(DistributedConfig.OFFSET_STORAGE_REPLICATION_FACTOR_CONFIG));
        assertEquals(5, config.getInt(DistributedConfig.STATUS_STORAGE_PARTITIONS_CONFIG));
        assertEquals((short) 3, config.getShort(DistributedConfig.CONFIG_STORAGE_REPLICATION_FACTOR_CONFIG));
        assertEquals(60_000, config.getInt(DistributedConfig.REBALANCE_TIMEOUT_MS_CONFIG));
        assertEquals(3_000, config.getInt(DistributedConfig.WORKER_SYNC_TIMEOUT_MS_CONFIG));
        assertEquals(300_000, config.getInt(DistributedConfig.WORKER_UNSYNC_BACKOFF_MS_CONFIG));
        assertEquals("sessioned", config.getString(DistributedConfig.CONNECT_PROTOCOL_CONFIG));
        assertEquals(3_600_000, config.getInt(DistributedConfig.INTER_WORKER_KEY_TTL_MS_CONFIG));
        assertNull(config.getInt(DistributedConfig.INTER_WORKER_KEY_SIZE_CONFIG));
        assertEquals(40_000, config.getInt("request.timeout.ms"));
        assertEquals(131_072, config.getInt("send.buffer.bytes"));
        assertEquals("rebootstrap", config.getString("metadata.recovery.strategy"));
        assertTrue(config.getBoolean("metadata.cluster.check.enable"));
        assertEquals(0L, config.getLong("bootstrap.resolve.timeout.ms"));
        assertTrue(config.internalTopicsAutomaticCreationEnabled());
        assertEquals("GSSAPI", config.getString("sasl.mechanism"));
    }

    @Test
    void overridesTheBaseWorkerAnswers() {
        Map<String, String> props = required();
        props.put("rebalance.timeout.ms", "12345");
        DistributedConfig config = new DistributedConfig(props);
        assertEquals("connect-cluster", config.groupId());
        assertEquals("connect-offsets", config.offsetsTopic());
        assertEquals(12345, config.rebalanceTimeout());
        assertTrue(config.connectorOffsetsTopicsPermitted());
        assertFalse(config.exactlyOnceSourceEnabled());
        assertFalse(config.transactionalLeaderEnabled());

        props.put("exactly.once.source.support", "ENABLED");
        DistributedConfig enabled = new DistributedConfig(props);
        assertTrue(enabled.exactlyOnceSourceEnabled());
        assertTrue(enabled.transactionalLeaderEnabled());
        props.put("exactly.once.source.support", "preparing");
        DistributedConfig preparing = new DistributedConfig(props);
        assertFalse(preparing.exactlyOnceSourceEnabled());
        assertTrue(preparing.transactionalLeaderEnabled());
    }

    @Test
    void requiresTheTopicsAndTheGroup() {
        for (String key : new String[]{"group.id", "config.storage.topic", "offset.storage.topic",
                "status.storage.topic"}) {
            Map<String, String> props = required();
            props.remove(key);
            ConfigException e = assertThrows(ConfigException.class, () -> new DistributedConfig(props));
            assertTrue(e.getMessage().contains(key), e.getMessage());
        }
    }

    @Test
    void partitionsAndReplicationFactorArePositiveOrMinusOne() {
        Map<String, String> props = required();
        props.put("offset.storage.partitions", "-1");
        props.put("status.storage.replication.factor", "-1");
        DistributedConfig config = new DistributedConfig(props);
        assertEquals(-1, config.getInt("offset.storage.partitions"));
        assertEquals((short) -1, config.getShort("status.storage.replication.factor"));

        for (String bad : new String[]{"0", "-2"}) {
            Map<String, String> invalid = required();
            invalid.put("config.storage.replication.factor", bad);
            assertThrows(ConfigException.class, () -> new DistributedConfig(invalid));
        }
    }

    @Test
    void validatesEnumeratedValuesAndAlgorithms() {
        Map<String, String> props = required();
        props.put("connect.protocol", "EAGER");
        assertEquals("EAGER", new DistributedConfig(props).getString("connect.protocol"));

        Map<String, String> protocol = required();
        protocol.put("connect.protocol", "cooperative");
        assertThrows(ConfigException.class, () -> new DistributedConfig(protocol));

        Map<String, String> eos = required();
        eos.put("exactly.once.source.support", "maybe");
        assertThrows(ConfigException.class, () -> new DistributedConfig(eos));

        Map<String, String> keyAlgorithm = required();
        keyAlgorithm.put("inter.worker.key.generation.algorithm", "NoSuchAlgorithm");
        assertThrows(ConfigException.class, () -> new DistributedConfig(keyAlgorithm));

        Map<String, String> emptyVerification = required();
        emptyVerification.put("inter.worker.verification.algorithms", "");
        assertThrows(ConfigException.class, () -> new DistributedConfig(emptyVerification));

        Map<String, String> signatureNotVerified = required();
        signatureNotVerified.put("inter.worker.signature.algorithm", "HmacSHA512");
        ConfigException e = assertThrows(ConfigException.class, () -> new DistributedConfig(signatureNotVerified));
        assertTrue(e.getMessage().contains("inter.worker.verification.algorithms"), e.getMessage());

        Map<String, String> verified = required();
        verified.put("inter.worker.signature.algorithm", "HmacSHA512");
        verified.put("inter.worker.verification.algorithms", "HmacSHA256,HmacSHA512");
        new DistributedConfig(verified);

        Map<String, String> ttl = required();
        ttl.put("inter.worker.key.ttl.ms", "-1");
        assertThrows(ConfigException.class, () -> new DistributedConfig(ttl));
    }

    @Test
    void internalTopicSettingsAreThePrefixedKeysOtherThanTheWorkersOwn() {
        Map<String, String> props = required();
        props.put("offset.storage.min.insync.replicas", "2");
        props.put("offset.storage.cleanup.policy", "delete");
        props.put("offset.storage.partitions", "7");
        props.put("status.storage.segment.bytes", "1000000");
        DistributedConfig config = new DistributedConfig(props);
        assertEquals(Map.of("min.insync.replicas", "2"),
                config.internalTopicSettings(DistributedConfig.OFFSET_STORAGE_PREFIX));
        assertEquals(Map.of("segment.bytes", "1000000"),
                config.internalTopicSettings(DistributedConfig.STATUS_STORAGE_PREFIX));
        assertEquals(Map.of(), config.internalTopicSettings(DistributedConfig.CONFIG_STORAGE_PREFIX));
    }

    @Test
    void internalClientIdsStartWithTheGroupAndOptionalClientId() {
        assertEquals("connect-cluster-", new DistributedConfig(required()).internalClientIdBase());
        Map<String, String> props = required();
        props.put("client.id", "w1");
        assertEquals("connect-cluster-w1-", new DistributedConfig(props).internalClientIdBase());
    }
}
