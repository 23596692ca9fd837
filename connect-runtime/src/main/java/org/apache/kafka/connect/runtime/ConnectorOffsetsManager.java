package org.apache.kafka.connect.runtime;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.isolation.LoaderSwap;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffsets;
import org.apache.kafka.connect.runtime.rest.entities.Message;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.storage.OffsetBackingStore;
import org.apache.kafka.connect.storage.OffsetStorageReaderImpl;
import org.apache.kafka.connect.storage.OffsetStorageWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Reads, alters and resets the offsets of a (stopped) connector for the REST offsets endpoints (KIP-875): for sink
 * connectors the committed offsets of their consumer group, through an admin client; for source connectors the
 * entries of the worker's offsets store. The herder checks the preconditions (connector exists and is stopped);
 * this class validates the requested offsets, lets the connector see them ({@code alterOffsets}), and writes them.
 * Methods block until done; the worker runs them off the herder thread. Thread-safe.
 */
class ConnectorOffsetsManager {

    private static final Logger log = LoggerFactory.getLogger(ConnectorOffsetsManager.class);

    /** Upper bound of each Kafka or offsets-store operation of a request. */
    private static final long OPERATION_TIMEOUT_MS = 30_000;

    private final Plugins plugins;
    private final WorkerConfig config;
    private final OffsetBackingStore offsetStore;
    private final ConnectorClientConfigOverridePolicy overridePolicy;
    private final Supplier<String> kafkaClusterId;

    ConnectorOffsetsManager(Plugins plugins, WorkerConfig config, OffsetBackingStore offsetStore,
                            ConnectorClientConfigOverridePolicy overridePolicy, Supplier<String> kafkaClusterId) {
        this.plugins = plugins;
        this.config = config;
        this.offsetStore = offsetStore;
        this.overridePolicy = overridePolicy;
        this.kafkaClusterId = kafkaClusterId;
    }

    /** The connector's current offsets: partitions with a non-null offset only. */
    ConnectorOffsets offsets(String connName, Map<String, String> connProps) {
        ConnectorPlugin connector = ConnectorPlugin.resolve(plugins, connProps);
        if (connector.isSink()) {
            try (Admin admin = offsetsAdmin(connName, connProps, connector)) {
                return SinkOffsets.toConnectorOffsets(committedOffsets(admin, sinkGroupId(connName, connProps)));
            }
        }
        Map<Map<String, Object>, Map<String, Object>> stored = sourceOffsets(connName);
        List<ConnectorOffset> offsets = new ArrayList<>();
        stored.forEach((partition, offset) -> {
            if (offset != null) {
                offsets.add(new ConnectorOffset(partition, offset));
            }
        });
        return new ConnectorOffsets(offsets);
    }

    /**
     * Alters the given offsets, or resets all of them if {@code offsets} is null.
     *
     * @throws org.apache.kafka.connect.runtime.rest.errors.BadRequestException if the offsets are malformed
     * @throws ConnectException if the connector refuses the change or writing fails
     */
    Message modifyOffsets(String connName, Map<String, String> connProps,
                          Map<Map<String, ?>, Map<String, ?>> offsets) {
        ConnectorPlugin connector = ConnectorPlugin.resolve(plugins, connProps);
        boolean reset = offsets == null;
        boolean onlyFrameworkManaged = connector.isSink()
                ? modifySinkOffsets(connName, connProps, connector, offsets)
                : modifySourceOffsets(connName, connProps, connector, offsets);
        String verb = reset ? "reset" : "altered";
        if (onlyFrameworkManaged) {
            return new Message("The offsets for this connector have been " + verb + " successfully");
        }
        return new Message("The Connect framework-managed offsets for this connector have been " + verb
                + " successfully. However, if this connector manages offsets externally, they will need to be "
                + "manually " + verb + " in the system that the connector uses.");
    }

    private boolean modifySinkOffsets(String connName, Map<String, String> connProps, ConnectorPlugin connector,
                                      Map<Map<String, ?>, Map<String, ?>> offsets) {
        Map<TopicPartition, Long> requested = offsets == null ? null : SinkOffsets.parse(offsets);
        String groupId = sinkGroupId(connName, connProps);
        try (Admin admin = offsetsAdmin(connName, connProps, connector)) {
            Map<TopicPartition, Long> forConnector = requested;
            if (forConnector == null) {
                forConnector = new HashMap<>();
                for (TopicPartition partition : committedOffsets(admin, groupId).keySet()) {
                    forConnector.put(partition, null);
                }
            }
            Map<TopicPartition, Long> seenByConnector = Collections.unmodifiableMap(forConnector);
            boolean onlyFrameworkManaged = askConnector(connName, connector,
                    instance -> ((SinkConnector) instance).alterOffsets(connProps, seenByConnector));
            if (requested == null) {
                deleteGroup(admin, connName, groupId);
            } else {
                alterGroupOffsets(admin, connName, groupId, requested);
            }
            return onlyFrameworkManaged;
        }
    }

    private boolean modifySourceOffsets(String connName, Map<String, String> connProps, ConnectorPlugin connector,
                                        Map<Map<String, ?>, Map<String, ?>> offsets) {
        Map<Map<String, ?>, Map<String, ?>> toWrite = new LinkedHashMap<>();
        if (offsets == null) {
            sourceOffsets(connName).keySet().forEach(partition -> toWrite.put(partition, null));
        } else {
            toWrite.putAll(SourceOffsets.normalize(offsets));
        }
        Map<Map<String, ?>, Map<String, ?>> seenByConnector = Collections.unmodifiableMap(toWrite);
        boolean onlyFrameworkManaged = askConnector(connName, connector,
                instance -> ((SourceConnector) instance).alterOffsets(connProps, seenByConnector));

        OffsetStorageWriter writer = new OffsetStorageWriter(offsetStore, connName);
        toWrite.forEach(writer::offset);
        if (writer.beginFlush()) {
            await(writer.doFlush(null), "write the offsets of connector " + connName);
        }
        return onlyFrameworkManaged;
    }

