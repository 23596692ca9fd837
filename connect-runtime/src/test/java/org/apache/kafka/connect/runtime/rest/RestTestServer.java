package org.apache.kafka.connect.runtime.rest;

import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;

import java.util.HashMap;
import java.util.Map;

/** A {@link RestServer} on a free local port serving a given herder, with a client pointed at it. */
public final class RestTestServer implements AutoCloseable {

    private final RestServer server;
    private final RestTestClient client;

    private RestTestServer(RestServer server) {
        this.server = server;
        this.client = new RestTestClient(server.serverUrl());
    }

    public static RestTestServer start(Herder herder) {
        return start(herder, Map.of(), RestRequestTimeouts.DEFAULT);
    }

    public static RestTestServer start(Herder herder, Map<String, String> workerProps, RestRequestTimeouts timeouts) {
        return start(herder, workerProps, timeouts, RestRequestForwarder.NONE);
    }

    public static RestTestServer start(Herder herder, Map<String, String> workerProps, RestRequestTimeouts timeouts,
                                       RestRequestForwarder forwarder) {
        RestServer server = new RestServer(workerConfig(workerProps), timeouts);
        server.initializeServer();
        server.initializeResources(herder, forwarder);
        return new RestTestServer(server);
    }

    /** A standalone worker config listening on {@code localhost:0}, with {@code overrides} applied. */
    public static WorkerConfig workerConfig(Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", "localhost:9092");
        props.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("offset.storage.file.filename", "/tmp/unused.offsets");
        props.put("listeners", "http://localhost:0");
        props.putAll(overrides);
        return new StandaloneConfig(props);
    }

    public RestServer server() {
        return server;
    }

    public RestTestClient client() {
        return client;
    }

    @Override
    public void close() {
        server.stop();
    }
}
