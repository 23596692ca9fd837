package org.apache.kafka.connect.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Restarts scheduled for connectors whose config-provider values expire (runtime-behaviour §12), at most one per
 * connector and config path: a later time to live replaces the pending restart. Each herder supplies how to run
 * something later and what a reload does. Thread-safe.
 */
public final class ConfigReloads {

    private static final Logger log = LoggerFactory.getLogger(ConfigReloads.class);

    /** Runs an action after a delay. */
    @FunctionalInterface
    public interface Scheduler {
        /** @return cancels the action if it has not run yet */
        Runnable schedule(long delayMs, Runnable action);
    }

    private final Scheduler scheduler;
    private final BiConsumer<String, String> reload;
    private final Map<Key, Runnable> pending = new ConcurrentHashMap<>();

    /** @param reload called with the connector and config path when a reload is due */
    public ConfigReloads(Scheduler scheduler, BiConsumer<String, String> reload) {
        this.scheduler = scheduler;
        this.reload = reload;
    }

    /** Schedules a reload of the connector {@code ttlMs} from now, replacing one pending for the same path. */
    public void schedule(String connName, String path, long ttlMs) {
        log.info("Scheduling a restart of connector {} in {} ms to reload config path {}", connName, ttlMs, path);
        Key key = new Key(connName, path);
        Runnable cancel = scheduler.schedule(ttlMs, () -> {
            pending.remove(key);
            reload.accept(connName, path);
        });
        Runnable replaced = pending.put(key, cancel);
        if (replaced != null) {
            replaced.run();
        }
    }

    private record Key(String connector, String path) {
    }
}
