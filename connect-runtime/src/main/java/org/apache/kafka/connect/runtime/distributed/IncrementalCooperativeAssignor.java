package org.apache.kafka.connect.runtime.distributed;

import org.apache.kafka.connect.util.ConnectorTaskId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The assignor of the cooperative protocols ({@code compatible}, {@code sessioned}; KIP-415). Members keep running
 * their work across rebalances; only work that must move is revoked, and it is handed out in a follow-up
 * rebalance. Work of a member that left is held back for up to {@code scheduled.rebalance.max.delay.ms} so that a
 * returning worker can take it back without reshuffling the whole cluster.
 *
 * <p>The assignor remembers what it decided across rounds, so one instance lives on the leader for as long as it
 * is the leader. It is not thread-safe; the herder's thread calls it.
 */
public final class IncrementalCooperativeAssignor implements ConnectAssignor {

    /** The generation of a member that never completed a rebalance. */
    static final int NO_GENERATION = -1;
    /** Base of the backoff between consecutive rounds that need load-balancing revocations (40, 1600, 64000 ms...). */
    private static final long REVOKING_BACKOFF_BASE_MS = 40;

    private final int maxDelayMs;

    private ConnectorsAndTasks previousAssignment = ConnectorsAndTasks.EMPTY;
    private ConnectorsAndTasks previousRevocation = ConnectorsAndTasks.EMPTY;
    private Set<String> previousMembers = Set.of();
    private int previousGeneration = NO_GENERATION;
    private long scheduledRebalance = 0;
    private int delay = 0;
    private final Set<String> candidateWorkers = new TreeSet<>();
    private int revokingRounds = 0;

    /** @param maxDelayMs {@code scheduled.rebalance.max.delay.ms}: how long lost work waits for its worker */
    public IncrementalCooperativeAssignor(int maxDelayMs) {
        if (maxDelayMs < 0) {
            throw new IllegalArgumentException("scheduled.rebalance.max.delay.ms must not be negative: " + maxDelayMs);
        }
        this.maxDelayMs = maxDelayMs;
    }

    @Override
    public Result performAssignment(Round round) {
        long now = round.nowMs();
        // What was decided in a round that never completed (or under another leader) cannot be trusted.
        if (previousGeneration != round.lastCompletedGeneration()) {
            previousAssignment = ConnectorsAndTasks.EMPTY;
        }
        Map<String, ConnectorsAndTasks> current = new TreeMap<>();
        round.members().forEach((member, state) -> current.put(member, state.runningWork()));
        ConnectorsAndTasks active = current.values().stream().reduce(ConnectorsAndTasks.EMPTY,
                ConnectorsAndTasks::union);

        boolean revokedLastRound = !previousRevocation.isEmpty();
        if (revokedLastRound && !previousRevocation.intersect(active).isEmpty()) {
            // Some member still runs what it was told to stop: what runs now is the only reliable picture.
            previousAssignment = active;
        }

        ConnectorsAndTasks configured = round.configured();
        // Work running but no longer configured is deleted too, even if the previous picture was lost.
        ConnectorsAndTasks deleted = previousAssignment.union(active).minus(configured);
        ConnectorsAndTasks duplicated = duplicated(current);
        ConnectorsAndTasks lost = previousAssignment.minus(active).minus(deleted);
        ConnectorsAndTasks created = configured.minus(previousAssignment).minus(active);

        Map<String, Allocation> next = new TreeMap<>();
        Map<String, Allocation> revoked = new TreeMap<>();
        current.forEach((member, work) -> {
            next.put(member, new Allocation(work));
            revoked.put(member, new Allocation(ConnectorsAndTasks.EMPTY));
        });
        ConnectorsAndTasks unwanted = deleted.union(duplicated);
        current.forEach((member, work) -> revoke(member, work.intersect(unwanted), next, revoked));

        ConnectorsAndTasks lostToReassign = handleLostWork(lost, round.members().keySet(), current, next, now);

        boolean balancingNeeded = false;
        if (delay == 0) {
            Map<String, ConnectorsAndTasks> excess = balancingRevocations(next, configured);
            balancingNeeded = !excess.isEmpty();
            if (balancingNeeded && revokedLastRound && maxDelayMs > 0) {
                // Revoking round after revoking round: let the group settle before moving work again.
                revokingRounds++;
                delay = (int) Math.min(maxDelayMs, revokingBackoff(revokingRounds));
                scheduledRebalance = now + delay;
            } else {
                excess.forEach((member, work) -> revoke(member, work, next, revoked));
            }
        }
        if (revokedLastRound && !balancingNeeded) {
            revokingRounds = 0;
        }

        ConnectorsAndTasks toAssign = created.union(lostToReassign);
        assignLeastLoadedFirst(toAssign.connectors(), next, allocation -> allocation.connectors);
        assignLeastLoadedFirst(toAssign.tasks(), next, allocation -> allocation.tasks);

        Map<String, ConnectAssignment> assignments = new HashMap<>();
        Map<String, ConnectorsAndTasks> owned = new HashMap<>();
        ConnectorsAndTasks allRevoked = ConnectorsAndTasks.EMPTY;
        ConnectorsAndTasks allNext = ConnectorsAndTasks.EMPTY;
        for (String member : current.keySet()) {
            ConnectorsAndTasks full = next.get(member).toWork();
            ConnectorsAndTasks memberRevoked = revoked.get(member).toWork();
            owned.put(member, full);
            assignments.put(member, new ConnectAssignment(round.protocol().version(), ConnectAssignment.NO_ERROR,
                    round.leaderId(), round.leaderUrl(), round.configOffset(), full.minus(current.get(member)),
                    memberRevoked, delay));
            allRevoked = allRevoked.union(memberRevoked);
            allNext = allNext.union(full);
        }

        previousAssignment = allNext.union(lost.minus(lostToReassign));
        previousRevocation = allRevoked;
        previousGeneration = round.generation();
        previousMembers = Set.copyOf(current.keySet());
        return new Result(assignments, owned);
    }

