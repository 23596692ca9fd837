package org.apache.kafka.connect.header;

import org.apache.kafka.common.annotation.InterfaceAudience;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

import java.math.BigDecimal;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The mutable, ordered headers of a Connect record. Several headers may share a key; iteration follows insertion
 * order. All mutators return this object so calls can be chained.
 */
@InterfaceAudience.Public
public interface Headers extends Iterable<Header> {

    int size();

    boolean isEmpty();

    /**
     * @return the headers with the given key, in order; the iterator does not support removal
     */
    Iterator<Header> allWithName(String key);

    /**
     * @return the last header added with the given key, or null if there is none
     */
    Header lastWithName(String key);

    /**
     * Adds a header as is, without validating its value.
     */
    Headers add(Header header);

    /**
     * Adds a header after checking that the value fits the schema.
     *
     * @throws DataException if it does not
     */
    Headers add(String key, SchemaAndValue schemaAndValue);

    /**
     * Adds a header after checking that the value fits the schema.
     *
     * @throws DataException if it does not
     */
    Headers add(String key, Object value, Schema schema);

    Headers addString(String key, String value);

    Headers addBoolean(String key, boolean value);

    Headers addByte(String key, byte value);

    Headers addShort(String key, short value);

    Headers addInt(String key, int value);

    Headers addLong(String key, long value);

    Headers addFloat(String key, float value);

    Headers addDouble(String key, double value);

    Headers addBytes(String key, byte[] value);

    /**
     * @throws DataException if the schema is not an ARRAY schema
     */
    Headers addList(String key, List<?> value, Schema schema);

    /**
     * @throws DataException if the schema is not a MAP schema
     */
    Headers addMap(String key, Map<?, ?> value, Schema schema);

    Headers addStruct(String key, Struct value);

    /**
     * Adds a value with the {@code Decimal} logical schema of the value's scale.
     */
    Headers addDecimal(String key, BigDecimal value);

    /**
     * Adds a value with the {@code Date} logical schema.
     *
     * @throws DataException if the value has a time-of-day part
     */
    Headers addDate(String key, Date value);

    /**
     * Adds a value with the {@code Time} logical schema.
     *
     * @throws DataException if the value has a date part
     */
    Headers addTime(String key, Date value);

    /**
     * Adds a value with the {@code Timestamp} logical schema.
     */
    Headers addTimestamp(String key, Date value);

    /**
     * Removes every header with the given key.
     */
    Headers remove(String key);

    /**
     * Removes all but the last header with the given key.
     */
    Headers retainLatest(String key);

    /**
     * Removes all but the last header of every key; the remaining headers keep their relative order.
     */
    Headers retainLatest();

    Headers clear();

    /**
     * @return an independent copy of these headers
     */
    Headers duplicate();

    /**
     * Replaces every header with the transform's result, removing it when the result is null.
     */
    Headers apply(HeaderTransform transform);

    /**
     * Replaces every header with the given key with the transform's result, removing it when the result is null.
     */
    Headers apply(String key, HeaderTransform transform);

    /**
     * A function rewriting one header; returning null removes it.
     */
    interface HeaderTransform {

        Header apply(Header header);
    }
}
