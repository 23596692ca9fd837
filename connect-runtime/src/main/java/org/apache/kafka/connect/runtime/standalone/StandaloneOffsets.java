package org.apache.kafka.connect.runtime.standalone;

import org.apache.kafka.connect.runtime.AbstractHerder;
import org.apache.kafka.connect.runtime.TargetState;
import org.apache.kafka.connect.runtime.Worker;
import org.apache.kafka.connect.runtime.distributed.ClusterConfigState;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffsets;
import org.apache.kafka.connect.runtime.rest.entities.Message;
import org.apache.kafka.connect.runtime.rest.errors.BadRequestException;
import org.apache.kafka.connect.util.Callback;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The offsets operations of the standalone herder (KIP-875): reading a connector's offsets, and altering or
 * resetting them while it is STOPPED. The worker does the reading and writing; this checks the preconditions.
 */
final class StandaloneOffsets {

    private final Worker worker;
    private final Supplier<ClusterConfigState> configState;

    /** @param configState the current config snapshot, resolving config-provider variables for the worker */
    StandaloneOffsets(Worker worker, Supplier<ClusterConfigState> configState) {
        this.worker = worker;
        this.configState = configState;
    }

    void read(String connName, Callback<ConnectorOffsets> callback) {
        ClusterConfigState snapshot = configState.get();
        if (!snapshot.contains(connName)) {
            callback.onCompletion(AbstractHerder.connectorNotFound(connName), null);
            return;
        }
        worker.connectorOffsets(connName, snapshot.connectorConfig(connName), callback);
    }

    /**
     * Alters the offsets, or resets them when {@code offsets} is null. The caller holds the herder lock, so that the
     * connector cannot be resumed while its offsets are being written.
     */
    void modify(String connName, Map<Map<String, ?>, Map<String, ?>> offsets, Callback<Message> callback) {
        ClusterConfigState snapshot = configState.get();
        if (!snapshot.contains(connName)) {
            callback.onCompletion(AbstractHerder.connectorNotFound(connName), null);
            return;
        }
        if (snapshot.targetState(connName) != TargetState.STOPPED || snapshot.taskCount(connName) != 0) {
            callback.onCompletion(new BadRequestException("Connectors must be in the STOPPED state before their "
                    + "offsets can be modified. This can be done for the specified connector by issuing a 'PUT' "
                    + "request to the '/connectors/" + connName + "/stop' endpoint"), null);
            return;
        }
        worker.modifyConnectorOffsets(connName, snapshot.connectorConfig(connName), offsets, callback);
    }
}
