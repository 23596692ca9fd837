package org.apache.kafka.connect.header;

import org.apache.kafka.common.annotation.InterfaceAudience;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Schema.Type;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The standard {@link Headers}: a linked list of {@link Header}s in insertion order.
 *
 * <p>{@link #add(String, Object, Schema)} checks that the value's Java type fits the schema's type (only the top
 * level; elements and fields are not inspected). The typed {@code addXxx} helpers pick the schema themselves and
 * only check what the Java signature cannot express (array/map schemas, logical date/time constraints).
 */
@InterfaceAudience.Public
public class ConnectHeaders implements Headers {

    // Created on first use: most records carry no headers at all.
    private LinkedList<Header> headers;

    public ConnectHeaders() {
    }

    /**
     * Creates headers holding a copy of the given ones (not validated); null means none.
     */
    public ConnectHeaders(Iterable<Header> original) {
        if (original instanceof ConnectHeaders) {
            LinkedList<Header> theirs = ((ConnectHeaders) original).headers;
            if (theirs != null) {
                headers = new LinkedList<>(theirs);
            }
        } else if (original != null) {
            headers = new LinkedList<>();
            original.forEach(headers::add);
        }
    }

    @Override
    public int size() {
        return headers == null ? 0 : headers.size();
    }

    @Override
    public boolean isEmpty() {
        return headers == null || headers.isEmpty();
    }

    @Override
    public Headers clear() {
        if (headers != null) {
            headers.clear();
        }
        return this;
    }

    @Override
    public Headers add(Header header) {
        Objects.requireNonNull(header, "Unable to add a null header.");
        if (headers == null) {
            headers = new LinkedList<>();
        }
        headers.add(header);
        return this;
    }

    @Override
    public Headers add(String key, SchemaAndValue schemaAndValue) {
        if (schemaAndValue == null) {
            return add(key, null, null);
        }
        return add(key, schemaAndValue.value(), schemaAndValue.schema());
    }

    @Override
    public Headers add(String key, Object value, Schema schema) {
        SchemaFit.checkValue(value, schema);
        return addWithoutValidating(key, value, schema);
    }

    /**
     * Adds a header whose value is known (or allowed) not to need checking against its schema.
     */
    protected Headers addWithoutValidating(String key, Object value, Schema schema) {
        return add(new ConnectHeader(key, new SchemaAndValue(schema, value)));
    }

    @Override
    public Headers addString(String key, String value) {
        // A null string or byte array is recorded as such: with the optional form of the schema.
        return addWithoutValidating(key, value, value != null ? Schema.STRING_SCHEMA : Schema.OPTIONAL_STRING_SCHEMA);
    }

    @Override
    public Headers addBytes(String key, byte[] value) {
        return addWithoutValidating(key, value, value != null ? Schema.BYTES_SCHEMA : Schema.OPTIONAL_BYTES_SCHEMA);
    }

    @Override
    public Headers addBoolean(String key, boolean value) {
        return addWithoutValidating(key, value, Schema.BOOLEAN_SCHEMA);
    }

    @Override
    public Headers addByte(String key, byte value) {
        return addWithoutValidating(key, value, Schema.INT8_SCHEMA);
    }

    @Override
    public Headers addShort(String key, short value) {
        return addWithoutValidating(key, value, Schema.INT16_SCHEMA);
    }

    @Override
    public Headers addInt(String key, int value) {
        return addWithoutValidating(key, value, Schema.INT32_SCHEMA);
    }

    @Override
    public Headers addLong(String key, long value) {
        return addWithoutValidating(key, value, Schema.INT64_SCHEMA);
    }

    @Override
    public Headers addFloat(String key, float value) {
        return addWithoutValidating(key, value, Schema.FLOAT32_SCHEMA);
    }

    @Override
    public Headers addDouble(String key, double value) {
        return addWithoutValidating(key, value, Schema.FLOAT64_SCHEMA);
    }

    // A null list, map, struct or decimal gives no usable schema, so such headers are added without one.

    @Override
    public Headers addList(String key, List<?> value, Schema schema) {
        if (value == null) {
            return addWithoutValidating(key, null, null);
        }
        SchemaFit.checkType(schema, Type.ARRAY);
        return addWithoutValidating(key, value, schema);
    }

    @Override
    public Headers addMap(String key, Map<?, ?> value, Schema schema) {
        if (value == null) {
            return addWithoutValidating(key, null, null);
        }
        SchemaFit.checkType(schema, Type.MAP);
        return addWithoutValidating(key, value, schema);
    }

    @Override
    public Headers addStruct(String key, Struct value) {
        if (value == null) {
            return addWithoutValidating(key, null, null);
        }
        return addWithoutValidating(key, value, value.schema());
    }

    @Override
    public Headers addDecimal(String key, BigDecimal value) {
        if (value == null) {
            return addWithoutValidating(key, null, null);
        }
        return addWithoutValidating(key, value, Decimal.schema(value.scale()));
    }

