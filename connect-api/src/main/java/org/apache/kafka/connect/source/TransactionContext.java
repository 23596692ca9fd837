package org.apache.kafka.connect.source;

import org.apache.kafka.common.annotation.InterfaceAudience;

/**
 * Lets a source task with connector-defined transaction boundaries tell the runtime where transactions end.
 * Requests take effect once the records concerned have been handed to the producer.
 */
@InterfaceAudience.Public
public interface TransactionContext {

    /**
     * Commits the current transaction after the records of the next poll have been dispatched.
     */
    void commitTransaction();

    /**
     * Commits the current transaction right after the given record has been dispatched.
     */
    void commitTransaction(SourceRecord record);

    /**
     * Aborts the current transaction after the records of the next poll have been dispatched.
     */
    void abortTransaction();

    /**
     * Aborts the current transaction right after the given record has been dispatched; the record is discarded
     * together with the rest of the transaction.
     */
    void abortTransaction(SourceRecord record);
}
