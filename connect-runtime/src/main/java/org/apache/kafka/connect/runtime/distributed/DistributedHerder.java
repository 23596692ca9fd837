package org.apache.kafka.connect.runtime.distributed;

import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.errors.AlreadyExistsException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.NotFoundException;
import org.apache.kafka.connect.runtime.AbstractHerder;
import org.apache.kafka.connect.runtime.RestartRequest;
import org.apache.kafka.connect.runtime.TargetState;
import org.apache.kafka.connect.runtime.TaskConfigGenerator;
import org.apache.kafka.connect.runtime.TaskLauncher;
import org.apache.kafka.connect.runtime.TooManyTasksException;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The herder of a distributed worker (runtime-behaviour §5): connectors and tasks are shared by the workers of one
 * group; their configs live in the config topic, which only the group's leader writes (apart from pause/resume and
 * cluster logger levels), and the leader's assignment says which worker runs what.
 *
 * <p>Threading. Everything that touches cluster state runs on one herder thread ({@code DistributedHerder-<clientId>-1}):
 * group membership, catching up with the config topic, the queue of {@link HerderRequestQueue requests} REST threads
 * submit, restarts and reactions to config changes. REST threads only enqueue and wait for their callback. The
 * parts: {@link WorkerGroupMember} (membership), {@link PendingConfigUpdates} (what the config topic changed),
 * {@link HerderRequestQueue} (requests), {@link AssignedWorkStarter} (parallel starts after a rebalance),
 * {@link TaskConfigPublisher} (a follower's task configs to the leader), {@link SessionKeys}, and
 * {@link DistributedRestarts}.
 */
public class DistributedHerder extends AbstractHerder implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(DistributedHerder.class);

    private static final long HERDER_STOP_TIMEOUT_MS = 60_000L;
    private static final long RECONFIGURE_BACKOFF_INITIAL_MS = 250L;
    private static final long RECONFIGURE_BACKOFF_MAX_MS = 60_000L;
    private static final String SHUTTING_DOWN_MESSAGE = "Worker is shutting down";

    private final DistributedConfig config;
    private final Time time;
    private final KafkaConfigBackingStore configStore;
    private final WorkerGroupMember member;
    private final HerderRequestQueue requests = new HerderRequestQueue();
    private final PendingConfigUpdates pendingUpdates;
    private final SessionKeys sessionKeys;
    private final InternalRequestVerifier verifier;
    private final TaskConfigGenerator taskConfigGenerator;
    private final TaskLauncher taskLauncher;
    private final TaskConfigPublisher taskConfigPublisher;
    private final AssignedWorkStarter workStarter;
    private final DistributedRestarts restarts;
    private final ExecutorService herderExecutor;
    private final List<AutoCloseable> uponShutdown;
    private final long workerSyncTimeoutMs;
    private final long workerUnsyncBackoffMs;
    private final CountDownLatch stopped = new CountDownLatch(1);

    /** The config snapshot the herder works from (raw); replaced on the herder thread only. */
    private volatile ClusterConfigState configState = ClusterConfigState.EMPTY;
    private volatile int generation = -1;
    private volatile boolean running;
    private volatile boolean stopping;
    private volatile boolean ready;
    // Herder thread only.
    private ConnectAssignment assignment;
    private boolean rebalanceResolved = true;
    private boolean canReadConfigs = true;
    private final Map<String, Long> reconfigureBackoffMs = new HashMap<>();

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
        this.workerSyncTimeoutMs = config.getInt(DistributedConfig.WORKER_SYNC_TIMEOUT_MS_CONFIG);
        this.workerUnsyncBackoffMs = config.getInt(DistributedConfig.WORKER_UNSYNC_BACKOFF_MS_CONFIG);
        this.sessionKeys = new SessionKeys(config, time);
        this.verifier = new InternalRequestVerifier(
                config.getList(DistributedConfig.INTER_WORKER_VERIFICATION_ALGORITHMS_CONFIG));
        this.taskConfigGenerator = new TaskConfigGenerator(worker);
        this.taskLauncher = new TaskLauncher(worker, this, this::connectorType);
        this.uponShutdown = Arrays.asList(uponShutdown);
        this.member = new WorkerGroupMember(config, restUrl, worker.workerId(), new ConfigSource(),
                new RebalanceListener(), time);
        String clientId = member.clientId();
        this.pendingUpdates = new PendingConfigUpdates(connector -> configState.contains(connector), member::wakeup);
        configBackingStore.setUpdateListener(pendingUpdates);
        this.taskConfigPublisher = new TaskConfigPublisher(forwarder,
                config.getString(DistributedConfig.INTER_WORKER_SIGNATURE_ALGORITHM_CONFIG), clientId);
        this.workStarter = new AssignedWorkStarter(clientId);
        this.restarts = new DistributedRestarts(worker, this, taskLauncher);
        this.herderExecutor = Executors.newSingleThreadExecutor(daemonThreads("DistributedHerder-" + clientId + "-"));
    }

    @Override
    protected int generation() {
        return generation;
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
        configState = configStore.snapshot();
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
        return ready;
    }

    @Override
    public void healthCheck(Callback<Void> callback) {
        addRequest(() -> callback.onCompletion(null, null), callback);
    }

    // ---------------------------------------------------------------------------------------------------------
    // The herder thread

    private void tick() {
        if (!canReadConfigs && !readConfigToEnd()) {
            backOff(workerUnsyncBackoffMs);
            return;
        }
        try {
            member.poll(0);
        } catch (WakeupException e) {
            // Requests or a stop arrived while rebalancing: the rebalance resumes on the next tick.
            return;
        }
        if (!handleRebalanceCompleted()) {
            return;
        }
        rotateSessionKeyIfLeader();
        runDueRequests();
        restarts.process(configStore.drainRestartRequests(), memberWork(), resolvedConfigState());
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

    /** Reads the config topic to the end within {@code worker.sync.timeout.ms}; on failure leaves the group. */
    private boolean readConfigToEnd() {
        try {
            configStore.refresh(workerSyncTimeoutMs, TimeUnit.MILLISECONDS);
            configState = configStore.snapshot();
            canReadConfigs = true;
            return true;
        } catch (java.util.concurrent.TimeoutException | RuntimeException e) {
            log.warn("Didn't reach the end of the config topic in {} ms; this worker stops its work and rejoins "
                    + "once it has caught up", workerSyncTimeoutMs, e);
            canReadConfigs = false;
            revokeAll();
            member.requestRejoin("could not read the config topic to the end");
            return false;
        }
    }

    private void backOff(long ms) {
        try {
            member.poll(ms);
        } catch (WakeupException e) {
            log.trace("Woken up while backing off");
        }
    }

    /** Finishes what a rebalance started (runtime-behaviour §5.6); false if the work cannot start yet. */
    private boolean handleRebalanceCompleted() {
        if (rebalanceResolved) {
            return true;
        }
        if (assignment == null || assignment.failed()) {
            // The leader was behind on the config topic; catch up before the coordinator's rejoin.
            readConfigToEnd();
            return false;
        }
        if (configState.offset() < assignment.configOffset()) {
            if (!readConfigToEnd()) {
                return false;
            }
            if (configState.offset() < assignment.configOffset()) {
                log.warn("The config topic offset {} is still behind the assignment's {}; rejoining",
                        configState.offset(), assignment.configOffset());
                member.requestRejoin("config topic behind the assignment");
                return false;
            }
        }
        startAssignedWork();
        rebalanceResolved = true;
        if (member.isLeader()) {
            removeStatusesOfDeletedWork();
        }
        if (!ready) {
            ready = true;
            log.info("Joined group {}: this worker is ready", config.groupId());
        }
        return true;
    }

    private ConnectorsAndTasks memberWork() {
        return member.currentWork();
    }

    /** Starts what the assignment gives this worker and it does not run yet; stops what it no longer owns. */
    private void startAssignedWork() {
        ConnectorsAndTasks work = memberWork();
        List<String> strayConnectors = worker.connectorNames().stream()
                .filter(name -> !work.connectors().contains(name)).toList();
        List<ConnectorTaskId> strayTasks = worker.taskIds().stream()
                .filter(id -> !work.tasks().contains(id)).toList();
        if (!strayConnectors.isEmpty() || !strayTasks.isEmpty()) {
            log.warn("Stopping connectors {} and tasks {} that are no longer assigned to this worker",
                    strayConnectors, strayTasks);
            stopWork(strayConnectors, strayTasks);
        }
        ClusterConfigState resolved = resolvedConfigState();
        List<Runnable> starts = new ArrayList<>();
        for (String connName : work.connectors()) {
            if (!worker.connectorNames().contains(connName) && resolved.contains(connName)) {
                starts.add(() -> startConnector(connName, null));
            }
        }
        for (ConnectorTaskId id : work.tasks()) {
            if (!worker.taskIds().contains(id) && resolved.rawTaskConfig(id) != null) {
                starts.add(() -> taskLauncher.start(resolved, id));
            }
        }
        if (!starts.isEmpty()) {
            log.info("Starting {} connector(s) and task(s) assigned in generation {}", starts.size(), generation);
            workStarter.startAll(starts);
        }
    }

    private void stopWork(Collection<String> connectors, Collection<ConnectorTaskId> tasks) {
        List<ConnectorTaskId> runningTasks = tasks.stream().filter(worker.taskIds()::contains).toList();
        List<String> runningConnectors = connectors.stream().filter(worker.connectorNames()::contains).toList();
        if (!runningTasks.isEmpty()) {
            worker.stopAndAwaitTasks(runningTasks);
        }
        if (!runningConnectors.isEmpty()) {
            worker.stopAndAwaitConnectors(runningConnectors);
        }
        // Work of deleted connectors: its statuses go now, after its UNASSIGNED writes, so none outlives the
        // connector; the leader's clean-up after the rebalance may run before these stops finished.
        ClusterConfigState current = configStore.snapshot();
        for (ConnectorTaskId id : runningTasks) {
            if (!current.contains(id.connector())) {
                onDeletion(id);
            }
        }
        for (String connName : connectors) {
            if (!current.contains(connName)) {
                statusBackingStore.getAllTopics(connName)
                        .forEach(topic -> statusBackingStore.deleteTopic(connName, topic.topic()));
                if (runningConnectors.contains(connName)) {
                    onDeletion(connName);
                }
            }
        }
        statusBackingStore.flush();
    }

    private void revokeAll() {
        stopWork(new ArrayList<>(worker.connectorNames()), new ArrayList<>(worker.taskIds()));
    }

    /** Leader, after each rebalance: statuses of connectors and tasks that no longer exist become DESTROYED. */
    private void removeStatusesOfDeletedWork() {
        ClusterConfigState snapshot = configState;
        for (String connName : statusBackingStore.connectors()) {
            if (!snapshot.contains(connName)) {
                log.info("Removing the statuses of deleted connector {}", connName);
                onDeletion(connName);
                continue;
            }
            int taskCount = snapshot.taskCount(connName);
            statusBackingStore.getAll(connName).stream()
                    .filter(status -> status.id().task() >= taskCount)
                    .forEach(status -> onDeletion(status.id()));
        }
    }

    private void rotateSessionKeyIfLeader() {
        if (!member.isLeader() || !sessioned() || !sessionKeys.rotationDue()) {
            return;
        }
        log.info("Distributing a new session key for internal requests");
        try {
            var key = sessionKeys.generate();
            configStore.putSessionKey(key);
            sessionKeys.update(key);
        } catch (RuntimeException e) {
            log.error("Failed to write a new session key to the config topic; retrying on the next tick", e);
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
        configState = configStore.snapshot();
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
        ClusterConfigState resolved = resolvedConfigState();
        for (String connName : updates.connectorConfigUpdates()) {
            if (worker.connectorNames().contains(connName) && resolved.contains(connName)) {
                log.info("Restarting connector {} with its new config", connName);
                worker.stopAndAwaitConnector(connName);
                startConnector(connName, null);
            }
        }
        for (String connName : updates.targetStateChanges()) {
            if (resolved.contains(connName)) {
                applyTargetState(connName, resolved.targetState(connName));
            }
        }
        List<ConnectorTaskId> replaced = worker.taskIds().stream()
                .filter(id -> updates.connectorsWithNewTasks().contains(id.connector()))
                .toList();
        if (!replaced.isEmpty()) {
            // Restarted with their new configs after the rebalance, if still assigned here.
            log.info("Stopping tasks {} whose configs were replaced", replaced);
            worker.stopAndAwaitTasks(replaced);
        }
    }

    private void applyTargetState(String connName, TargetState state) {
        if (!worker.connectorNames().contains(connName)
                && worker.taskIds().stream().noneMatch(id -> id.connector().equals(connName))) {
            return;
        }
        worker.setTargetState(connName, state, (error, newState) -> {
            if (error != null) {
                log.error("Failed to transition connector {} to target state {}", connName, state, error);
            } else if (newState == TargetState.STARTED) {
                requestTaskReconfiguration(connName);
            }
        });
    }

    /**
     * Starts the connector in its stored target state; reaching STARTED triggers task-config generation.
     *
     * @param callback told when the connector reached its target state or failed; may be null
     */
    void startConnector(String connName, Callback<TargetState> callback) {
        ClusterConfigState resolved = resolvedConfigState();
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

    private ClusterConfigState resolvedConfigState() {
        return resolve(configState);
    }

    @Override
    protected ClusterConfigState configState() {
        return resolvedConfigState();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Task configs

    @Override
    public void requestTaskReconfiguration(String connName) {
        addRequest(() -> reconfigureConnectorTasks(connName), null);
    }

    /** Runtime-behaviour §5.3: regenerate, and if changed write (leader) or send to the leader (follower). */
    private void reconfigureConnectorTasks(String connName) {
        if (!configState.contains(connName)) {
            return;
        }
        java.util.Optional<List<Map<String, String>>> changed;
        try {
            changed = taskConfigGenerator.changedTaskConfigs(connName, resolvedConfigState());
        } catch (TooManyTasksException e) {
            log.error("Connector {} generated too many task configs: {}", connName, e.getMessage());
            return;
        } catch (Throwable t) {
            log.error("Failed to generate task configs for connector {}", connName, t);
            retryReconfiguration(connName);
            return;
        }
        if (changed.isEmpty()) {
            reconfigureBackoffMs.remove(connName);
            return;
        }
        List<Map<String, String>> taskConfigs = changed.get();
        if (member.isLeader()) {
            try {
                log.info("Writing {} task config(s) of connector {}", taskConfigs.size(), connName);
                configStore.putTaskConfigs(connName, taskConfigs);
                reconfigureBackoffMs.remove(connName);
            } catch (RuntimeException e) {
                log.error("Failed to write the task configs of connector {}", connName, e);
                retryReconfiguration(connName);
            }
            return;
        }
        String leaderUrl = member.leaderUrl();
        if (leaderUrl == null) {
            log.warn("No known leader to send the task configs of connector {} to; retrying", connName);
            retryReconfiguration(connName);
            return;
        }
        log.info("Sending {} task config(s) of connector {} to the leader at {}", taskConfigs.size(), connName,
                leaderUrl);
        taskConfigPublisher.publish(leaderUrl, connName, taskConfigs, sessioned() ? sessionKeys.current() : null,
                (error, ignored) -> {
                    if (error == null) {
                        addRequest(() -> reconfigureBackoffMs.remove(connName), null);
                    } else {
                        log.error("Failed to send the task configs of connector {} to the leader: {}", connName,
                                error.getMessage());
                        addRequest(() -> retryReconfiguration(connName), null);
                    }
                });
    }

    /** Tries again after 250 ms, doubling up to 60 s while failures go on (runtime-behaviour §5.3 step 7). */
    private void retryReconfiguration(String connName) {
        long delayMs = reconfigureBackoffMs.getOrDefault(connName, RECONFIGURE_BACKOFF_INITIAL_MS);
        reconfigureBackoffMs.put(connName, Math.min(delayMs * 2, RECONFIGURE_BACKOFF_MAX_MS));
        requests.add(time.milliseconds() + delayMs, () -> reconfigureConnectorTasks(connName), null);
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
            requireLeader("Only the leader may write task configurations.");
            ClusterConfigState snapshot = configStore.snapshot();
            requireConnector(snapshot, connName);
            if (snapshot.targetState(connName) == TargetState.STOPPED && !configs.isEmpty()) {
                throw new BadRequestException("Cannot submit non-empty set of task configs for stopped connector "
                        + connName);
            }
            configStore.putTaskConfigs(connName, configs);
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
            requireLeader("Only the leader may perform zombie fencing.");
            ClusterConfigState snapshot = configStore.snapshot();
            requireConnector(snapshot, connName);
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
                requireLeader("Only the leader can set connector configs.");
                boolean exists = configStore.contains(connName);
                if (exists && !allowReplace) {
                    throw new AlreadyExistsException("Connector " + connName + " already exists");
                }
                log.info("{} connector {}", exists ? "Updating" : "Creating", connName);
                configStore.putConnectorConfig(connName, connConfig, targetState);
                ClusterConfigState snapshot = configStore.snapshot();
                callback.onCompletion(null, new Created<>(!exists, connectorInfo(snapshot, connName)));
            }, callback);
        });
    }

    @Override
    public void patchConnectorConfig(String connName, Map<String, String> configPatch,
                                     Callback<Created<ConnectorInfo>> callback) {
        addRequest(() -> {
            requireLeader("Only the leader can set connector configs.");
            Map<String, String> current = configStore.snapshot().rawConnectorConfig(connName);
            if (current == null) {
                throw connectorNotFound(connName);
            }
            Map<String, String> patched = new HashMap<>(current);
            configPatch.forEach((key, value) -> {
                if (value == null) {
                    patched.remove(key);
                } else {
                    patched.put(key, value);
                }
            });
            putConnectorConfig(connName, patched, null, true, callback);
        }, callback);
    }

    @Override
    public void deleteConnectorConfig(String connName, Callback<Created<ConnectorInfo>> callback) {
        addRequest(() -> {
            requireLeader("Only the leader can delete connector configs.");
            requireConnector(configStore.snapshot(), connName);
            log.info("Deleting connector {}", connName);
            configStore.removeConnectorConfig(connName);
            callback.onCompletion(null, new Created<>(false, null));
        }, callback);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Target states and restarts

    @Override
    public void pauseConnector(String connName) {
        putTargetStateFromAnyWorker(connName, TargetState.PAUSED);
    }

    @Override
    public void resumeConnector(String connName) {
        putTargetStateFromAnyWorker(connName, TargetState.STARTED);
    }

    private void putTargetStateFromAnyWorker(String connName, TargetState state) {
        if (!configStore.contains(connName)) {
            throw new NotFoundException("Unknown connector " + connName);
        }
        configStore.putTargetState(connName, state);
    }

    @Override
    public void stopConnector(String connName, Callback<Void> callback) {
        addRequest(() -> {
            if (!configStore.contains(connName)) {
                throw new NotFoundException("Unknown connector " + connName);
            }
            requireLeader("Only the leader can transition connectors to the STOPPED state.");
            log.info("Stopping connector {}", connName);
            configStore.putTaskConfigs(connName, List.of());
            configStore.putTargetState(connName, TargetState.STOPPED);
            callback.onCompletion(null, null);
        }, callback);
    }

    @Override
    public void restartConnector(String connName, Callback<Void> callback) {
        addRequest(() -> {
            if (!configState.contains(connName)) {
                throw new NotFoundException("Unknown connector: " + connName);
            }
            if (memberWork().connectors().contains(connName)) {
                log.info("Restarting connector {}", connName);
                worker.stopAndAwaitConnector(connName);
                startConnector(connName, (error, state) -> callback.onCompletion(error, null));
            } else if (member.isLeader()) {
                throw new NotAssignedException("Cannot restart connector " + connName
                        + " since it is not assigned to this member", member.ownerUrl(connName));
            } else {
                throw notLeader("Cannot restart connector " + connName + " since it is not assigned to this member");
            }
        }, callback);
    }

    @Override
    public void restartTask(ConnectorTaskId id, Callback<Void> callback) {
        addRequest(() -> {
            ClusterConfigState resolved = resolvedConfigState();
            if (!resolved.contains(id.connector())) {
                throw new NotFoundException("Unknown connector: " + id.connector());
            }
            if (resolved.rawTaskConfig(id) == null) {
                throw new NotFoundException("Unknown task: " + id);
            }
            if (memberWork().tasks().contains(id)) {
                log.info("Restarting task {}", id);
                worker.stopAndAwaitTask(id);
                if (taskLauncher.start(resolved, id)) {
                    callback.onCompletion(null, null);
                } else {
                    callback.onCompletion(new ConnectException("Failed to start task: " + id), null);
                }
            } else if (member.isLeader()) {
                throw new NotAssignedException("Cannot restart task " + id + " since it is not assigned to this "
                        + "member", member.ownerUrl(id));
            } else {
                throw notLeader("Cannot restart task " + id + " since it is not assigned to this member");
            }
        }, callback);
    }

    @Override
    public void restartConnectorAndTasks(RestartRequest request, Callback<ConnectorStateInfo> callback) {
        addRequest(() -> {
            requireLeader("Only the leader can process restart requests.");
            String connName = request.connectorName();
            if (!configStore.contains(connName)) {
                throw new NotFoundException("Unknown connector: " + connName);
            }
            RestartPlan plan = buildRestartPlan(request);
            configStore.putRestartRequest(request);
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
            ClusterConfigState resolved = resolvedConfigState();
            if (!resolved.contains(connName)) {
                throw connectorNotFound(connName);
            }
            worker.connectorOffsets(connName, resolved.connectorConfig(connName), callback);
        }, callback);
    }

    @Override
    public void alterConnectorOffsets(String connName, Map<Map<String, ?>, Map<String, ?>> offsets,
                                      Callback<Message> callback) {
        if (offsets == null || offsets.isEmpty()) {
            callback.onCompletion(new BadRequestException(
                    "Partitions / offsets need to be provided for an alter offsets request"), null);
            return;
        }
        modifyConnectorOffsets(connName, offsets, callback);
    }

    @Override
    public void resetConnectorOffsets(String connName, Callback<Message> callback) {
        modifyConnectorOffsets(connName, null, callback);
    }

    private void modifyConnectorOffsets(String connName, Map<Map<String, ?>, Map<String, ?>> offsets,
                                        Callback<Message> callback) {
        addRequest(() -> {
            requireLeader("Only the leader can modify connector offsets.");
            if (!readConfigToEnd()) {
                throw new ConnectException("Failed to read to the end of the config topic");
            }
            ClusterConfigState resolved = resolvedConfigState();
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
        configStore.putLoggerLevel(namespace, level);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Request plumbing

    private void addRequest(HerderRequestQueue.Action action, Callback<?> callback) {
        if (stopping) {
            if (callback != null) {
                callback.onCompletion(new ConnectException(SHUTTING_DOWN_MESSAGE), null);
            }
            return;
        }
        requests.add(time.milliseconds(), action, callback);
        member.wakeup();
    }

    private void requireLeader(String message) {
        if (!member.isLeader()) {
            throw notLeader(message);
        }
    }

    private NotLeaderException notLeader(String message) {
        return new NotLeaderException(message, member.leaderUrl());
    }

    /** The snapshot for answering reads about connectors: 409 while a rebalance for a config change is pending. */
    private ClusterConfigState readableConfigState() {
        if (pendingUpdates.staleConfig()) {
            throw new RebalanceNeededException();
        }
        return configState;
    }

    private static void requireConnector(ClusterConfigState snapshot, String connName) {
        if (!snapshot.contains(connName)) {
            throw connectorNotFound(connName);
        }
    }

    static NotFoundException connectorNotFound(String connName) {
        return new NotFoundException("Connector " + connName + " not found");
    }

    // ---------------------------------------------------------------------------------------------------------
    // Membership callbacks (herder thread, inside member.poll)

    /** The herder's config snapshot for group membership. */
    private final class ConfigSource implements ClusterConfigSource {
        @Override
        public ClusterConfigState snapshot() {
            return configState;
        }

        @Override
        public ClusterConfigState refreshedSnapshot() {
            readConfigToEnd();
            return configState;
        }
    }

    private final class RebalanceListener implements WorkerRebalanceListener {
        @Override
        public void onAssigned(ConnectAssignment newAssignment, int newGeneration) {
            log.info("Assigned in generation {}: {}", newGeneration, newAssignment);
            assignment = newAssignment;
            generation = newGeneration;
            rebalanceResolved = false;
            pendingUpdates.rebalanceCompleted();
            if (!newAssignment.revoked().isEmpty()) {
                // Cooperative: the revoked work must have stopped before the member rejoins.
                stopWork(newAssignment.revokedConnectors(), newAssignment.revokedTasks());
            }
            // The herder thread must leave its poll to start the new work.
            member.wakeup();
        }

        @Override
        public void onRevoked(String leader, Collection<String> connectors, Collection<ConnectorTaskId> tasks) {
            log.info("Rebalance started; stopping connectors {} and tasks {}", connectors, tasks);
            stopWork(connectors, tasks);
        }
    }
}