    /**
     * Decides what happens to work whose member disappeared, and returns the part to hand out as if it were new.
     * Work given to returning ("candidate") workers is put straight into {@code next}.
     */
    private ConnectorsAndTasks handleLostWork(ConnectorsAndTasks lost, Set<String> members,
                                              Map<String, ConnectorsAndTasks> current,
                                              Map<String, Allocation> next, long now) {
        if (lost.isEmpty() && previousRevocation.isEmpty()) {
            resetDelay();
            return ConnectorsAndTasks.EMPTY;
        }
        if (scheduledRebalance <= 0 && members.containsAll(previousMembers)) {
            // Nobody left: the work went missing because some member missed its last assignment.
            return lost;
        }
        if (maxDelayMs == 0) {
            return lost;
        }
        if (scheduledRebalance > 0 && now >= scheduledRebalance) {
            List<String> candidates = new ArrayList<>(candidateWorkers);
            candidates.retainAll(members);
            resetDelay();
            if (candidates.isEmpty()) {
                return lost;
            }
            Iterator<String> connectorOwners = cycle(candidates);
            lost.connectors().forEach(connector -> next.get(connectorOwners.next()).connectors.add(connector));
            Iterator<String> taskOwners = cycle(candidates);
            lost.tasks().forEach(task -> next.get(taskOwners.next()).tasks.add(task));
            return ConnectorsAndTasks.EMPTY;
        }
        // Keep the work back for its worker; members that run nothing now are the likely returners.
        current.forEach((member, work) -> {
            if (work.isEmpty()) {
                candidateWorkers.add(member);
            }
        });
        delay = scheduledRebalance > now ? (int) Math.min(maxDelayMs, scheduledRebalance - now) : maxDelayMs;
        scheduledRebalance = now + delay;
        return ConnectorsAndTasks.EMPTY;
    }

    private void resetDelay() {
        delay = 0;
        scheduledRebalance = 0;
        candidateWorkers.clear();
    }

    private static long revokingBackoff(int rounds) {
        long backoff = 1;
        for (int i = 0; i < rounds && backoff <= Integer.MAX_VALUE; i++) {
            backoff *= REVOKING_BACKOFF_BASE_MS;
        }
        return backoff;
    }