    @Override
    public Headers addDate(String key, java.util.Date value) {
        if (value != null) {
            Date.fromLogical(Date.SCHEMA, value); // rejects a time-of-day part
        }
        return addWithoutValidating(key, value, Date.SCHEMA);
    }

    @Override
    public Headers addTime(String key, java.util.Date value) {
        if (value != null) {
            Time.fromLogical(Time.SCHEMA, value); // rejects a date part
        }
        return addWithoutValidating(key, value, Time.SCHEMA);
    }

    @Override
    public Headers addTimestamp(String key, java.util.Date value) {
        return addWithoutValidating(key, value, Timestamp.SCHEMA);
    }

    @Override
    public Header lastWithName(String key) {
        checkKey(key);
        if (headers != null) {
            Iterator<Header> newestFirst = headers.descendingIterator();
            while (newestFirst.hasNext()) {
                Header header = newestFirst.next();
                if (key.equals(header.key())) {
                    return header;
                }
            }
        }
        return null;
    }

    @Override
    public Iterator<Header> allWithName(String key) {
        return headers == null ? Collections.emptyIterator() : new KeyFilteringIterator(headers.iterator(), key);
    }

    @Override
    public Iterator<Header> iterator() {
        return headers == null ? Collections.emptyIterator() : headers.iterator();
    }

    @Override
    public Headers remove(String key) {
        checkKey(key);
        if (headers != null) {
            headers.removeIf(header -> key.equals(header.key()));
        }
        return this;
    }

    @Override
    public Headers retainLatest() {
        if (headers != null) {
            Set<String> laterKeys = new HashSet<>();
            Iterator<Header> newestFirst = headers.descendingIterator();
            while (newestFirst.hasNext()) {
                if (!laterKeys.add(newestFirst.next().key())) {
                    newestFirst.remove();
                }
            }
        }
        return this;
    }

    @Override
    public Headers retainLatest(String key) {
        checkKey(key);
        if (headers != null) {
            boolean latestSeen = false;
            Iterator<Header> newestFirst = headers.descendingIterator();
            while (newestFirst.hasNext()) {
                if (key.equals(newestFirst.next().key())) {
                    if (latestSeen) {
                        newestFirst.remove();
                    }
                    latestSeen = true;
                }
            }
        }
        return this;
    }

    @Override
    public Headers apply(String key, HeaderTransform transform) {
        checkKey(key);
        if (headers != null) {
            replaceEach(header -> key.equals(header.key()) ? transform.apply(header) : header);
        }
        return this;
    }

    @Override
    public Headers apply(HeaderTransform transform) {
        if (headers != null) {
            replaceEach(transform);
        }
        return this;
    }

    @Override
    public ConnectHeaders duplicate() {
        return new ConnectHeaders(this);
    }

    @Override
    public int hashCode() {
        return headers == null ? 1 : headers.hashCode(); // 1 is the hash of an empty list
    }

    /**
     * Equal to any {@link Headers} holding equal headers in the same order.
     */
    @Override
    public boolean equals(Object obj) {
        if (this == obj) {
            return true;
        }
        if (!(obj instanceof Headers)) {
            return false;
        }
        Headers that = (Headers) obj;
        if (size() != that.size()) {
            return false;
        }
        Iterator<Header> mine = iterator();
        Iterator<Header> theirs = that.iterator();
        while (mine.hasNext() && theirs.hasNext()) {
            if (!Objects.equals(mine.next(), theirs.next())) {
                return false;
            }
        }
        return mine.hasNext() == theirs.hasNext();
    }

    @Override
    public String toString() {
        return "ConnectHeaders(headers=" + (headers != null ? headers : "") + ")";
    }

    private void replaceEach(HeaderTransform transform) {
        ListIterator<Header> iterator = headers.listIterator();
        while (iterator.hasNext()) {
            Header replacement = transform.apply(iterator.next());
            if (replacement == null) {
                iterator.remove();
            } else {
                iterator.set(replacement);
            }
        }
    }

    /**
     * A read-only view of the headers with one key, advanced lazily over the underlying list.
     */
    private static final class KeyFilteringIterator implements Iterator<Header> {

        private final Iterator<Header> all;
        private final String key;
        private Header next;

        KeyFilteringIterator(Iterator<Header> all, String key) {
            this.all = all;
            this.key = key;
        }

        @Override
        public boolean hasNext() {
            while (next == null && all.hasNext()) {
                Header candidate = all.next();
                if (Objects.equals(key, candidate.key())) {
                    next = candidate;
                }
            }
            return next != null;
        }

        @Override
        public Header next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Header result = next;
            next = null;
            return result;
        }

        @Override
        public void remove() {
            throw new UnsupportedOperationException("Removal not supported");
        }
    }

    private static void checkKey(String key) {
        Objects.requireNonNull(key, "Header key cannot be null");
    }
}
