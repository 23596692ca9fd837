package org.apache.kafka.connect.util;

import org.slf4j.MDC;

import java.util.Objects;

/**
 * Puts the connector or task a thread is working for into the SLF4J MDC under {@value #CONNECTOR_CONTEXT}, so every
 * log line carries e.g. {@code [my-sink|task-0] }; closing restores what was there before. Use with
 * try-with-resources on the thread that logs.
 */
public final class LoggingContext implements AutoCloseable {

    /** MDC key; logback patterns show it with {@code %X{connector.context}}. */
    public static final String CONNECTOR_CONTEXT = "connector.context";

    /** What part of a task's work a log line is about (suffix of the task context). */
    public enum Scope {
        WORKER(""), TASK(""), OFFSETS("|offsets");

        private final String suffix;

        Scope(String suffix) {
            this.suffix = suffix;
        }
    }

    private final String previous;

    private LoggingContext(String value) {
        this.previous = MDC.get(CONNECTOR_CONTEXT);
        MDC.put(CONNECTOR_CONTEXT, value);
    }

    /** Context for work done for a connector instance: {@code [name|worker] }. */
    public static LoggingContext forConnector(String connectorName) {
        return new LoggingContext("[" + Objects.requireNonNull(connectorName) + "|worker] ");
    }

    /** Context for a task's own thread: {@code [name|task-N] }. */
    public static LoggingContext forTask(ConnectorTaskId id) {
        return forTask(id, Scope.TASK);
    }

    /** Context for a task's offset commits: {@code [name|task-N|offsets] }. */
    public static LoggingContext forOffsets(ConnectorTaskId id) {
        return forTask(id, Scope.OFFSETS);
    }

    private static LoggingContext forTask(ConnectorTaskId id, Scope scope) {
        return new LoggingContext("[" + id.connector() + "|task-" + id.task() + scope.suffix + "] ");
    }

    @Override
    public void close() {
        if (previous == null) {
            MDC.remove(CONNECTOR_CONTEXT);
        } else {
            MDC.put(CONNECTOR_CONTEXT, previous);
        }
    }
}
