package org.apache.kafka.connect.integration;

import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.runtime.Connect;

import java.net.URI;
import java.util.Map;

/**
 * One running standalone worker, started through the same start-up code as {@code connect-standalone}.
 *
 * <p>Its API uses JDK types only, so {@link EmbeddedConnectStandalone} can also drive a copy of it loaded by another
 * class loader (through reflection) when a test needs a worker class path without some classes.
 */
public final class WorkerProcess {

    private final Connect<?> connect;

    private WorkerProcess(Connect<?> connect) {
        this.connect = connect;
    }

    /** Starts herder and REST server from the worker properties, as the command line does, but without files. */
    public static WorkerProcess start(Map<String, String> workerProps) {
        return new WorkerProcess(new ConnectStandalone().startConnect(workerProps));
    }

    public URI restUrl() {
        return connect.restUrl();
    }

    public void stop() {
        connect.stop();
        connect.awaitStop();
    }
}
