package org.apache.kafka.connect.util;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/** Worker-level helpers that talk to the Kafka cluster. */
public final class ConnectUtils {

    private static final Logger log = LoggerFactory.getLogger(ConnectUtils.class);

    private static final String ADMIN_PREFIX = "admin.";

    private ConnectUtils() {
    }

    /**
     * Asks the brokers of the worker's Kafka cluster for the cluster id, with an admin client built from the
     * worker's settings. Blocks until the cluster answers (the admin client's own timeouts apply).
     *
     * @return the cluster id; may be {@code null} for a cluster that does not report one
     * @throws ConnectException if the cluster cannot be reached or the lookup is interrupted
     */
    public static String lookupKafkaClusterId(WorkerConfig config) {
        log.info("Creating Kafka admin client to look up the Kafka cluster id");
        try (Admin admin = Admin.create(workerAdminConfigs(config))) {
            String clusterId = admin.describeCluster().clusterId().get();
            log.info("Kafka cluster id: {}", clusterId);
            return clusterId;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while looking up the Kafka cluster id", e);
        } catch (ExecutionException e) {
            throw new ConnectException("Failed to connect to and describe the Kafka cluster. Check the worker's "
                    + "broker connection and security properties.", e.getCause());
        }
    }

    /**
     * The worker's own admin client settings: its admin-client settings without prefix, overridden by those under
     * {@code admin.}. Settings that are not admin client settings are left out, so the client does not warn about
     * every other worker setting.
     */
    static Map<String, Object> workerAdminConfigs(WorkerConfig config) {
        Set<String> adminKeys = AdminClientConfig.configNames();
        Map<String, Object> adminConfigs = new HashMap<>();
        adminConfigs.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        config.originals().forEach((key, value) -> {
            if (adminKeys.contains(key) && !key.equals(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)) {
                adminConfigs.put(key, value);
            }
        });
        config.originalsWithPrefix(ADMIN_PREFIX).forEach((key, value) -> {
            if (adminKeys.contains(key)) {
                adminConfigs.put(key, value);
            }
        });
        return adminConfigs;
    }
}
