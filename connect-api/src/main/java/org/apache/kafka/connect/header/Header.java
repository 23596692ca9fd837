package org.apache.kafka.connect.header;

import org.apache.kafka.common.annotation.InterfaceAudience;
import org.apache.kafka.connect.data.Schema;

/**
 * An immutable header of a Connect record: a key plus a value with an optional schema. Unlike Kafka's raw
 * headers, the value is already in Connect form (converted by a {@code HeaderConverter}).
 */
@InterfaceAudience.Public
public interface Header {

    /**
     * @return the header's key, never null
     */
    String key();

    /**
     * @return the schema of the value, or null if it has none
     */
    Schema schema();

    /**
     * @return the value, possibly null
     */
    Object value();

    /**
     * @return a header with this key and the given schema and value
     */
    Header with(Schema schema, Object value);

    /**
     * @return a header with this schema and value under a different key
     */
    Header rename(String key);
}
