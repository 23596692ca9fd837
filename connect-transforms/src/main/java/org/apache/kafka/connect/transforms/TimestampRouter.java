package org.apache.kafka.connect.transforms;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.util.SimpleConfig;

import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.Map;
import java.util.TimeZone;

/**
 * Sets the topic from a template combining the original topic and the record timestamp, the latter formatted with
 * a {@link SimpleDateFormat} pattern in UTC (and the JVM's default locale).
 */
public class TimestampRouter<R extends ConnectRecord<R>> implements Transformation<R>, AutoCloseable {

    public static final String OVERVIEW_DOC = "Update the record's topic field as a function of the original topic "
            + "value and the record timestamp.<p/>This is mainly useful for sink connectors, since the topic field is "
            + "often used to determine the equivalent entity name in the destination system(e.g. database table or "
            + "search index name).";

    interface ConfigName {
        String TOPIC_FORMAT = "topic.format";
        String TIMESTAMP_FORMAT = "timestamp.format";
    }

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(ConfigName.TOPIC_FORMAT, ConfigDef.Type.STRING, "${topic}-${timestamp}", ConfigDef.Importance.HIGH,
                    "Template of the new topic name; <code>${topic}</code> and <code>${timestamp}</code> are replaced "
                    + "by the original topic and the formatted record timestamp.")
            .define(ConfigName.TIMESTAMP_FORMAT, ConfigDef.Type.STRING, "yyyyMMdd", ConfigDef.Importance.HIGH,
                    "<code>java.text.SimpleDateFormat</code> pattern used to format the record timestamp (in UTC).");

    private static final String TOPIC_PLACEHOLDER = "${topic}";
    private static final String TIMESTAMP_PLACEHOLDER = "${timestamp}";
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private String topicFormat;
    private String timestampPattern;
    // SimpleDateFormat is not thread-safe; each thread gets its own, created on first use
    private ThreadLocal<SimpleDateFormat> timestampFormat;

    @Override
    public String version() {
        return AppInfoParser.getVersion();
    }

    @Override
    public void configure(Map<String, ?> props) {
        SimpleConfig config = new SimpleConfig(CONFIG_DEF, props);
        topicFormat = config.getString(ConfigName.TOPIC_FORMAT);
        timestampPattern = config.getString(ConfigName.TIMESTAMP_FORMAT);
        timestampFormat = ThreadLocal.withInitial(this::newTimestampFormat);
    }

    private SimpleDateFormat newTimestampFormat() {
        SimpleDateFormat format = new SimpleDateFormat(timestampPattern);
        format.setTimeZone(UTC);
        return format;
    }

    @Override
    public R apply(R record) {
        Long timestamp = record.timestamp();
        if (timestamp == null) {
            throw new DataException("Timestamp missing on record: " + record);
        }
        String formattedTimestamp = timestampFormat.get().format(new Date(timestamp));
        String topic = topicFormat.replace(TOPIC_PLACEHOLDER, record.topic())
                .replace(TIMESTAMP_PLACEHOLDER, formattedTimestamp);
        return record.newRecord(topic, record.kafkaPartition(), record.keySchema(), record.key(),
                record.valueSchema(), record.value(), timestamp);
    }

    @Override
    public void close() {
        if (timestampFormat != null) {
            timestampFormat.remove();
        }
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }
}
