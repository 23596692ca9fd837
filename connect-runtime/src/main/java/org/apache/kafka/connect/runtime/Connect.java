package org.apache.kafka.connect.runtime;

import org.apache.kafka.connect.runtime.rest.RestRequestForwarder;
import org.apache.kafka.connect.runtime.rest.RestServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One Connect worker process: its herder and its REST server, started together and stopped together, by
 * {@link #stop()} or by the JVM shutdown hook registered at {@link #start()}.
 *
 * @param <H> the kind of herder (standalone or distributed)
 */
public class Connect<H extends Herder> {

    private static final Logger log = LoggerFactory.getLogger(Connect.class);

    private final H herder;
    private final RestServer rest;
    private final AutoCloseable restAdditions;
    private final RestRequestForwarder forwarder;
    private final CountDownLatch stopLatch = new CountDownLatch(1);
    private final AtomicBoolean shutdown = new AtomicBoolean(false);
    private final Thread shutdownHook = new Thread(this::stop, "connect-shutdown-hook");

    /** @param rest a server whose listeners are already bound ({@link RestServer#initializeServer()}) */
    public Connect(H herder, RestServer rest) {
        this(herder, rest, () -> { });
    }

    /**
     * @param restAdditions what was installed on {@code rest} besides the core resources (admin endpoints, REST
     *                      extensions); closed after the server stops
     */
    public Connect(H herder, RestServer rest, AutoCloseable restAdditions) {
        this(herder, rest, restAdditions, RestRequestForwarder.NONE);
    }

    /**
     * @param forwarder how the REST resources re-issue requests the herder says another worker must serve
     *                  ({@link RestRequestForwarder#NONE} for a standalone worker); its owner closes it
     */
    public Connect(H herder, RestServer rest, AutoCloseable restAdditions, RestRequestForwarder forwarder) {
        this.herder = herder;
        this.rest = rest;
        this.restAdditions = restAdditions;
        this.forwarder = forwarder;
    }

    /**
     * Starts the herder, then serves the REST resources. If either fails, stops what was started and rethrows.
     */
    public void start() {
        try {
            log.info("Kafka Connect starting");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            herder.start();
            rest.initializeResources(herder, forwarder);
        } catch (RuntimeException e) {
            log.error("Failed to start Connect", e);
            stop();
            throw e;
        }
    }

    /**
     * Stops the REST server first (no new requests), then the herder. Idempotent; safe from any thread.
     */
    public void stop() {
        try {
            if (shutdown.compareAndSet(false, true)) {
                log.info("Kafka Connect stopping");
                try {
                    rest.stop();
                } finally {
                    closeRestAdditions();
                    herder.stop();
                }
                removeShutdownHook();
                log.info("Kafka Connect stopped");
            }
        } finally {
            stopLatch.countDown();
        }
    }

    private void closeRestAdditions() {
        try {
            restAdditions.close();
        } catch (Exception e) {
            log.warn("Failed to close REST extensions", e);
        }
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down (we may be running in the hook itself).
        }
    }

    /** Blocks until {@link #stop()} has completed. */
    public void awaitStop() {
        try {
            stopLatch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.error("Interrupted while waiting for Kafka Connect to stop");
        }
    }

    public boolean isRunning() {
        return herder.isRunning();
    }

    public H herder() {
        return herder;
    }

    /** The URL other workers and clients use to reach this worker's REST API. */
    public URI restUrl() {
        return rest.advertisedUrl();
    }
}
