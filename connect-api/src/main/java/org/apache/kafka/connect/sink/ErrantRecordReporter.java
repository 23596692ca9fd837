package org.apache.kafka.connect.sink;

import org.apache.kafka.common.annotation.InterfaceAudience;

import java.util.concurrent.Future;

/**
 * Lets a sink task hand over records it cannot process to the runtime's error handling (log, dead letter queue,
 * or failure, as configured by {@code errors.*}).
 */
@InterfaceAudience.Public
public interface ErrantRecordReporter {

    /**
     * Reports a record that failed; the task may continue with the next records.
     *
     * @return a future completed once the report has been written, e.g. to the dead letter queue
     */
    Future<Void> report(SinkRecord record, Throwable error);
}
