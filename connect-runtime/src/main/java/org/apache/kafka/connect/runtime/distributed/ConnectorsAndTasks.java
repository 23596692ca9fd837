package org.apache.kafka.connect.runtime.distributed;

import org.apache.kafka.connect.util.ConnectorTaskId;

import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * An immutable set of connectors and tasks: a unit of work as the assignors and assignments see it. Both sets are
 * kept sorted (connectors by name, tasks by connector then id) so that every computation over them, and every
 * encoding of them, is deterministic.
 */
public final class ConnectorsAndTasks {

    public static final ConnectorsAndTasks EMPTY = new ConnectorsAndTasks(Collections.emptySet(),
            Collections.emptySet());

    private final SortedSet<String> connectors;
    private final SortedSet<ConnectorTaskId> tasks;

    public ConnectorsAndTasks(Collection<String> connectors, Collection<ConnectorTaskId> tasks) {
        this.connectors = Collections.unmodifiableSortedSet(new TreeSet<>(connectors));
        this.tasks = Collections.unmodifiableSortedSet(new TreeSet<>(tasks));
    }

    public SortedSet<String> connectors() {
        return connectors;
    }

    public SortedSet<ConnectorTaskId> tasks() {
        return tasks;
    }

    public boolean isEmpty() {
        return connectors.isEmpty() && tasks.isEmpty();
    }

    public int size() {
        return connectors.size() + tasks.size();
    }

    /** The work in this set or in the other one. */
    public ConnectorsAndTasks union(ConnectorsAndTasks other) {
        TreeSet<String> c = new TreeSet<>(connectors);
        c.addAll(other.connectors);
        TreeSet<ConnectorTaskId> t = new TreeSet<>(tasks);
        t.addAll(other.tasks);
        return new ConnectorsAndTasks(c, t);
    }

    /** The work in this set that is not in the other one. */
    public ConnectorsAndTasks minus(ConnectorsAndTasks other) {
        TreeSet<String> c = new TreeSet<>(connectors);
        c.removeAll(other.connectors);
        TreeSet<ConnectorTaskId> t = new TreeSet<>(tasks);
        t.removeAll(other.tasks);
        return new ConnectorsAndTasks(c, t);
    }

    /** The work in both sets. */
    public ConnectorsAndTasks intersect(ConnectorsAndTasks other) {
        TreeSet<String> c = new TreeSet<>(connectors);
        c.retainAll(other.connectors);
        TreeSet<ConnectorTaskId> t = new TreeSet<>(tasks);
        t.retainAll(other.tasks);
        return new ConnectorsAndTasks(c, t);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ConnectorsAndTasks)) {
            return false;
        }
        ConnectorsAndTasks that = (ConnectorsAndTasks) o;
        return connectors.equals(that.connectors) && tasks.equals(that.tasks);
    }

    @Override
    public int hashCode() {
        return Objects.hash(connectors, tasks);
    }

    @Override
    public String toString() {
        return "{connectors=" + connectors + ", tasks=" + tasks + '}';
    }
}
