package org.apache.kafka.connect.runtime;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.runtime.errors.ProcessingContext;
import org.apache.kafka.connect.runtime.errors.RetryWithToleranceOperator;
import org.apache.kafka.connect.runtime.errors.Stage;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Turns a consumed record into a {@link SinkRecord} with a sink task's key, value and header converters, each step
 * under the task's retry and tolerance rules.
 */
final class SinkRecordConverter {

    private final TaskConverters converters;
    private final RetryWithToleranceOperator<ConsumerRecord<byte[], byte[]>> retryWithToleranceOperator;

    SinkRecordConverter(TaskConverters converters,
                        RetryWithToleranceOperator<ConsumerRecord<byte[], byte[]>> retryWithToleranceOperator) {
        this.converters = converters;
        this.retryWithToleranceOperator = retryWithToleranceOperator;
    }

    /** @return the converted record, or null if a conversion failed and the failure was tolerated */
    SinkRecord convert(ProcessingContext<ConsumerRecord<byte[], byte[]>> processing,
                       ConsumerRecord<byte[], byte[]> record) {
        String topic = record.topic();
        SchemaAndValue key = retryWithToleranceOperator.execute(processing,
                () -> converters.keyConverter().toConnectData(topic, record.headers(), record.key()),
                Stage.KEY_CONVERTER, converters.keyConverterClass());
        SchemaAndValue value = retryWithToleranceOperator.execute(processing,
                () -> converters.valueConverter().toConnectData(topic, record.headers(), record.value()),
                Stage.VALUE_CONVERTER, converters.valueConverterClass());
        ConnectHeaders headers = retryWithToleranceOperator.execute(processing,
                () -> convertHeaders(record), Stage.HEADER_CONVERTER, converters.headerConverterClass());
        if (processing.failed() || key == null || value == null || headers == null) {
            return null;
        }
        Long timestamp = record.timestampType() == TimestampType.NO_TIMESTAMP_TYPE
                || record.timestamp() == ConsumerRecord.NO_TIMESTAMP ? null : record.timestamp();
        return new SinkRecord(topic, record.partition(), key.schema(), key.value(),
                value.schema(), value.value(), record.offset(), timestamp, record.timestampType(), headers);
    }

    private ConnectHeaders convertHeaders(ConsumerRecord<byte[], byte[]> record) {
        ConnectHeaders headers = new ConnectHeaders();
        for (Header header : record.headers()) {
            SchemaAndValue converted = converters.headerConverter()
                    .toConnectHeader(record.topic(), header.key(), header.value());
            headers.add(header.key(), converted == null ? SchemaAndValue.NULL : converted);
        }
        return headers;
    }
}
