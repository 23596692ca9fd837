package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.utils.Time;

import ch.qos.logback.classic.LoggerContext;

/** Lets tests in other packages build {@link Loggers} on a private Logback context. */
public final class LoggersTestAccess {

    private LoggersTestAccess() {
    }

    public static Loggers loggers(LoggerContext context, Time time) {
        return new Loggers(context, time);
    }
}
