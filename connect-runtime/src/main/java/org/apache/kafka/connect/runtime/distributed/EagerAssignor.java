package org.apache.kafka.connect.runtime.distributed;

import org.apache.kafka.connect.util.ConnectorTaskId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The assignor of the eager protocol ({@code default}): a deterministic round robin of all connectors, then all
 * tasks, over the members sorted by id. Members stop everything before each rebalance, so each assignment simply
 * lists the member's complete work.
 */
public final class EagerAssignor implements ConnectAssignor {

    @Override
    public Result performAssignment(Round round) {
        List<String> members = new ArrayList<>(round.members().keySet());
        Map<String, List<String>> connectors = new HashMap<>();
        Map<String, List<ConnectorTaskId>> tasks = new HashMap<>();
        members.forEach(member -> {
            connectors.put(member, new ArrayList<>());
            tasks.put(member, new ArrayList<>());
        });

        // One iterator for connectors and tasks alike: task assignment carries on where connectors stopped.
        Iterator<String> next = cycle(members);
        for (String connector : round.configured().connectors()) {
            connectors.get(next.next()).add(connector);
        }
        for (ConnectorTaskId task : round.configured().tasks()) {
            tasks.get(next.next()).add(task);
        }

        Map<String, ConnectAssignment> assignments = new HashMap<>();
        Map<String, ConnectorsAndTasks> owned = new HashMap<>();
        for (String member : members) {
            ConnectorsAndTasks work = new ConnectorsAndTasks(connectors.get(member), tasks.get(member));
            owned.put(member, work);
            assignments.put(member, new ConnectAssignment(round.protocol().version(), ConnectAssignment.NO_ERROR,
                    round.leaderId(), round.leaderUrl(), round.configOffset(), work, ConnectorsAndTasks.EMPTY, 0));
        }
        return new Result(assignments, owned);
    }

    private static Iterator<String> cycle(List<String> members) {
        return new Iterator<>() {
            private int position = 0;

            @Override
            public boolean hasNext() {
                return !members.isEmpty();
            }

            @Override
            public String next() {
                return members.get(position++ % members.size());
            }
        };
    }
}