    /** Every partition of the source connector with a stored offset, read after the store caught up. */
    private Map<Map<String, Object>, Map<String, Object>> sourceOffsets(String connName) {
        // A lookup makes stores backed by a topic read to its end, so the partition index below is current.
        await(offsetStore.get(List.of()), "read the offsets store");
        Set<Map<String, Object>> partitions = offsetStore.connectorPartitions(connName);
        try (OffsetStorageReaderImpl reader = new OffsetStorageReaderImpl(offsetStore, connName)) {
            return reader.offsets(partitions);
        }
    }

    /** Calls the connector's {@code alterOffsets} on a fresh instance with its loader current. */
    private boolean askConnector(String connName, ConnectorPlugin connector,
                                 Predicate<Connector> alterOffsets) {
        Connector instance = connector.newConnector(plugins);
        try (LoaderSwap swap = plugins.withClassLoader(connector.loader())) {
            return alterOffsets.test(instance);
        } catch (UnsupportedOperationException e) {
            throw new ConnectException("Failed to modify offsets for connector " + connName
                    + " because it doesn't support external modification of offsets", e);
        } catch (RuntimeException e) {
            throw new ConnectException("Failed to modify offsets for connector " + connName
                    + " because its alterOffsets method threw an exception: " + e.getMessage(), e);
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> committedOffsets(Admin admin, String groupId) {
        Map<TopicPartition, OffsetAndMetadata> offsets = await(
                admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata(),
                "list the offsets of consumer group " + groupId);
        Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
        offsets.forEach((partition, offset) -> {
            if (offset != null) {
                committed.put(partition, offset);
            }
        });
        return committed;
    }

    private void alterGroupOffsets(Admin admin, String connName, String groupId, Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, OffsetAndMetadata> toAlter = new HashMap<>();
        Set<TopicPartition> toDelete = new HashSet<>();
        offsets.forEach((partition, offset) -> {
            if (offset == null) {
                toDelete.add(partition);
            } else {
                toAlter.put(partition, new OffsetAndMetadata(offset));
            }
        });
        try {
            if (!toAlter.isEmpty()) {
                awaitChecked(admin.alterConsumerGroupOffsets(groupId, toAlter).all());
            }
            if (!toDelete.isEmpty()) {
                awaitChecked(admin.deleteConsumerGroupOffsets(groupId, toDelete).all());
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException && toAlter.isEmpty()) {
                log.debug("Consumer group {} of connector {} does not exist; no offsets to delete", groupId, connName);
                return;
            }
            throw new ConnectException("Failed to alter the offsets of consumer group " + groupId + " of sink "
                    + "connector " + connName + ". The connector's tasks may not have stopped completely yet, or the "
                    + "connector was resumed before its offsets could be altered. If the connector is stopped, the "
                    + "request can be retried.", e.getCause());
        }
    }

    private void deleteGroup(Admin admin, String connName, String groupId) {
        try {
            awaitChecked(admin.deleteConsumerGroups(List.of(groupId)).all());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                log.debug("Consumer group {} of connector {} does not exist; nothing to reset", groupId, connName);
                return;
            }
            if (e.getCause() instanceof GroupNotEmptyException) {
                throw new ConnectException("Failed to reset the offsets of sink connector " + connName
                        + " because its consumer group " + groupId + " is not empty. The connector's tasks may not "
                        + "have stopped completely yet; if the connector is stopped, the request can be retried.",
                        e.getCause());
            }
            throw new ConnectException("Failed to reset the offsets of sink connector " + connName
                    + " by deleting its consumer group " + groupId, e.getCause());
        }
    }

    private Admin offsetsAdmin(String connName, Map<String, String> connProps, ConnectorPlugin connector) {
        ConnectorConfig connConfig;
        try (LoaderSwap swap = plugins.withClassLoader(connector.loader())) {
            connConfig = connector.isSink() ? new SinkConnectorConfig(plugins, connProps)
                    : new SourceConnectorConfig(plugins, connProps, config.topicCreationEnable());
        }
        return Admin.create(ClientConfigs.adminConfigs(connName, "connector-worker-adminclient-" + connName, config,
                connConfig, connector.connectorClass(), overridePolicy, kafkaClusterId.get()));
    }

    /** {@code consumer.override.group.id} if set, else {@code connect-<name>}. */
    static String sinkGroupId(String connName, Map<String, String> connProps) {
        String overridden = connProps.get("consumer.override." + ConsumerConfig.GROUP_ID_CONFIG);
        return overridden != null ? overridden : "connect-" + connName;
    }

    private static <T> T await(Future<T> future, String action) {
        try {
            return future.get(OPERATION_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while trying to " + action, e);
        } catch (ExecutionException e) {
            throw new ConnectException("Failed to " + action, e.getCause());
        } catch (TimeoutException e) {
            throw new ConnectException("Timed out after " + OPERATION_TIMEOUT_MS + " ms trying to " + action, e);
        }
    }

    private static <T> T awaitChecked(Future<T> future) throws ExecutionException {
        try {
            return future.get(OPERATION_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while waiting for the Kafka cluster", e);
        } catch (TimeoutException e) {
            throw new ConnectException("Timed out after " + OPERATION_TIMEOUT_MS + " ms waiting for the Kafka "
                    + "cluster", e);
        }
    }
}
