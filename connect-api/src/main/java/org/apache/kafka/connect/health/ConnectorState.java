package org.apache.kafka.connect.health;

import org.apache.kafka.common.annotation.InterfaceAudience;

/**
 * The state of a connector instance.
 */
@InterfaceAudience.Public
public class ConnectorState extends AbstractState {

    public ConnectorState(String state, String workerId, String traceMessage) {
        super(state, workerId, traceMessage);
    }

    @Override
    public String toString() {
        return "ConnectorState{" +
                "state='" + state() + '\'' +
                ", traceMessage='" + traceMessage() + '\'' +
                ", workerId='" + workerId() + '\'' +
                '}';
    }
}
