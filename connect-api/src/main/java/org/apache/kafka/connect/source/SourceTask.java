package org.apache.kafka.connect.source;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.annotation.InterfaceAudience;
import org.apache.kafka.connect.connector.Task;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A task that reads data from another system and returns it as records from {@link #poll()}.
 */
@InterfaceAudience.Public
public abstract class SourceTask implements Task {

    /**
     * The connector configuration key choosing how transactions are delimited when exactly-once support is on.
     */
    public static final String TRANSACTION_BOUNDARY_CONFIG = "transaction.boundary";

    /**
     * Where a source task's transactions begin and end.
     */
    public enum TransactionBoundary {
        /** One transaction per non-empty batch returned by {@link #poll()}. */
        POLL,
        /** One transaction per {@code transaction.boundary.interval.ms}. */
        INTERVAL,
        /** The task decides through its {@link TransactionContext}. */
        CONNECTOR;

        public static final TransactionBoundary DEFAULT = POLL;

        /**
         * Parses a {@code transaction.boundary} value, ignoring case and surrounding whitespace.
         *
         * @throws IllegalArgumentException if it names no boundary
         */
        public static TransactionBoundary fromProperty(String property) {
            Objects.requireNonNull(property, "Value for transaction boundary property may not be null");
            return valueOf(property.trim().toUpperCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    protected SourceTaskContext context;

    public void initialize(SourceTaskContext context) {
        this.context = context;
    }

    @Override
    public abstract void start(Map<String, String> props);

    /**
     * Returns the next records, blocking briefly if none are available.
     *
     * @return the records, or null if there are none for now
     */
    public abstract List<SourceRecord> poll() throws InterruptedException;

    /**
     * Called after the offsets of the records polled so far have been committed; acknowledging them in the
     * source system is optional. Does nothing by default.
     */
    public void commit() throws InterruptedException {
    }

    @Override
    public abstract void stop();

    /**
     * Called for each record once it has been written to Kafka, or dropped by a transformation or the error
     * handling. Does nothing by default.
     *
     * @param metadata where the record was written, or null if it was not written
     */
    public void commitRecord(SourceRecord record, RecordMetadata metadata) throws InterruptedException {
    }
}
