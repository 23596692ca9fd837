package org.apache.kafka.connect.storage;

import org.apache.kafka.common.annotation.InterfaceAudience;

import java.util.Collection;
import java.util.Map;

/**
 * Reads the committed source offsets of a connector, keyed by source partition (the maps given to
 * {@code SourceRecord}).
 */
@InterfaceAudience.Public
public interface OffsetStorageReader {

    /**
     * @return the latest committed offset of the source partition, or null if there is none
     */
    <T> Map<String, Object> offset(Map<String, T> partition);

    /**
     * Looks up several source partitions at once, which may be cheaper than one call per partition.
     *
     * @return the committed offset per source partition; partitions without offset are absent or map to null
     */
    <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions);
}
