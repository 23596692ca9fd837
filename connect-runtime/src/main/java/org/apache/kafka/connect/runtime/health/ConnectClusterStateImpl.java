package org.apache.kafka.connect.runtime.health;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.health.ConnectClusterDetails;
import org.apache.kafka.connect.health.ConnectClusterState;
import org.apache.kafka.connect.health.ConnectorHealth;
import org.apache.kafka.connect.health.ConnectorState;
import org.apache.kafka.connect.health.ConnectorType;
import org.apache.kafka.connect.health.TaskState;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.FutureCallback;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The read-only view of the Connect cluster that REST extensions get, answered by the worker's herder. Calls that
 * the herder answers asynchronously wait at most the configured time (the rebalance timeout in distributed mode).
 */
public class ConnectClusterStateImpl implements ConnectClusterState {

    private final Herder herder;
    private final long herderRequestTimeoutMs;
    private final ConnectClusterDetails clusterDetails;

    public ConnectClusterStateImpl(Herder herder, long herderRequestTimeoutMs) {
        this.herder = herder;
        this.herderRequestTimeoutMs = herderRequestTimeoutMs;
        // The cluster id never changes for a running worker; asking the herder lazily keeps start-up order free.
        this.clusterDetails = herder::kafkaClusterId;
    }

    @Override
    public Collection<String> connectors() {
        FutureCallback<Collection<String>> callback = new FutureCallback<>();
        herder.connectors(callback);
        return new ArrayList<>(await(callback, "Failed to retrieve list of connectors"));
    }

    /**
     * @throws org.apache.kafka.connect.errors.NotFoundException if there is no such connector
     */
    @Override
    public ConnectorHealth connectorHealth(String connName) {
        ConnectorStateInfo status = herder.connectorStatus(connName);
        ConnectorStateInfo.ConnectorState connector = status.connector();
        ConnectorState connectorState = new ConnectorState(connector.state(), connector.workerId(), connector.trace());
        Map<Integer, TaskState> tasks = new HashMap<>();
        for (ConnectorStateInfo.TaskState task : status.tasks()) {
            tasks.put(task.id(), new TaskState(task.id(), task.state(), task.workerId(), task.trace()));
        }
        return new ConnectorHealth(status.name(), connectorState, tasks, connectorType(status));
    }

    @Override
    public Map<String, String> connectorConfig(String connName) {
        FutureCallback<Map<String, String>> callback = new FutureCallback<>();
        herder.connectorConfig(connName, callback);
        return new HashMap<>(await(callback, "Failed to retrieve configuration for connector '" + connName + "'"));
    }

    @Override
    public ConnectClusterDetails clusterDetails() {
        return clusterDetails;
    }

    private static ConnectorType connectorType(ConnectorStateInfo status) {
        if (status.type() == null) {
            return ConnectorType.UNKNOWN;
        }
        return switch (status.type()) {
            case SOURCE -> ConnectorType.SOURCE;
            case SINK -> ConnectorType.SINK;
            case UNKNOWN -> ConnectorType.UNKNOWN;
        };
    }

    private <T> T await(FutureCallback<T> callback, String failureMessage) {
        try {
            return callback.get(herderRequestTimeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException(failureMessage, e);
        } catch (ExecutionException e) {
            // The herder's own exception (e.g. NotFoundException) says more than a wrapper would.
            if (e.getCause() instanceof ConnectException connectException) {
                throw connectException;
            }
            throw new ConnectException(failureMessage, e.getCause());
        } catch (TimeoutException e) {
            throw new ConnectException(failureMessage + ": timed out after " + herderRequestTimeoutMs + " ms", e);
        }
    }
}