    /** Items held by more than one member. */
    private static ConnectorsAndTasks duplicated(Map<String, ConnectorsAndTasks> current) {
        Set<String> seenConnectors = new HashSet<>();
        Set<ConnectorTaskId> seenTasks = new HashSet<>();
        List<String> connectors = new ArrayList<>();
        List<ConnectorTaskId> tasks = new ArrayList<>();
        for (ConnectorsAndTasks work : current.values()) {
            work.connectors().stream().filter(c -> !seenConnectors.add(c)).forEach(connectors::add);
            work.tasks().stream().filter(t -> !seenTasks.add(t)).forEach(tasks::add);
        }
        return new ConnectorsAndTasks(connectors, tasks);
    }

    /** Per member, what it holds beyond its fair share; empty when the load is already balanced. */
    private static Map<String, ConnectorsAndTasks> balancingRevocations(Map<String, Allocation> next,
                                                                       ConnectorsAndTasks configured) {
        Map<String, List<String>> connectors = excess(next, configured.connectors().size(), a -> a.connectors);
        Map<String, List<ConnectorTaskId>> tasks = excess(next, configured.tasks().size(), a -> a.tasks);
        Map<String, ConnectorsAndTasks> revocations = new TreeMap<>();
        for (String member : next.keySet()) {
            List<String> c = connectors.getOrDefault(member, List.of());
            List<ConnectorTaskId> t = tasks.getOrDefault(member, List.of());
            if (!c.isEmpty() || !t.isEmpty()) {
                revocations.put(member, new ConnectorsAndTasks(c, t));
            }
        }
        return revocations;
    }

    // Quota: total / members each, one more for the first (total % members) members that hold more than that.
    private static <T> Map<String, List<T>> excess(Map<String, Allocation> next, int total,
                                                   Function<Allocation, TreeSet<T>> items) {
        Map<String, List<T>> excess = new HashMap<>();
        if (next.isEmpty()) {
            return excess;
        }
        int min = total / next.size();
        int extra = total % next.size();
        for (Map.Entry<String, Allocation> entry : next.entrySet()) {
            TreeSet<T> held = items.apply(entry.getValue());
            int quota = min;
            if (held.size() > min && extra > 0) {
                quota = min + 1;
                extra--;
            }
            if (held.size() > quota) {
                excess.put(entry.getKey(), new ArrayList<>(held).subList(0, held.size() - quota));
            }
        }
        return excess;
    }

    /** Hands items one by one to the least-loaded member (ties by member id): a round robin over the lowest tier. */
    private static <T> void assignLeastLoadedFirst(Set<T> items, Map<String, Allocation> next,
                                                   Function<Allocation, TreeSet<T>> load) {
        if (items.isEmpty() || next.isEmpty()) {
            return;
        }
        Comparator<String> leastLoaded = Comparator.<String>comparingInt(member -> load.apply(next.get(member)).size())
                .thenComparing(Comparator.naturalOrder());
        PriorityQueue<String> members = new PriorityQueue<>(leastLoaded);
        members.addAll(next.keySet());
        for (T item : items) {
            String member = members.poll();
            load.apply(next.get(member)).add(item);
            members.add(member);
        }
    }

    private static void revoke(String member, ConnectorsAndTasks work, Map<String, Allocation> next,
                               Map<String, Allocation> revoked) {
        next.get(member).remove(work);
        revoked.get(member).add(work);
    }

    private static Iterator<String> cycle(List<String> members) {
        return new Iterator<>() {
            private int position = 0;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public String next() {
                return members.get(position++ % members.size());
            }
        };
    }

    /** A member's work while the round is being computed. */
    private static final class Allocation {
        final TreeSet<String> connectors;
        final TreeSet<ConnectorTaskId> tasks;

        Allocation(ConnectorsAndTasks work) {
            connectors = new TreeSet<>(work.connectors());
            tasks = new TreeSet<>(work.tasks());
        }

        void add(ConnectorsAndTasks work) {
            connectors.addAll(work.connectors());
            tasks.addAll(work.tasks());
        }

        void remove(ConnectorsAndTasks work) {
            connectors.removeAll(work.connectors());
            tasks.removeAll(work.tasks());
        }

        ConnectorsAndTasks toWork() {
            return new ConnectorsAndTasks(connectors, tasks);
        }
    }
}
