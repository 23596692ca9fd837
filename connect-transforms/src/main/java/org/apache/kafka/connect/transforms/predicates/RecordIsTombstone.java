package org.apache.kafka.connect.transforms.predicates;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.apache.kafka.connect.connector.ConnectRecord;

import java.util.Map;

/**
 * Matches tombstones, i.e. records whose value is null (regardless of the value schema).
 */
public class RecordIsTombstone<R extends ConnectRecord<R>> implements Predicate<R> {

    public static final String OVERVIEW_DOC =
            "A predicate which is true for records which are tombstones (i.e. have null value).";

    public static final ConfigDef CONFIG_DEF = new ConfigDef();

    @Override
    public String version() {
        return AppInfoParser.getVersion();
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public boolean test(R record) {
        return record.value() == null;
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }

    @Override
    public String toString() {
        return "RecordIsTombstone{}";
    }
}
