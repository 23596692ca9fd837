package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;
import org.apache.kafka.connect.util.ConnectorTaskId;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.BiFunction;

/**
 * A {@link Worker} that runs nothing: it reports the connectors the test says are running, answers task configs
 * with the test's function and records task starts. Needs no broker; {@link #stop()} releases its metrics.
 */
final class StubWorker extends Worker {

    /** One call of startSinkTask / startSourceTask. */
    record TaskStart(String kind, ConnectorTaskId id, Map<String, String> connProps, Map<String, String> taskProps,
                     TaskStatus.Listener listener, TargetState initialState) {
    }

    private static Plugins plugins;

    final Set<String> running = new CopyOnWriteArraySet<>();
    final List<TaskStart> taskStarts = new CopyOnWriteArrayList<>();
    final List<ConnectorConfig> taskConfigRequests = new CopyOnWriteArrayList<>();
    volatile BiFunction<String, ConnectorConfig, List<Map<String, String>>> taskConfigs =
            (connName, config) -> List.of();
    volatile boolean startSucceeds = true;

    StubWorker() {
        super("stub-worker:8083", Time.SYSTEM, plugins(), workerConfig(), new MemoryOffsetBackingStore(), null, null);
    }

    /** Discovery is slow and plugins are immutable once discovered, so the tests share one instance. */
    private static synchronized Plugins plugins() {
        if (plugins == null) {
            plugins = new Plugins(Map.of("plugin.discovery", "service_load"));
        }
        return plugins;
    }

    private static StandaloneConfig workerConfig() {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", "localhost:9092");
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("offset.storage.file.filename", "unused");
        return new StandaloneConfig(props);
    }

    @Override
    public boolean isRunning(String connName) {
        return running.contains(connName);
    }

    @Override
    public List<Map<String, String>> connectorTaskConfigs(String connName, ConnectorConfig connConfig) {
        taskConfigRequests.add(connConfig);
        return taskConfigs.apply(connName, connConfig);
    }

    @Override
    public boolean startSourceTask(ConnectorTaskId id, Map<String, String> connProps, Map<String, String> taskProps,
                                   TaskStatus.Listener statusListener, TargetState initialState) {
        taskStarts.add(new TaskStart("source", id, connProps, taskProps, statusListener, initialState));
        return startSucceeds;
    }

    @Override
    public boolean startSinkTask(ConnectorTaskId id, Map<String, String> connProps, Map<String, String> taskProps,
                                 TaskStatus.Listener statusListener, TargetState initialState) {
        taskStarts.add(new TaskStart("sink", id, connProps, taskProps, statusListener, initialState));
        return startSucceeds;
    }
}
