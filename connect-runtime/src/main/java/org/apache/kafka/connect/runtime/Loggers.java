package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.runtime.rest.entities.LoggerLevel;

import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;

/**
 * The worker's view of its logging levels for {@code /admin/loggers} (KIP-495): reads and changes the levels of the
 * Logback loggers of this process and remembers when this worker last changed each one. If SLF4J is not bound to
 * Logback the levels cannot be driven, and this degrades as rest-api.md describes: every logger is {@code OFF},
 * nothing is listed and only {@code OFF} is accepted, changing nothing. Thread-safe.
 */
public class Loggers {

    /** How the API names the root logger; {@code root} in any case and the empty name address it. */
    public static final String ROOT_LOGGER_NAME = "root";

    /** The levels the API accepts, as in log4j2 (Logback has no FATAL: it is applied as ERROR). */
    static final Set<String> VALID_LEVELS = Set.of("OFF", "FATAL", "ERROR", "WARN", "INFO", "DEBUG", "TRACE", "ALL");

    private static final org.slf4j.Logger log = LoggerFactory.getLogger(Loggers.class);

    private final LoggerContext context;
    private final Time time;
    /** Epoch ms of this worker's last change of each logger's level, by API name; guarded by {@code this}. */
    private final Map<String, Long> lastModified = new HashMap<>();

    /**
     * @param context the Logback context to drive, or null when the logging backend is not Logback
     */
    Loggers(LoggerContext context, Time time) {
        this.context = context;
        this.time = time;
    }

    /** Levels of the logging backend SLF4J is bound to in this process. */
    public static Loggers newInstance(Time time) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext logback) {
            return new Loggers(logback, time);
        }
        log.warn("The logging backend is {}, not Logback: logger levels cannot be read or changed through the REST "
                + "API", factory.getClass().getName());
        return new Loggers(null, time);
    }

    /**
     * Every logger the logging context knows (configured or created so far) whose effective level is not
     * {@code OFF}, by API name in name order.
     */
    public synchronized Map<String, LoggerLevel> allLevels() {
        Map<String, LoggerLevel> levels = new TreeMap<>();
        if (context == null) {
            return levels;
        }
        for (Logger logger : context.getLoggerList()) {
            Level level = logger.getEffectiveLevel();
            if (level != Level.OFF) {
                String name = apiName(logger);
                levels.put(name, new LoggerLevel(level.toString(), lastModified.get(name)));
            }
        }
        return levels;
    }

    /** The effective level of a logger, or null if the logging context does not know it (yet). */
    public synchronized LoggerLevel level(String name) {
        if (context == null) {
            return new LoggerLevel(Level.OFF.toString(), null);
        }
        Logger logger = isRoot(name) ? rootLogger() : context.exists(name);
        if (logger == null) {
            return null;
        }
        return new LoggerLevel(logger.getEffectiveLevel().toString(), lastModified.get(apiName(logger)));
    }

    /**
     * Sets the level of the logger {@code namespace} (created if needed) and of every logger whose name starts with
     * it; the root logger's namespace covers every logger.
     *
     * @param level one of {@link #isValidLevel valid levels}
     * @return the API names, sorted, of the loggers whose effective level changed
     */
    public synchronized List<String> setLevel(String namespace, String level) {
        if (context == null) {
            return List.of();
        }
        Level newLevel = toLogbackLevel(level);
        boolean root = isRoot(namespace);
        Logger target = root ? rootLogger() : context.getLogger(namespace);

        List<Logger> affected = new ArrayList<>();
        affected.add(target);
        for (Logger logger : context.getLoggerList()) {
            if (logger != target && (root || logger.getName().startsWith(namespace))) {
                affected.add(logger);
            }
        }
        // Effective levels are read before any change: setting a parent first would mask its children's change.
        Map<Logger, Level> before = new HashMap<>();
        affected.forEach(logger -> before.put(logger, logger.getEffectiveLevel()));

        long now = time.milliseconds();
        List<String> changed = new ArrayList<>();
        for (Logger logger : affected) {
            logger.setLevel(newLevel);
            if (before.get(logger) != newLevel) {
                String name = apiName(logger);
                lastModified.put(name, now);
                changed.add(name);
            }
        }
        Collections.sort(changed);
        if (!changed.isEmpty()) {
            log.info("Set level of {} logger(s) under '{}' to {}", changed.size(), namespace, newLevel);
        }
        return changed;
    }

    /**
     * Whether the API accepts {@code level}: a log4j2 level name in any case, surrounding blanks ignored; only
     * {@code OFF} without Logback.
     */
    public boolean isValidLevel(String level) {
        String normalized = level.trim().toUpperCase(Locale.ROOT);
        return context == null ? normalized.equals("OFF") : VALID_LEVELS.contains(normalized);
    }

    private static Level toLogbackLevel(String level) {
        String normalized = level.trim().toUpperCase(Locale.ROOT);
        if (normalized.isEmpty() || !VALID_LEVELS.contains(normalized)) {
            throw new IllegalArgumentException("Invalid log level '" + level + "'");
        }
        return normalized.equals("FATAL") ? Level.ERROR : Level.toLevel(normalized);
    }

    private Logger rootLogger() {
        return context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private static boolean isRoot(String name) {
        return name.isEmpty() || name.equalsIgnoreCase(ROOT_LOGGER_NAME);
    }

    private static String apiName(Logger logger) {
        return logger.getName().equals(org.slf4j.Logger.ROOT_LOGGER_NAME) ? ROOT_LOGGER_NAME : logger.getName();
    }
}
