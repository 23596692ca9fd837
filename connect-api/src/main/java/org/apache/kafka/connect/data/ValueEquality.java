package org.apache.kafka.connect.data;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Equality and hash codes for Connect values that look inside arrays, so that two {@code byte[]} values (also when
 * nested in lists, maps or structs) are equal when their contents are. Java's own {@code equals} compares arrays by
 * identity, which is never what a schema default or a struct field means.
 */
final class ValueEquality {

    private ValueEquality() {
    }

    static boolean deepEquals(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof byte[] && b instanceof byte[]) {
            return Arrays.equals((byte[]) a, (byte[]) b);
        }
        if (a.getClass().isArray() && b.getClass().isArray()) {
            return Arrays.deepEquals(new Object[] {a}, new Object[] {b});
        }
        if (a instanceof List && b instanceof List) {
            return listsEqual((List<?>) a, (List<?>) b);
        }
        if (a instanceof Map && b instanceof Map) {
            return mapsEqual((Map<?, ?>) a, (Map<?, ?>) b);
        }
        return a.equals(b);
    }

    static int deepHashCode(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof byte[]) {
            return Arrays.hashCode((byte[]) value);
        }
        if (value.getClass().isArray()) {
            return Arrays.deepHashCode(new Object[] {value});
        }
        if (value instanceof List) {
            int hash = 1;
            for (Object element : (List<?>) value) {
                hash = 31 * hash + deepHashCode(element);
            }
            return hash;
        }
        if (value instanceof Map) {
            // Same shape as Map.hashCode (a sum, so independent of iteration order).
            int hash = 0;
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                hash += deepHashCode(entry.getKey()) ^ deepHashCode(entry.getValue());
            }
            return hash;
        }
        return value.hashCode();
    }

    /** Element-wise {@link #deepEquals} of two arrays of the same length. */
    static boolean elementsEqual(Object[] a, Object[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (!deepEquals(a[i], b[i])) {
                return false;
            }
        }
        return true;
    }

    static int elementsHashCode(Object[] values) {
        int hash = 1;
        for (Object value : values) {
            hash = 31 * hash + deepHashCode(value);
        }
        return hash;
    }

    private static boolean listsEqual(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        Iterator<?> left = a.iterator();
        Iterator<?> right = b.iterator();
        while (left.hasNext()) {
            if (!deepEquals(left.next(), right.next())) {
                return false;
            }
        }
        return true;
    }

    // Keys are matched with their own equals (an array key only finds itself); values are compared deeply.
    private static boolean mapsEqual(Map<?, ?> a, Map<?, ?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Map.Entry<?, ?> entry : a.entrySet()) {
            Object key = entry.getKey();
            if (!b.containsKey(key) || !deepEquals(entry.getValue(), b.get(key))) {
                return false;
            }
        }
        return true;
    }
}
