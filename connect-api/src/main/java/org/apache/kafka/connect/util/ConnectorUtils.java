package org.apache.kafka.connect.util;

import org.apache.kafka.common.annotation.InterfaceAudience;

import java.util.ArrayList;
import java.util.List;

/**
 * Helpers for connector implementations.
 */
@InterfaceAudience.Public
public class ConnectorUtils {

    /**
     * Splits a list into {@code numGroups} contiguous groups of nearly equal size, keeping the input order: the
     * first {@code elements.size() % numGroups} groups get one element more than the others. With more groups than
     * elements the trailing groups are empty. Typically used to spread partitions over tasks.
     *
     * @return {@code numGroups} new, mutable lists
     * @throws IllegalArgumentException if {@code numGroups} is not positive
     */
    public static <T> List<List<T>> groupPartitions(List<T> elements, int numGroups) {
        if (numGroups <= 0) {
            throw new IllegalArgumentException("Number of groups must be positive.");
        }
        int smallGroupSize = elements.size() / numGroups;
        int largeGroups = elements.size() % numGroups;

        List<List<T>> groups = new ArrayList<>(numGroups);
        int start = 0;
        for (int group = 0; group < numGroups; group++) {
            int end = start + smallGroupSize + (group < largeGroups ? 1 : 0);
            groups.add(new ArrayList<>(elements.subList(start, end)));
            start = end;
        }
        return groups;
    }
}
