package org.apache.kafka.connect.runtime;

import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.runtime.isolation.LoaderSwap;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.sink.SinkTask;
import org.apache.kafka.connect.util.LoggingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates a running connector's task configs (runtime-behaviour §5.3): asks the connector for at most
 * {@code tasks.max} of them, enforces that limit, and completes each config with {@code task.class} and, for sinks,
 * the connector's {@code topics}/{@code topics.regex}.
 */
final class ConnectorTaskConfigs {

    private static final Logger log = LoggerFactory.getLogger(ConnectorTaskConfigs.class);

    private ConnectorTaskConfigs() {
    }

    /**
     * @throws TooManyTasksException if the connector generated too many and {@code tasks.max.enforce} is on; the
     *                               connector is then FAILED
     */
    static List<Map<String, String>> generate(Plugins plugins, WorkerConnector workerConnector,
                                              ConnectorConfig connConfig) {
        String connName = workerConnector.name();
        try (LoggingContext ignored = LoggingContext.forConnector(connName);
             LoaderSwap swap = plugins.withClassLoader(workerConnector.loader())) {
            Connector connector = workerConnector.connector();
            int maxTasks = connConfig.tasksMax();
            List<Map<String, String>> generated = connector.taskConfigs(maxTasks);
            if (generated == null) {
                generated = List.of();
            }
            if (generated.size() > maxTasks) {
                if (connConfig.enforceTasksMax()) {
                    TooManyTasksException error = new TooManyTasksException(connName, generated.size(), maxTasks);
                    workerConnector.fail(error);
                    throw error;
                }
                log.warn("The connector {} has generated {} tasks, which is greater than {}, the maximum number of "
                        + "tasks it is configured to create. This is allowed only because 'tasks.max.enforce' is "
                        + "false, an option that will be removed in a future release.", connName, generated.size(),
                        maxTasks);
            }
            Class<? extends Task> taskClass = connector.taskClass();
            Map<String, String> connProps = connConfig.originalsStrings();
            List<Map<String, String>> taskConfigs = new ArrayList<>(generated.size());
            for (Map<String, String> generatedConfig : generated) {
                Map<String, String> taskConfig = new HashMap<>(generatedConfig);
                taskConfig.put(WorkerTaskFactory.TASK_CLASS_CONFIG, taskClass.getName());
                if (workerConnector.isSinkConnector()) {
                    copyIfPresent(connProps, taskConfig, SinkTask.TOPICS_CONFIG);
                    copyIfPresent(connProps, taskConfig, SinkTask.TOPICS_REGEX_CONFIG);
                }
                taskConfigs.add(taskConfig);
            }
            return taskConfigs;
        }
    }

    private static void copyIfPresent(Map<String, String> from, Map<String, String> to, String key) {
        String value = from.get(key);
        if (value != null) {
            to.put(key, value);
        }
    }
}
