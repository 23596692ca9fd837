package org.apache.kafka.connect.runtime;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.runtime.errors.ProcessingContext;
import org.apache.kafka.connect.runtime.errors.RetryWithToleranceOperator;
import org.apache.kafka.connect.runtime.errors.Stage;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.HeaderConverter;

/**
 * Turns a (transformed) {@link SourceRecord} into the {@link ProducerRecord} to send, with a source task's header,
 * key and value converters, each step under the task's retry and tolerance rules.
 */
final class SourceRecordConverter {

    /** The timestamp Kafka uses for "none". */
    private static final long NO_TIMESTAMP = -1L;

    private final TaskConverters converters;
    private final RetryWithToleranceOperator<SourceRecord> retryWithToleranceOperator;

    SourceRecordConverter(TaskConverters converters,
                          RetryWithToleranceOperator<SourceRecord> retryWithToleranceOperator) {
        this.converters = converters;
        this.retryWithToleranceOperator = retryWithToleranceOperator;
    }

    /**
     * @return the record to send, or null if a conversion failed and the failure was tolerated
     * @throws InvalidRecordException if the record has a negative timestamp other than "none"
     */
    ProducerRecord<byte[], byte[]> convert(ProcessingContext<SourceRecord> context, SourceRecord record) {
        String topic = record.topic();
        RecordHeaders headers = retryWithToleranceOperator.execute(context, () -> convertHeaders(record),
                Stage.HEADER_CONVERTER, converters.headerConverterClass());
        byte[] key = retryWithToleranceOperator.execute(context,
                () -> converters.keyConverter().fromConnectData(topic, headers, record.keySchema(), record.key()),
                Stage.KEY_CONVERTER, converters.keyConverterClass());
        byte[] value = retryWithToleranceOperator.execute(context,
                () -> converters.valueConverter().fromConnectData(topic, headers, record.valueSchema(),
                        record.value()),
                Stage.VALUE_CONVERTER, converters.valueConverterClass());
        if (context.failed()) {
            return null;
        }
        return new ProducerRecord<>(topic, record.kafkaPartition(), producerTimestamp(record), key, value, headers);
    }

    private RecordHeaders convertHeaders(SourceRecord record) {
        RecordHeaders headers = new RecordHeaders();
        HeaderConverter headerConverter = converters.headerConverter();
        for (Header header : record.headers()) {
            headers.add(header.key(),
                    headerConverter.fromConnectHeader(record.topic(), header.key(), header.schema(), header.value()));
        }
        return headers;
    }

    private static Long producerTimestamp(SourceRecord record) {
        Long timestamp = record.timestamp();
        if (timestamp == null || timestamp == NO_TIMESTAMP) {
            return null;
        }
        if (timestamp < 0) {
            throw new InvalidRecordException("Invalid record timestamp " + timestamp);
        }
        return timestamp;
    }
}
