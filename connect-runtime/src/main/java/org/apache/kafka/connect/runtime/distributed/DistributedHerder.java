package org.apache.kafka.connect.runtime.distributed;

import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.AbstractHerder;
import org.apache.kafka.connect.runtime.RestartRequest;
import org.apache.kafka.connect.runtime.TargetState;
import org.apache.kafka.connect.runtime.TaskConfigGenerator;
import org.apache.kafka.connect.runtime.TaskLauncher;
import org.apache.kafka.connect.runtime.Worker;
import org.apache.kafka.connect.runtime.rest.HttpRestRequestForwarder;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffsets;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorType;
import org.apache.kafka.connect.runtime.rest.entities.Message;
import org.apache.kafka.connect.runtime.rest.entities.TaskInfo;
import org.apache.kafka.connect.runtime.rest.errors.BadRequestException;
import org.apache.kafka.connect.runtime.rest.errors.ConnectRestException;
import org.apache.kafka.connect.storage.KafkaConfigBackingStore;
import org.apache.kafka.connect.storage.StatusBackingStore;
import org.apache.kafka.connect.util.Callback;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The herder of a distributed worker (runtime-behaviour §5): connectors and tasks are shared by the workers of one
 * group; their configs live in the config topic, which only the group's leader writes (apart from pause/resume and
 * cluster logger levels), and the leader's assignment says which worker runs what.
 *
 * <p>Threading. Everything that touches cluster state runs on one herder thread
 * ({@code DistributedHerder-<clientId>-1}): group membership, catching up with the config topic, the queue of
 * {@link HerderRequestQueue requests} REST threads submit, restarts and reactions to config changes. REST threads
 * only enqueue and wait for their callback. This class runs the thread's tick and turns Herder calls into requests;
 * the parts: {@link WorkerGroupMember} (membership), {@link WorkerAssignment} (this worker's share of the work),
 * {@link ConfigLogSync} and {@link PendingConfigUpdates} (the config topic), {@link HerderRequestQueue} (requests),
 * {@link TaskReconfiguration} (task configs), {@link ConfigTopicWrites} (what requests write), {@link SessionKeys}
 * and {@link DistributedRestarts} (docs/design/0009).
 */
public class DistributedHerder extends AbstractHerder implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(DistributedHerder.class);

    private static final long HERDER_STOP_TIMEOUT_MS = 60_000L;
    private static final String SHUTTING_DOWN_MESSAGE = "Worker is shutting down";

    private final DistributedConfig config;
    private final Time time;
    private final KafkaConfigBackingStore configStore;
    private final WorkerGroupMember member;
    private final HerderRequestQueue requests = new HerderRequestQueue();
    private final PendingConfigUpdates pendingUpdates;
    private final SessionKeys sessionKeys;
    private final InternalRequestVerifier verifier;
    private final ConfigLogSync configSync;
    private final TaskLauncher taskLauncher;
    private final TaskConfigPublisher taskConfigPublisher;
    private final AssignedWorkStarter workStarter;
    private final WorkerAssignment work;
    private final TaskReconfiguration taskReconfiguration;
    private final DistributedRestarts restarts;
    private final ConfigTopicWrites writes;
    private final ExecutorService herderExecutor;
    private final List<AutoCloseable> uponShutdown;
    private final long workerUnsyncBackoffMs;
    private final CountDownLatch stopped = new CountDownLatch(1);

    /** The raw config each connector was last started with here; written by the threads that start them. */
    private final Map<String, Map<String, String>> startedConnectorConfigs = new ConcurrentHashMap<>();
    /** The raw connector and task config each task was last started with here; written like the above. */
    private final Map<ConnectorTaskId, List<Map<String, String>>> startedTaskConfigs = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile boolean stopping;

    /**
     * @param restUrl      this worker's advertised REST URL, e.g. {@code http://10.0.0.5:8083/}
     * @param forwarder    sends task configs to the leader (the REST layer forwards requests with it too)
     * @param uponShutdown closed after the herder stopped
     */
    public DistributedHerder(DistributedConfig config, Time time, Worker worker, String kafkaClusterId,
                             StatusBackingStore statusBackingStore, KafkaConfigBackingStore configBackingStore,
                             String restUrl, HttpRestRequestForwarder forwarder,
                             ConnectorClientConfigOverridePolicy overridePolicy, AutoCloseable... uponShutdown) {
        super(worker, worker.workerId(), kafkaClusterId, statusBackingStore, configBackingStore, overridePolicy);
        this.config = config;
        this.time = time;
        this.configStore = configBackingStore;
        this.workerUnsyncBackoffMs = config.getInt(DistributedConfig.WORKER_UNSYNC_BACKOFF_MS_CONFIG);
        this.sessionKeys = new SessionKeys(config, time);
        this.verifier = new InternalRequestVerifier(
                config.getList(DistributedConfig.INTER_WORKER_VERIFICATION_ALGORITHMS_CONFIG));
        this.configSync = new ConfigLogSync(configBackingStore,
                config.getInt(DistributedConfig.WORKER_SYNC_TIMEOUT_MS_CONFIG));
        this.taskLauncher = new TaskLauncher(worker, this, this::connectorType);
        this.uponShutdown = Arrays.asList(uponShutdown);
        // Known before the member exists: it names the herder's threads.
        String clientId = WorkerGroupMember.clientId(config, worker.workerId());
        this.workStarter = new AssignedWorkStarter(clientId);
        // The member is built after its listener (WorkerAssignment), so wake-ups look it up when they happen.
        this.pendingUpdates = new PendingConfigUpdates(connector -> configSync.snapshot().contains(connector),
                this::wakeUp);
        configBackingStore.setUpdateListener(pendingUpdates);
        this.work = new WorkerAssignment(worker, this, configSync, statusBackingStore, pendingUpdates, workStarter);
        this.member = new WorkerGroupMember(config, restUrl, worker.workerId(), configSync, work, time);
        work.attach(member);
        this.taskConfigPublisher = new TaskConfigPublisher(forwarder,
                config.getString(DistributedConfig.INTER_WORKER_SIGNATURE_ALGORITHM_CONFIG), clientId);
        this.taskReconfiguration = new TaskReconfiguration(new TaskConfigGenerator(worker), taskConfigPublisher,
                configBackingStore, this::resolvedConfig, () -> sessioned() ? sessionKeys.current() : null,
                requests, action -> addRequest(action, null), time);
        taskReconfiguration.attach(member);
        this.restarts = new DistributedRestarts(worker, this, member, requests, time);
        this.writes = new ConfigTopicWrites(configBackingStore, member);
        this.herderExecutor = Executors.newSingleThreadExecutor(daemonThreads("DistributedHerder-" + clientId + "-"));
    }

    @Override
    protected int generation() {
        return work.generation();
    }

    /**
     * Starts the worker and reads the internal topics (failing here, e.g. on a config topic with wrong settings,
     * fails the start), then joins the group on the herder thread in the background.
     */
    @Override
    public void start() {
        log.info("Herder starting");
        try {
            startServices();
        } catch (RuntimeException e) {
            // stop() will not wait for a herder thread that never ran; release what did start.
            Utils.closeQuietly(this::releaseResources, "herder after failed start");
            stopped.countDown();
            throw e;
        }
        configSync.update();
        sessionKeys.update(configStore.fullSnapshot().sessionKey());
        running = true;
        herderExecutor.submit(this);
        log.info("Herder started; joining group {}", config.groupId());
    }

    @Override
    public void run() {
        try {
            while (!stopping) {
                tick();
            }
            halt();
        } catch (Throwable t) {
            log.error("Uncaught exception in herder work thread, exiting: ", t);
            Utils.closeQuietly(this::halt, "herder after uncaught exception");
            Exit.exit(1);
        } finally {
            stopped.countDown();
        }
    }

    @Override
    public void stop() {
        log.info("Herder stopping");
        stopping = true;
        member.wakeup();
        try {
            if (!stopped.await(HERDER_STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                log.error("The herder thread did not stop within {} ms", HERDER_STOP_TIMEOUT_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        shutdownAndAwait(herderExecutor, 1_000L);
        for (HerderRequestQueue.Request request : requests.drain()) {
            request.fail(new ConnectException(SHUTTING_DOWN_MESSAGE));
        }
        running = false;
        log.info("Herder stopped");
    }

    /** On the herder thread: stops this worker's work, leaves the group, stops services. */
    private void halt() {
        log.info("Stopping connectors and tasks that are still assigned to this worker");
        worker.stopAndAwaitTasks(new ArrayList<>(worker.taskIds()));
        worker.stopAndAwaitConnectors(new ArrayList<>(worker.connectorNames()));
        releaseResources();
    }

    /** Leaves the group, fails queued requests and stops the services and threads; idempotent. */
    private void releaseResources() {
        member.stop();
        for (HerderRequestQueue.Request request : requests.drain()) {
            request.fail(new ConnectException(SHUTTING_DOWN_MESSAGE));
        }
        Utils.closeQuietly(taskConfigPublisher, "task config publisher");
        Utils.closeQuietly(workStarter, "start-and-stop executor");
        stopServices();
        for (AutoCloseable closeable : uponShutdown) {
            Utils.closeQuietly(closeable, "herder resource");
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isReady() {
        return work.joinedOnce();
    }

    @Override
    public void healthCheck(Callback<Void> callback) {
        addRequest(() -> callback.onCompletion(null, null), callback);
    }

    // ---------------------------------------------------------------------------------------------------------
    // The herder thread

    private void tick() {
        if (!configSync.readable() && !readConfigToEnd()) {
            backOff(workerUnsyncBackoffMs);
            return;
        }
        try {
            member.poll(0);
        } catch (WakeupException e) {
            // Requests or a stop arrived while rebalancing: the rebalance resumes on the next tick.
            return;
        }
        if (!work.completeRebalance(this::readConfigToEnd)) {
            return;
        }
        rotateSessionKeyIfLeader();
        runDueRequests();
        restarts.process(configStore.drainRestartRequests(), work.ownWork(), resolvedConfig());
        processConfigUpdates();
        long nextDueMs = Math.min(requests.nextDueMs(), sessionKeyDeadlineMs());
        long timeoutMs = Math.max(0, Math.min(nextDueMs, Long.MAX_VALUE / 2) - time.milliseconds());
        try {
            member.poll(timeoutMs);
        } catch (WakeupException e) {
            log.trace("Herder woken up");
        }
    }

    private void runDueRequests() {
        HerderRequestQueue.Request request;
        while (!stopping && (request = requests.pollDue(time.milliseconds())) != null) {
            request.run(error -> log.error("Herder request failed", error));
        }
    }

    /** Catches up with the config topic; if that fails, stops this worker's work and rejoins once caught up. */
    private boolean readConfigToEnd() {
        if (configSync.readToEnd()) {
            return true;
        }
        work.revokeAll();
        member.requestRejoin("could not read the config topic to the end");
        return false;
    }

    private void backOff(long ms) {
        try {
            member.poll(ms);
        } catch (WakeupException e) {
            log.trace("Woken up while backing off");
        }
    }

    private void rotateSessionKeyIfLeader() {
        if (member.isLeader() && sessioned()) {
            sessionKeys.rotateIfDue(configStore);
        }
    }

    private long sessionKeyDeadlineMs() {
        return member.isLeader() && sessioned() ? sessionKeys.expiryMs() : Long.MAX_VALUE;
    }

    /** Whether internal requests are signed: the group runs the {@code sessioned} protocol. */
    private boolean sessioned() {
        ConnectProtocolCompatibility protocol = member.currentProtocol();
        if (protocol == null) {
            protocol = ConnectProtocolCompatibility.fromConfigValue(
                    config.getString(DistributedConfig.CONNECT_PROTOCOL_CONFIG));
        }
        return protocol == ConnectProtocolCompatibility.SESSIONED;
    }

    /** Acts on what the config topic changed since the last tick (runtime-behaviour §5.2). */
    private void processConfigUpdates() {
        PendingConfigUpdates.Updates updates = pendingUpdates.drain();
        configSync.update();
        if (updates.isEmpty()) {
            return;
        }
        if (updates.sessionKey() != null) {
            sessionKeys.update(updates.sessionKey());
        }
        for (PendingConfigUpdates.LoggerLevel level : updates.loggerLevels()) {
            log.info("Setting the level of logger namespace {} to {} as the cluster asks", level.namespace(),
                    level.level());
            loggers().setLevel(level.namespace(), level.level());
        }
        if (updates.needsRebalance()) {
            member.requestRejoin("connectors or task configs changed");
            if (member.currentProtocol() == ConnectProtocolCompatibility.EAGER) {
                // Eager: the rebalance stops and restarts everything anyway.
                return;
            }
        }
        work.applyConfigChanges(updates);
    }

    /**
     * Starts the connector in its stored target state; reaching STARTED triggers task-config generation.
     *
     * @param callback told when the connector reached its target state or failed; may be null
     */
    void startConnector(String connName, Callback<TargetState> callback) {
        ClusterConfigState resolved = resolvedConfig();
        startedConnectorConfigs.put(connName, resolved.rawConnectorConfig(connName));
        worker.startConnector(connName, resolved.connectorConfig(connName), connectorContext(connName), this,
                resolved.targetState(connName), (error, state) -> {
                    if (error != null) {
                        log.error("Failed to start connector {}", connName, error);
                    } else if (state == TargetState.STARTED) {
                        requestTaskReconfiguration(connName);
                    }
                    if (callback != null) {
                        callback.onCompletion(error, state);
                    }
                });
    }

    /** Whether the connector was last started here with this (raw) config. */
    boolean startedWith(String connName, Map<String, String> rawConfig) {
        return rawConfig != null && rawConfig.equals(startedConnectorConfigs.get(connName));
    }

    /**
     * Starts one task from the snapshot and remembers the configs it runs with.
     *
     * @param resolved the herder's config snapshot, variables resolved
     * @return false if it could not be created (its status is then FAILED)
     */
    boolean startTask(ClusterConfigState resolved, ConnectorTaskId id) {
        startedTaskConfigs.put(id, taskConfigs(resolved, id));
        return taskLauncher.start(resolved, id);
    }

    /** Whether the task was last started here with the connector and task configs {@code snapshot} holds now. */
    boolean taskStartedWith(ClusterConfigState snapshot, ConnectorTaskId id) {
        return taskConfigs(snapshot, id).equals(startedTaskConfigs.get(id));
    }

    // A task runs with both: a changed connector config changes the task even when its own config is the same.
    private static List<Map<String, String>> taskConfigs(ClusterConfigState snapshot, ConnectorTaskId id) {
        return Arrays.asList(snapshot.rawConnectorConfig(id.connector()), snapshot.rawTaskConfig(id));
    }

    /** The herder's config snapshot with config-provider variables resolved: what the worker gets. */
    ClusterConfigState resolvedConfig() {
        return resolve(configSync.snapshot());
    }

    /** What the config store has read so far, which may be ahead of the herder's snapshot. */
    ClusterConfigState latestStoredConfig() {
        return configStore.snapshot();
    }

    @Override
    protected ClusterConfigState configState() {
        return resolvedConfig();
    }

    /** A connector's config-provider values expire after {@code ttlMs}: its owner restarts it then. */
    @Override
    protected void scheduleConfigReload(String connName, String path, long ttlMs) {
        restarts.scheduleReload(connName, path, ttlMs);
        wakeUp();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Task configs

    @Override
    public void requestTaskReconfiguration(String connName) {
        addRequest(() -> taskReconfiguration.reconfigure(connName), null);
    }

    @Override
    public void taskConfigs(String connName, Callback<List<TaskInfo>> callback) {
        addRequest(() -> {
            ClusterConfigState snapshot = readableConfigState();
            requireConnector(snapshot, connName);
            List<TaskInfo> tasks = new ArrayList<>();
            for (ConnectorTaskId id : snapshot.tasks(connName)) {
                tasks.add(new TaskInfo(id, snapshot.rawTaskConfig(id)));
            }
            callback.onCompletion(null, tasks);
        }, callback);
    }

    @Override
    public void putTaskConfigs(String connName, List<Map<String, String>> configs, Callback<Void> callback,
                               InternalRequestSignature requestSignature) {
        if (!signatureAccepted(requestSignature, callback)) {
            return;
        }
        addRequest(() -> {
            writes.putTaskConfigs(connName, configs);
            callback.onCompletion(null, null);
        }, callback);
    }

    @Override
    public void fenceZombieSourceTasks(String connName, Callback<Void> callback,
                                       InternalRequestSignature requestSignature) {
        if (!signatureAccepted(requestSignature, callback)) {
            return;
        }
        addRequest(() -> {
            writes.requireLeader("Only the leader may perform zombie fencing.");
            writes.requireConnector(connName);
            ClusterConfigState snapshot = configStore.snapshot();
            if (connectorType(snapshot.rawConnectorConfig(connName)) != ConnectorType.SOURCE) {
                throw new BadRequestException("Connector " + connName + " is not a source connector");
            }
            throw new ConnectRestException(500, "Zombie fencing needs exactly-once support for source connectors, "
                    + "which this worker does not provide");
        }, callback);
    }

    /** Checks an internal request's signature while the group signs them; answers the callback if refused. */
    private boolean signatureAccepted(InternalRequestSignature signature, Callback<Void> callback) {
        if (!sessioned()) {
            return true;
        }
        try {
            verifier.verify(signature, sessionKeys.current());
            return true;
        } catch (RuntimeException e) {
            log.warn("Refusing an internal request: {}", e.getMessage());
            callback.onCompletion(e, null);
            return false;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Connector configs

    @Override
    public void connectors(Callback<Collection<String>> callback) {
        callback.onCompletion(null, connectors());
    }

    /** From the config store's latest snapshot, so a connector shows as soon as its creation was answered. */
    @Override
    public Collection<String> connectors() {
        return configStore.snapshot().connectors();
    }

    @Override
    public void connectorInfo(String connName, Callback<ConnectorInfo> callback) {
        addRequest(() -> {
            ClusterConfigState snapshot = readableConfigState();
            requireConnector(snapshot, connName);
            callback.onCompletion(null, connectorInfo(snapshot, connName));
        }, callback);
    }

    @Override
    public void connectorConfig(String connName, Callback<Map<String, String>> callback) {
        addRequest(() -> {
            ClusterConfigState snapshot = readableConfigState();
            requireConnector(snapshot, connName);
            callback.onCompletion(null, snapshot.rawConnectorConfig(connName));
        }, callback);
    }

    @Override
    public void putConnectorConfig(String connName, Map<String, String> connConfig, TargetState targetState,
                                   boolean allowReplace, Callback<Created<ConnectorInfo>> callback) {
        validateBeforeWrite(connConfig, (error, ignored) -> {
            if (error != null) {
                callback.onCompletion(error, null);
                return;
            }
            addRequest(() -> {
                boolean created = writes.putConnectorConfig(connName, connConfig, targetState, allowReplace);
                callback.onCompletion(null, new Created<>(created, connectorInfo(configStore.snapshot(), connName)));
            }, callback);
        });
    }

    @Override
    public void patchConnectorConfig(String connName, Map<String, String> configPatch,
                                     Callback<Created<ConnectorInfo>> callback) {
        addRequest(() -> putConnectorConfig(connName, writes.patchedConfig(connName, configPatch), null, true,
                callback), callback);
    }

    @Override
    public void deleteConnectorConfig(String connName, Callback<Created<ConnectorInfo>> callback) {
        addRequest(() -> {
            writes.deleteConnector(connName);
            callback.onCompletion(null, new Created<>(false, null));
        }, callback);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Target states and restarts

    @Override
    public void pauseConnector(String connName) {
        writes.putTargetState(connName, TargetState.PAUSED);
    }

    @Override
    public void resumeConnector(String connName) {
        writes.putTargetState(connName, TargetState.STARTED);
    }

    @Override
    public void stopConnector(String connName, Callback<Void> callback) {
        addRequest(() -> {
            writes.stopConnector(connName);
            callback.onCompletion(null, null);
        }, callback);
    }

    @Override
    public void restartConnector(String connName, Callback<Void> callback) {
        addRequest(() -> restarts.restartConnector(connName, resolvedConfig(), callback), callback);
    }

    @Override
    public void restartTask(ConnectorTaskId id, Callback<Void> callback) {
        addRequest(() -> restarts.restartTask(id, resolvedConfig(), callback), callback);
    }

    @Override
    public void restartConnectorAndTasks(RestartRequest request, Callback<ConnectorStateInfo> callback) {
        addRequest(() -> {
            writes.checkRestart(request.connectorName());
            RestartPlan plan = buildRestartPlan(request);
            writes.putRestart(request);
            callback.onCompletion(null, plan.restartConnectorStateInfo());
        }, callback);
    }

    /** For {@link DistributedRestarts}: the plan of a restart request read from the config topic. */
    DistributedRestarts.Plan restartPlan(RestartRequest request) {
        RestartPlan plan = buildRestartPlan(request);
        return new DistributedRestarts.Plan(plan.shouldRestartConnector(), plan.taskIdsToRestart());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Offsets, loggers

    @Override
    public void connectorOffsets(String connName, Callback<ConnectorOffsets> callback) {
        addRequest(() -> {
            ClusterConfigState resolved = resolvedConfig();
            if (!resolved.contains(connName)) {
                throw connectorNotFound(connName);
            }
            worker.connectorOffsets(connName, resolved.connectorConfig(connName), callback);
        }, callback);
    }

    @Override
    protected void modifyConnectorOffsets(String connName, Map<Map<String, ?>, Map<String, ?>> offsets,
                                          Callback<Message> callback) {
        addRequest(() -> {
            writes.requireLeader("Only the leader can modify connector offsets.");
            if (!readConfigToEnd()) {
                throw new ConnectException("Failed to read to the end of the config topic");
            }
            ClusterConfigState resolved = resolvedConfig();
            if (!resolved.contains(connName)) {
                throw connectorNotFound(connName);
            }
            if (resolved.targetState(connName) != TargetState.STOPPED || resolved.taskCount(connName) != 0) {
                throw new BadRequestException("Connectors must be in the STOPPED state before their offsets can be "
                        + "modified. This can be done for the specified connector by issuing a 'PUT' request to the "
                        + "'/connectors/" + connName + "/stop' endpoint");
            }
            worker.modifyConnectorOffsets(connName, resolved.connectorConfig(connName), offsets, callback);
        }, callback);
    }

    @Override
    public void setClusterLoggerLevel(String namespace, String level) {
        writes.putLoggerLevel(namespace, level);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Request plumbing

    /** Interrupts the herder thread's wait; a no-op while the member is being built. */
    private void wakeUp() {
        WorkerGroupMember current = member;
        if (current != null) {
            current.wakeup();
        }
    }

    private void addRequest(HerderRequestQueue.Action action, Callback<?> callback) {
        if (stopping) {
            if (callback != null) {
                callback.onCompletion(new ConnectException(SHUTTING_DOWN_MESSAGE), null);
            }
            return;
        }
        requests.add(time.milliseconds(), action, callback);
        wakeUp();
    }

    /** The snapshot for answering reads about connectors: 409 while a rebalance for a config change is pending. */
    private ClusterConfigState readableConfigState() {
        if (pendingUpdates.staleConfig()) {
            throw new RebalanceNeededException();
        }
        return configSync.snapshot();
    }

    private static void requireConnector(ClusterConfigState snapshot, String connName) {
        if (!snapshot.contains(connName)) {
            throw connectorNotFound(connName);
        }
    }

}
