package org.apache.kafka.connect.runtime.distributed;

import org.apache.kafka.clients.GroupRebalanceConfig;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.internals.AbstractCoordinator;
import org.apache.kafka.clients.consumer.internals.ConsumerNetworkClient;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocol;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocolCollection;
import org.apache.kafka.common.message.JoinGroupResponseData.JoinGroupResponseMember;
import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Timer;
import org.apache.kafka.common.utils.internals.LogContext;
import org.apache.kafka.connect.util.ConnectorTaskId;

import org.slf4j.Logger;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The Connect side of Kafka's classic group protocol (protocol type {@code connect}): offers the sub-protocols
 * {@code connect.protocol} allows, runs the assignor of the protocol the group agreed on when this member leads,
 * and turns every completed rebalance into {@link WorkerRebalanceListener} calls.
 *
 * <p>Besides the callbacks of {@link AbstractCoordinator}, it follows through on what an assignment asks of the
 * member: a cooperative assignment that revoked work is followed by an immediate rejoin, and a delay by a rejoin
 * once it expires. Everything but the heartbeat runs on the thread that calls {@link #poll(long)}.
 */
public final class WorkerCoordinator extends AbstractCoordinator {

    /** Protocol type of Connect groups in JoinGroup. */
    public static final String PROTOCOL_TYPE = "connect";
    static final String METRIC_GROUP = "connect-coordinator-metrics";

    private static final int NO_GENERATION = IncrementalCooperativeAssignor.NO_GENERATION;

    private final Logger log;
    private final String restUrl;
    private final ClusterConfigSource configSource;
    private final WorkerRebalanceListener listener;
    private final ConnectProtocolCompatibility protocolCompatibility;
    private final int heartbeatIntervalMs;
    private final EagerAssignor eagerAssignor = new EagerAssignor();
    private final IncrementalCooperativeAssignor cooperativeAssignor;

    // Written on the poll thread, read by metric reporters and REST threads.
    private volatile ConnectAssignment allocation;
    private volatile ConnectProtocolCompatibility currentProtocol;
    private volatile LeaderState leaderState;
    private int lastCompletedGeneration = NO_GENERATION;
    private String pendingRejoinReason;
    private long scheduledRejoinMs = Long.MAX_VALUE;

    /**
     * @param rebalanceConfig       group id, session/rebalance timeouts and heartbeat interval
     * @param metricGroupPrefix     prefix of the coordinator metric group ({@code connect})
     * @param restUrl               this worker's advertised REST URL, sent to the group
     * @param protocolCompatibility the worker's {@code connect.protocol}
     * @param maxDelayMs            {@code scheduled.rebalance.max.delay.ms}
     */
    public WorkerCoordinator(GroupRebalanceConfig rebalanceConfig, LogContext logContext,
                             ConsumerNetworkClient client, Metrics metrics, String metricGroupPrefix, Time time,
                             String restUrl, ClusterConfigSource configSource, WorkerRebalanceListener listener,
                             ConnectProtocolCompatibility protocolCompatibility, int maxDelayMs) {
        super(rebalanceConfig, logContext, client, metrics, metricGroupPrefix, time);
        this.log = logContext.logger(WorkerCoordinator.class);
        this.restUrl = restUrl;
        this.configSource = configSource;
        this.listener = listener;
        this.protocolCompatibility = protocolCompatibility;
        this.heartbeatIntervalMs = rebalanceConfig.heartbeatIntervalMs;
        this.cooperativeAssignor = new IncrementalCooperativeAssignor(maxDelayMs);
        registerMetrics(metrics, metricGroupPrefix + "-coordinator-metrics");
    }

    private void registerMetrics(Metrics metrics, String group) {
        Measurable connectors = (config, now) -> currentWork().connectors().size();
        Measurable tasks = (config, now) -> currentWork().tasks().size();
        metrics.addMetric(metrics.metricName("assigned-connectors", group,
                "The number of connector instances currently assigned to this consumer"), connectors);
        metrics.addMetric(metrics.metricName("assigned-tasks", group,
                "The number of tasks currently assigned to this consumer"), tasks);
    }

    @Override
    protected String protocolType() {
        return PROTOCOL_TYPE;
    }

    /**
     * Drives group membership for up to {@code timeoutMs}: finds the coordinator, (re)joins when needed, which may
     * call the listener, and otherwise waits for network events. Returns early only through {@link #wakeup()}
     * style interruptions of the network client (a {@link org.apache.kafka.common.errors.WakeupException}).
     */
    public void poll(long timeoutMs) {
        long now = time.milliseconds();
        long deadline = saturatedAdd(now, timeoutMs);
        do {
            if (coordinatorUnknown() && !ensureCoordinatorReady(time.timer(heartbeatIntervalMs))) {
                revokeAfterCoordinatorLoss();
                now = time.milliseconds();
                continue;
            }
            if (now >= scheduledRejoinMs) {
                scheduledRejoinMs = Long.MAX_VALUE;
                requestRejoin("scheduled rebalance delay expired");
            }
            if (rejoinNeededOrPending()) {
                ensureActiveGroup();
                if (pendingRejoinReason != null) {
                    // Asked for inside onJoinComplete, where the base class would still clear it.
                    requestRejoin(pendingRejoinReason);
                    pendingRejoinReason = null;
                    now = time.milliseconds();
                    continue;
                }
            }
            now = time.milliseconds();
            pollHeartbeat(now);
            long wait = Math.min(Math.max(0, deadline - now), timeToNextHeartbeat(now));
            wait = Math.min(wait, Math.max(0, scheduledRejoinMs - now));
            client.poll(time.timer(wait));
            now = time.milliseconds();
        } while (now < deadline);
    }

    /** Interrupts a blocked {@link #poll(long)}; safe from any thread. */
    public void wakeup() {
        client.wakeup();
    }

    /** Leaves the group (LeaveGroup) and releases the coordinator, waiting up to {@code timeoutMs}. */
    public void close(long timeoutMs) {
        close(time.timer(timeoutMs), CloseOptions.GroupMembershipOperation.LEAVE_GROUP);
    }

    @Override
    protected JoinGroupRequestProtocolCollection metadata() {
        ClusterConfigState snapshot = configSource.snapshot();
        ConnectAssignment current = protocolCompatibility.isCooperative() ? allocation : null;
        WorkerState state = new WorkerState(restUrl, snapshot.offset(), current);
        JoinGroupRequestProtocolCollection protocols = new JoinGroupRequestProtocolCollection();
        ConnectProtocol.metadataRequest(state, protocolCompatibility).forEach((name, metadata) -> {
            byte[] bytes = new byte[metadata.remaining()];
            metadata.duplicate().get(bytes);
            protocols.add(new JoinGroupRequestProtocol().setName(name).setMetadata(bytes));
        });
        return protocols;
    }

    @Override
    protected boolean onJoinPrepare(Timer timer, int generation, String memberId) {
        leaderState = null;
        ConnectAssignment current = allocation;
        log.debug("Preparing to rejoin the group (generation {}, member {})", generation, memberId);
        if (!protocolCompatibility.isCooperative() || currentProtocol == ConnectProtocolCompatibility.EAGER) {
            // Eager: nobody may run anything while the leader assigns from scratch.
            if (current != null) {
                allocation = null;
                listener.onRevoked(current.leader(), current.connectors(), current.tasks());
            }
        }
        return true;
    }

    @Override
    protected Map<String, ByteBuffer> onLeaderElected(String leaderId, String protocol,
                                                      List<JoinGroupResponseMember> allMemberMetadata,
                                                      boolean skipAssignment) {
        if (skipAssignment) {
            throw new IllegalStateException("Connect groups have no static members, so the leader cannot be "
                    + "asked to skip the assignment");
        }
        ConnectProtocolCompatibility agreed = ConnectProtocolCompatibility.fromProtocol(protocol);
        Map<String, WorkerState> members = new HashMap<>();
        for (JoinGroupResponseMember member : allMemberMetadata) {
            members.put(member.memberId(), ConnectProtocol.deserializeMetadata(ByteBuffer.wrap(member.metadata())));
        }
        ConnectAssignor assignor = agreed.isCooperative() ? cooperativeAssignor : eagerAssignor;
        ConnectAssignor.Round round = new ConnectAssignor.Round(leaderId, agreed, generation().generationId,
                lastCompletedGeneration, members, ClusterConfigState.NO_OFFSET, ConnectorsAndTasks.EMPTY,
                time.milliseconds());
        ConnectAssignor.Result result = LeaderConfigSync.assign(assignor, round, configSource.snapshot(),
                configSource::refreshedSnapshot);
        log.debug("Leader assignment for generation {} under protocol {}: {}", round.generation(), protocol,
                result.assignments());

        Map<String, String> urls = new HashMap<>();
        members.forEach((member, state) -> urls.put(member, state.url()));
        leaderState = new LeaderState(urls, result.owned());

        Map<String, ByteBuffer> serialized = new HashMap<>();
        result.assignments().forEach((member, assignment) ->
                serialized.put(member, ConnectProtocol.serializeAssignment(assignment)));
        return serialized;
    }

    @Override
    protected void onJoinComplete(int generation, String memberId, String protocol, ByteBuffer memberAssignment) {
        ConnectAssignment assignment = ConnectProtocol.deserializeAssignment(memberAssignment);
        ConnectProtocolCompatibility agreed = ConnectProtocolCompatibility.fromProtocol(protocol);
        currentProtocol = agreed;
        if (!memberId.equals(assignment.leader())) {
            leaderState = null;
        }
        log.info("Joined group at generation {} with protocol {}: {}", generation, protocol, assignment);
        if (assignment.failed()) {
            pendingRejoinReason = "the leader's config was behind (assignment error " + assignment.error() + ")";
        } else {
            lastCompletedGeneration = generation;
            allocation = nextAllocation(assignment, agreed);
            if (!assignment.revoked().isEmpty()) {
                pendingRejoinReason = "work was revoked and must be handed to other members";
            }
            if (assignment.delay() > 0) {
                scheduledRejoinMs = time.milliseconds() + assignment.delay();
            } else {
                scheduledRejoinMs = Long.MAX_VALUE;
            }
        }
        listener.onAssigned(assignment, generation);
    }

    // The complete work the member runs once it applied the assignment: the cooperative ones are deltas.
    private ConnectAssignment nextAllocation(ConnectAssignment assignment, ConnectProtocolCompatibility agreed) {
        if (!agreed.isCooperative()) {
            return assignment;
        }
        ConnectAssignment previous = allocation;
        ConnectorsAndTasks before = previous == null ? ConnectorsAndTasks.EMPTY : previous.assigned();
        ConnectorsAndTasks after = before.minus(assignment.revoked()).union(assignment.assigned());
        return new ConnectAssignment(assignment.version(), ConnectAssignment.NO_ERROR, assignment.leader(),
                assignment.leaderUrl(), assignment.configOffset(), after, ConnectorsAndTasks.EMPTY, 0);
    }

    @Override
    protected void handlePollTimeoutExpiry() {
        log.warn("The herder's poll loop stalled beyond the rebalance timeout; leaving the group");
        super.handlePollTimeoutExpiry();
        listener.onPollTimeoutExpiry();
    }

    // Without a coordinator the group may already have moved this member's work elsewhere: stop it all.
    private void revokeAfterCoordinatorLoss() {
        ConnectAssignment current = allocation;
        if (current != null && !current.assigned().isEmpty()) {
            log.warn("Group coordinator unreachable for {} ms; stopping all connectors and tasks of this worker",
                    heartbeatIntervalMs);
            allocation = null;
            listener.onRevoked(current.leader(), current.connectors(), current.tasks());
        }
    }

    /** This member's id in the group, or an empty string before it first joined. */
    @Override
    public synchronized String memberId() {
        return super.memberId();
    }

    /** The generation this member last joined, or -1. */
    public synchronized int generationId() {
        return generation().generationId;
    }

    /** The protocol the group agreed on in the last completed rebalance, or {@code null} before the first one. */
    public ConnectProtocolCompatibility currentProtocol() {
        return currentProtocol;
    }

    /** The work this member runs according to its last assignment (the complete one, under any protocol). */
    public ConnectorsAndTasks currentWork() {
        ConnectAssignment current = allocation;
        return current == null ? ConnectorsAndTasks.EMPTY : current.assigned();
    }

    /** The last assignment's leader id, or {@code null}. */
    public String leader() {
        ConnectAssignment current = allocation;
        return current == null ? null : current.leader();
    }

    /** The last assignment's leader REST URL, or {@code null}. */
    public String leaderUrl() {
        ConnectAssignment current = allocation;
        return current == null ? null : current.leaderUrl();
    }

    /** Whether this member computed the current assignment (it is the Connect leader). */
    public boolean isLeader() {
        return leaderState != null;
    }

    /** On the leader, the REST URL of the member running the connector; {@code null} elsewhere or if unowned. */
    public String ownerUrl(String connector) {
        LeaderState state = leaderState;
        return state == null ? null : state.ownerUrl(work -> work.connectors().contains(connector));
    }

    /** On the leader, the REST URL of the member running the task; {@code null} elsewhere or if unowned. */
    public String ownerUrl(ConnectorTaskId task) {
        LeaderState state = leaderState;
        return state == null ? null : state.ownerUrl(work -> work.tasks().contains(task));
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < a ? Long.MAX_VALUE : sum;
    }

    /** What the leader knows after assigning: every member's URL and the complete work it runs. */
    private record LeaderState(Map<String, String> memberUrls, Map<String, ConnectorsAndTasks> owned) {

        String ownerUrl(Predicate<ConnectorsAndTasks> runs) {
            for (Map.Entry<String, ConnectorsAndTasks> entry : owned.entrySet()) {
                if (runs.test(entry.getValue())) {
                    return memberUrls.get(entry.getKey());
                }
            }
            return null;
        }
    }
}
