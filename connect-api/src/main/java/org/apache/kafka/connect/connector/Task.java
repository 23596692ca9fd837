package org.apache.kafka.connect.connector;

import org.apache.kafka.common.annotation.InterfaceAudience;

import java.util.Map;

/**
 * One unit of the work a connector is split into; source and sink tasks refine this contract.
 */
@InterfaceAudience.Public
public interface Task {

    /**
     * @return the version of this task, usually the same as its connector's
     */
    String version();

    /**
     * Starts the task with the configuration produced by its connector's {@link Connector#taskConfigs(int)}.
     */
    void start(Map<String, String> props);

    /**
     * Stops the task; called once, after which the task is discarded.
     */
    void stop();
}
