package org.apache.kafka.connect.util;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConnectorUtilsTest {

    private static final List<Integer> FIVE = List.of(1, 2, 3, 4, 5);

    @Test
    void evenSplit() {
        assertEquals(List.of(List.of(1), List.of(2), List.of(3), List.of(4), List.of(5)),
                ConnectorUtils.groupPartitions(FIVE, 5));
        assertEquals(List.of(FIVE), ConnectorUtils.groupPartitions(FIVE, 1));
    }

    @Test
    void leadingGroupsTakeTheRemainder() {
        assertEquals(List.of(List.of(1, 2), List.of(3, 4), List.of(5)), ConnectorUtils.groupPartitions(FIVE, 3));
        assertEquals(List.of(List.of(1, 2, 3), List.of(4, 5), List.of(6, 7)),
                ConnectorUtils.groupPartitions(List.of(1, 2, 3, 4, 5, 6, 7), 3));
    }

    @Test
    void moreGroupsThanElementsLeavesTrailingGroupsEmpty() {
        assertEquals(List.of(List.of(1), List.of(2), List.of(), List.of()),
                ConnectorUtils.groupPartitions(List.of(1, 2), 4));
        assertEquals(List.of(List.of(), List.of()), ConnectorUtils.groupPartitions(List.of(), 2));
    }

    @Test
    void groupsAreIndependentMutableLists() {
        List<Integer> input = new ArrayList<>(FIVE);
        List<List<Integer>> groups = ConnectorUtils.groupPartitions(input, 2);

        groups.get(0).add(99);
        input.set(0, 42);

        assertEquals(List.of(1, 2, 3, 99), groups.get(0));
        assertEquals(List.of(4, 5), groups.get(1));
    }

    @Test
    void numberOfGroupsMustBePositive() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> ConnectorUtils.groupPartitions(FIVE, 0));
        assertEquals("Number of groups must be positive.", zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConnectorUtils.groupPartitions(FIVE, -1));
    }
}
