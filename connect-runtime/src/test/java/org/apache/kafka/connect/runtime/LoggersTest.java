package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.runtime.rest.entities.LoggerLevel;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Logger levels driven on a private Logback context (so the test JVM's own logging is left alone). */
class LoggersTest {

    private LoggerContext context;
    private Loggers loggers;

    @BeforeEach
    void setUp() {
        context = new LoggerContext();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
        context.getLogger("org.example.a.Child").setLevel(Level.WARN);
        context.getLogger("org.example.b.Other");
        loggers = new Loggers(context, Time.SYSTEM);
    }

    @Test
    void setsLevelOfNamespaceAndDescendantsAndReportsTheChanged() {
        long before = System.currentTimeMillis();
        List<String> changed = loggers.setLevel("org.example.a", "debug");
        long after = System.currentTimeMillis();

        assertEquals(List.of("org.example.a", "org.example.a.Child"), changed);
        assertTrue(context.getLogger("org.example.a.Child").isDebugEnabled());
        assertFalse(context.getLogger("org.example.b.Other").isDebugEnabled());
        LoggerLevel level = loggers.level("org.example.a.Child");
        assertEquals("DEBUG", level.level());
        assertTrue(level.lastModified() >= before && level.lastModified() <= after);
        assertNull(loggers.level("org.example.b.Other").lastModified());
    }

    @Test
    void createsAnUnknownLoggerAndReportsOnlyRealChanges() {
        assertNull(loggers.level("com.acme.New"));
        assertEquals(List.of("com.acme.New"), loggers.setLevel("com.acme.New", " WARN "));
        assertEquals("WARN", loggers.level("com.acme.New").level());
        // Same level again: nothing changes, so nothing is reported.
        assertEquals(List.of(), loggers.setLevel("com.acme.New", "warn"));
    }

    @Test
    void namespaceIsAPlainNamePrefix() {
        context.getLogger("org.examplex.Sibling");
        List<String> changed = loggers.setLevel("org.example", "TRACE");
        assertTrue(changed.contains("org.examplex.Sibling"), changed.toString());
        assertTrue(changed.contains("org.example.b.Other"), changed.toString());
    }

    @Test
    void rootNamespaceCoversEveryLogger() {
        List<String> changed = loggers.setLevel("ROOT", "ERROR");
        assertTrue(changed.contains("root"));
        assertTrue(changed.contains("org.example.a.Child"));
        assertTrue(changed.contains("org.example.b.Other"));
        assertEquals("ERROR", loggers.level("").level());
        assertEquals("ERROR", loggers.level("root").level());
        assertEquals(Level.ERROR, context.getLogger("org.example.a.Child").getLevel());
    }

    @Test
    void listsKnownLoggersNotOffSortedWithRootNamedRoot() {
        context.getLogger("org.example.b").setLevel(Level.OFF);
        Map<String, LoggerLevel> all = loggers.allLevels();
        assertEquals("INFO", all.get("root").level());
        assertEquals("WARN", all.get("org.example.a.Child").level());
        assertEquals("INFO", all.get("org.example.a").level());
        assertFalse(all.containsKey("org.example.b"));
        assertFalse(all.containsKey("org.example.b.Other"));
        assertFalse(all.containsKey("ROOT"));
        assertEquals(all.keySet().stream().sorted().toList(), List.copyOf(all.keySet()));
    }

    @Test
    void acceptsLog4jLevelNamesWithFatalAsError() {
        for (String level : List.of("OFF", "fatal", "Error", "WARN", "info", "DEBUG", "trace", " ALL ")) {
            assertTrue(loggers.isValidLevel(level), level);
        }
        assertFalse(loggers.isValidLevel("VERBOSE"));
        assertFalse(loggers.isValidLevel(""));
        loggers.setLevel("org.example.a", "FATAL");
        assertEquals("ERROR", loggers.level("org.example.a").level());
        assertThrows(IllegalArgumentException.class, () -> loggers.setLevel("org.example.a", ""));
    }

    @Test
    void degradesToNoOpWithoutLogback() {
        Loggers noOp = new Loggers(null, Time.SYSTEM);
        assertEquals(Map.of(), noOp.allLevels());
        assertEquals(new LoggerLevel("OFF", null), noOp.level("anything"));
        assertTrue(noOp.isValidLevel("off"));
        assertFalse(noOp.isValidLevel("DEBUG"));
        assertEquals(List.of(), noOp.setLevel("anything", "OFF"));
    }

    @Test
    void drivesTheProcessLogbackContext() {
        Loggers processLoggers = Loggers.newInstance(Time.SYSTEM);
        org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger("h12.loggers.test.Target");
        assertFalse(logger.isTraceEnabled());
        assertEquals(List.of("h12.loggers.test.Target"), processLoggers.setLevel("h12.loggers.test.Target", "TRACE"));
        assertTrue(logger.isTraceEnabled());
        assertEquals("TRACE", processLoggers.allLevels().get("h12.loggers.test.Target").level());
    }
}
