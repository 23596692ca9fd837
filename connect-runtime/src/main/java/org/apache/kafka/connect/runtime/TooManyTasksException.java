package org.apache.kafka.connect.runtime;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * A connector generated more task configs than its {@code tasks.max} while {@code tasks.max.enforce} is on; the
 * connector is failed and its task configs are not used.
 */
public class TooManyTasksException extends ConnectException {

    public TooManyTasksException(String connName, int numTasks, int maxTasks) {
        super("The connector " + connName + " has generated " + numTasks + " tasks, which is greater than "
                + maxTasks + ", the maximum number of tasks it is configured to create. This behaviour should be "
                + "considered a bug and is disallowed. If necessary, it can be permitted by reconfiguring the "
                + "connector with '" + ConnectorConfig.TASKS_MAX_ENFORCE_CONFIG + "' set to false; however, this "
                + "option will be removed in a future release of Kafka Connect.");
    }
}
