package org.apache.kafka.connect.runtime;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.errors.DeadLetterQueueReporter;
import org.apache.kafka.connect.runtime.errors.ErrorHandlingMetrics;
import org.apache.kafka.connect.runtime.errors.ErrorReporter;
import org.apache.kafka.connect.runtime.errors.LogReporter;
import org.apache.kafka.connect.runtime.errors.RetryWithToleranceOperator;
import org.apache.kafka.connect.runtime.errors.WorkerErrantRecordReporter;
import org.apache.kafka.connect.runtime.isolation.LoaderSwap;
import org.apache.kafka.connect.runtime.isolation.PluginDesc;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.storage.OffsetBackingStore;
import org.apache.kafka.connect.storage.OffsetStorageReaderImpl;
import org.apache.kafka.connect.storage.OffsetStorageWriter;
import org.apache.kafka.connect.storage.StatusBackingStore;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.apache.kafka.connect.util.TopicCreationGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Builds a {@link WorkerSourceTask} or {@link WorkerSinkTask} with everything it needs (task instance, converters,
 * transformation chain, error handling, Kafka clients, offset reader/writer), as runtime-behaviour §4.1 describes.
 * Everything is created with the connector's class loader current; if any step fails, what was already created is
 * closed before the failure is rethrown. Thread-safe (stateless apart from the worker's shared objects).
 */
class WorkerTaskFactory {

    private static final Logger log = LoggerFactory.getLogger(WorkerTaskFactory.class);

    /** The task config key naming the task class; the worker adds it when generating task configs. */
    static final String TASK_CLASS_CONFIG = "task.class";

    /** A built task, with the per-task objects the worker must release when the task is removed. */
    record BuiltTask(WorkerTask<?, ?> task, ErrorHandlingMetrics errorMetrics, String version) {

        /** Unregisters the task's metrics (error, task and kind-specific ones). */
        void removeMetrics() {
            errorMetrics.close();
            task.removeMetrics();
        }
    }

    private final Plugins plugins;
    private final WorkerConfig config;
    private final OffsetBackingStore offsetStore;
    private final ConnectorClientConfigOverridePolicy overridePolicy;
    private final StatusBackingStore statusStore;
    private final ConnectMetrics connectMetrics;
    private final Time time;
    private final Supplier<String> kafkaClusterId;
    private final Function<String, String> connectorVersion;

    WorkerTaskFactory(Plugins plugins, WorkerConfig config, OffsetBackingStore offsetStore,
                      ConnectorClientConfigOverridePolicy overridePolicy, StatusBackingStore statusStore,
                      ConnectMetrics connectMetrics, Time time, Supplier<String> kafkaClusterId,
                      Function<String, String> connectorVersion) {
        this.plugins = plugins;
        this.config = config;
        this.offsetStore = offsetStore;
        this.overridePolicy = overridePolicy;
        this.statusStore = statusStore;
        this.connectMetrics = connectMetrics;
        this.connectorVersion = connectorVersion;
        this.time = time;
        this.kafkaClusterId = kafkaClusterId;
    }

    BuiltTask sourceTask(ConnectorTaskId id, Map<String, String> connProps, Map<String, String> taskProps,
                         TaskStatus.Listener statusListener, TargetState initialState) {
        ConnectorPlugin connector = ConnectorPlugin.resolve(plugins, connProps);
        List<AutoCloseable> built = new ArrayList<>();
        try (LoaderSwap swap = plugins.withClassLoader(connector.loader())) {
            SourceConnectorConfig connConfig = new SourceConnectorConfig(plugins, connProps,
                    config.topicCreationEnable());
            SourceTask task = newTask(id, connector, taskProps, SourceTask.class);
            String version = connector.versionOf(task);
            TaskConverters converters = converters(id, connConfig, connector, built);
            ErrorHandlingMetrics errorMetrics = track(built, new ErrorHandlingMetrics(id, connectMetrics.metrics(), time));

            List<ErrorReporter<SourceRecord>> reporters = new ArrayList<>();
            if (connConfig.enableErrorLog()) {
                reporters.add(LogReporter.forSource(id, connConfig.includeRecordDetailsInErrorLog(), errorMetrics));
            }
            RetryWithToleranceOperator<SourceRecord> operator = track(built, operator(connConfig, errorMetrics,
                    reporters));
            TransformationChain<SourceRecord, SourceRecord> chain = track(built, new TransformationChain<>(
                    connConfig.<SourceRecord>transformationStages(plugins, id, connector.loader()), operator));
            attachPluginMetrics(id, chain);

            KafkaProducer<byte[], byte[]> producer = track(built, new KafkaProducer<>(
                    ClientConfigs.sourceProducerConfigs(id, "connector-producer-" + id, config, connConfig,
                            connector.connectorClass(), overridePolicy, kafkaClusterId.get())));
            Admin admin = null;
            Map<String, TopicCreationGroup> topicGroups = null;
            if (config.topicCreationEnable() && connConfig.usesTopicCreation()) {
                admin = track(built, Admin.create(ClientConfigs.adminConfigs(id.connector(),
                        "connector-adminclient-" + id, config, connConfig, connector.connectorClass(),
                        overridePolicy, kafkaClusterId.get())));
                topicGroups = TopicCreationGroup.configuredGroups(connConfig);
            }
            OffsetStorageReaderImpl offsetReader = track(built, new OffsetStorageReaderImpl(offsetStore,
                    id.connector()));
            OffsetStorageWriter offsetWriter = new OffsetStorageWriter(offsetStore, id.connector());

            WorkerSourceTask workerTask = new WorkerSourceTask(id, task, taskProps, statusListener, initialState,
                    config, connConfig, converters, chain, operator, producer, admin, topicGroups, offsetReader,
                    offsetWriter, offsetStore, topicTrackingStore(), connector.loader(), time, connectMetrics);
            describe(workerTask, id, connector, task, version, converters, chain);
            return new BuiltTask(workerTask, errorMetrics, version);
        } catch (Throwable t) {
            closeAll(id, built);
            throw t;
        }
    }

    BuiltTask sinkTask(ConnectorTaskId id, Map<String, String> connProps, Map<String, String> taskProps,
                       TaskStatus.Listener statusListener, TargetState initialState) {
        ConnectorPlugin connector = ConnectorPlugin.resolve(plugins, connProps);
        List<AutoCloseable> built = new ArrayList<>();
        try (LoaderSwap swap = plugins.withClassLoader(connector.loader())) {
            SinkConnectorConfig.validate(connProps);
            SinkConnectorConfig connConfig = new SinkConnectorConfig(plugins, connProps);
            SinkTask task = newTask(id, connector, taskProps, SinkTask.class);
            String version = connector.versionOf(task);
            TaskConverters converters = converters(id, connConfig, connector, built);
            ErrorHandlingMetrics errorMetrics = track(built, new ErrorHandlingMetrics(id, connectMetrics.metrics(), time));

            List<ErrorReporter<ConsumerRecord<byte[], byte[]>>> reporters = new ArrayList<>();
            if (connConfig.enableErrorLog()) {
                reporters.add(LogReporter.forSink(id, connConfig.includeRecordDetailsInErrorLog(), errorMetrics));
            }
            boolean hasDeadLetterQueue = !connConfig.dlqTopicName().isBlank();
            if (hasDeadLetterQueue) {
                reporters.add(track(built, deadLetterQueueReporter(id, connConfig, connector, errorMetrics)));
            }
            RetryWithToleranceOperator<ConsumerRecord<byte[], byte[]>> operator =
                    track(built, operator(connConfig, errorMetrics, reporters));
            TransformationChain<ConsumerRecord<byte[], byte[]>, SinkRecord> chain = track(built,
                    new TransformationChain<>(
                            connConfig.<SinkRecord>transformationStages(plugins, id, connector.loader()), operator));
            attachPluginMetrics(id, chain);

            KafkaConsumer<byte[], byte[]> consumer = track(built, new KafkaConsumer<>(
                    ClientConfigs.sinkConsumerConfigs(id, "connector-consumer-" + id, config, connConfig,
                            connector.connectorClass(), overridePolicy, kafkaClusterId.get())));
            WorkerErrantRecordReporter errantRecordReporter = hasDeadLetterQueue || connConfig.enableErrorLog()
                    ? new WorkerErrantRecordReporter(operator, converters.keyConverter(),
                            converters.valueConverter(), converters.headerConverter())
                    : null;

            WorkerSinkTask workerTask = new WorkerSinkTask(id, task, taskProps, statusListener, initialState,
                    config, connConfig, converters, chain, operator, consumer, errantRecordReporter,
                    topicTrackingStore(), connector.loader(), time, connectMetrics);
            describe(workerTask, id, connector, task, version, converters, chain);
            return new BuiltTask(workerTask, errorMetrics, version);
        } catch (Throwable t) {
            closeAll(id, built);
            throw t;
        }
    }

    private <T extends Task> T newTask(ConnectorTaskId id, ConnectorPlugin connector, Map<String, String> taskProps,
                                       Class<T> expectedType) {
        String taskClassName = taskProps.get(TASK_CLASS_CONFIG);
        if (taskClassName == null) {
            throw new ConnectException("Task config of " + id + " has no '" + TASK_CLASS_CONFIG + "'");
        }
        Class<?> taskClass;
        try {
            taskClass = Class.forName(taskClassName, true, connector.loader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ConnectException("Failed to load task class " + taskClassName + " of " + id, e);
        }
        if (!expectedType.isAssignableFrom(taskClass)) {
            throw new ConnectException("Task class " + taskClassName + " of " + id + " is not a "
                    + expectedType.getSimpleName() + ", but connector " + connector.connectorClass().getName()
                    + " is a " + (SinkConnector.class.isAssignableFrom(connector.connectorClass()) ? "sink"
                    : "source") + " connector");
        }
        log.info("Instantiating task {} of class {}", id, taskClassName);
        return expectedType.cast(plugins.newTask(taskClass.asSubclass(Task.class)));
    }

    private TaskConverters converters(ConnectorTaskId id, ConnectorConfig connConfig, ConnectorPlugin connector,
                                      List<AutoCloseable> built) {
        TaskConverters converters = TaskConverters.create(plugins, config, connConfig, connector.loader());
        built.add(converters.keyConverter());
        built.add(converters.valueConverter());
        built.add(converters.headerConverter());
        converters.attachPluginMetrics(connectMetrics.metrics(), id);
        return converters;
    }

    /** Monitorable transformations and predicates get their plugin metrics; the chain's close removes them. */
    private void attachPluginMetrics(ConnectorTaskId id, TransformationChain<?, ?> chain) {
        for (TransformationStage<?> stage : chain.stages()) {
            stage.attachPluginMetrics(connectMetrics.metrics(), id);
        }
    }

    /**
     * Registers the task's plugin information in its {@code connector-task-metrics} (KIP-891), and the classes and
     * versions of its transformations and predicates.
     */
    private void describe(WorkerTask<?, ?> workerTask, ConnectorTaskId id, ConnectorPlugin connector, Task task,
                          String taskVersion, TaskConverters converters, TransformationChain<?, ?> chain) {
        TaskMetrics taskMetrics = workerTask.taskMetrics();
        String version = connectorVersion.apply(id.connector());
        taskMetrics.addInfo("connector-class", "The name of the connector class.",
                connector.connectorClass().getName());
        taskMetrics.addInfo("connector-version", "The version of the connector class, as reported by the connector.",
                orUndefined(version));
        taskMetrics.addInfo("connector-type", "The type of the connector. One of 'source' or 'sink'.",
                connector.isSink() ? "sink" : "source");
        taskMetrics.addInfo("task-class", "The class name of the task.", task.getClass().getName());
        taskMetrics.addInfo("task-version", "The version of the task.", orUndefined(taskVersion));
        taskMetrics.addInfo("key-converter-class", "The fully qualified class name from key.converter",
                converters.keyConverterClass().getName());
        taskMetrics.addInfo("key-converter-version", "The version instantiated for key.converter. May be undefined",
                converters.keyConverterVersion());
        taskMetrics.addInfo("value-converter-class", "The fully qualified class name from value.converter",
                converters.valueConverterClass().getName());
        taskMetrics.addInfo("value-converter-version",
                "The version instantiated for value.converter. May be undefined", converters.valueConverterVersion());
        taskMetrics.addInfo("header-converter-class", "The fully qualified class name from header.converter",
                converters.headerConverterClass().getName());
        taskMetrics.addInfo("header-converter-version",
                "The version instantiated for header.converter. May be undefined",
                converters.headerConverterVersion());
        taskMetrics.addStageInfo(chain.stages());
    }

    private static String orUndefined(String version) {
        return version == null ? PluginDesc.UNDEFINED_VERSION : version;
    }

    private <T> RetryWithToleranceOperator<T> operator(ConnectorConfig connConfig, ErrorHandlingMetrics errorMetrics,
                                                        List<ErrorReporter<T>> reporters) {
        return new RetryWithToleranceOperator<>(connConfig.errorRetryTimeout(), connConfig.errorMaxDelayInMillis(),
                connConfig.errorToleranceType(), time, errorMetrics, reporters);
    }

    private DeadLetterQueueReporter deadLetterQueueReporter(ConnectorTaskId id, SinkConnectorConfig connConfig,
                                                            ConnectorPlugin connector,
                                                            ErrorHandlingMetrics errorMetrics) {
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(ClientConfigs.sourceProducerConfigs(id,
                "connector-dlq-producer-" + id, config, connConfig, connector.connectorClass(), overridePolicy,
                kafkaClusterId.get()));
        try (Admin admin = Admin.create(ClientConfigs.adminConfigs(id.connector(),
                "connector-dlq-adminclient-" + id, config, connConfig, connector.connectorClass(), overridePolicy,
                kafkaClusterId.get()))) {
            return DeadLetterQueueReporter.create(admin, producer, id, connConfig.dlqTopicName(),
                    connConfig.dlqTopicReplicationFactor(), connConfig.isDlqContextHeadersEnabled(), errorMetrics);
        } catch (Throwable t) {
            producer.close();
            throw t;
        }
    }

    /** The status store for topic tracking, or null when the worker does not track topics. */
    private StatusBackingStore topicTrackingStore() {
        return config.topicTrackingEnable() ? statusStore : null;
    }

    private static <T extends AutoCloseable> T track(List<AutoCloseable> built, T resource) {
        built.add(resource);
        return resource;
    }

    private static void closeAll(ConnectorTaskId id, List<AutoCloseable> built) {
        for (int i = built.size() - 1; i >= 0; i--) {
            AutoCloseable resource = built.get(i);
            try {
                resource.close();
            } catch (Throwable t) {
                log.warn("Failed to close {} after task {} could not be created", resource.getClass().getSimpleName(),
                        id, t);
            }
        }
    }
}
