package org.apache.kafka.connect.runtime.distributed;

import org.apache.kafka.connect.runtime.rest.HttpRestRequestForwarder;
import org.apache.kafka.connect.storage.ConfigRecord.SessionKeyUpdate;
import org.apache.kafka.connect.util.Callback;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Sends a follower's newly generated task configs to the leader, the only worker that writes them
 * (runtime-behaviour §5.3 step 6): {@code POST <leader>/connectors/<c>/tasks}, signed with the session key while
 * the group runs the {@code sessioned} protocol. Requests go out on one thread of their own
 * ({@code ForwardRequestExecutor-<clientId>-1}) so the herder thread never waits for another worker.
 */
final class TaskConfigPublisher implements AutoCloseable {

    private final HttpRestRequestForwarder forwarder;
    private final String signatureAlgorithm;
    private final ExecutorService executor;

    TaskConfigPublisher(HttpRestRequestForwarder forwarder, String signatureAlgorithm, String clientId) {
        this.forwarder = forwarder;
        this.signatureAlgorithm = signatureAlgorithm;
        this.executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ForwardRequestExecutor-" + clientId + "-1");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * @param leaderUrl  the leader's advertised URL ({@code scheme://host:port/})
     * @param sessionKey the key to sign with, or null to send unsigned (protocols before {@code sessioned})
     * @param callback   completed on the publisher's thread: null on success, else the failure (a remote error is a
     *                   ConnectRestException with the leader's status)
     */
    void publish(String leaderUrl, String connName, List<Map<String, String>> taskConfigs, SessionKeyUpdate sessionKey,
                 Callback<Void> callback) {
        Runnable send = new Publish(() -> {
            byte[] body = forwarder.serialize(taskConfigs);
            Map<String, String> headers = sessionKey == null ? Map.of()
                    : InternalRequestSignature.sign(sessionKey.secretKey(), signatureAlgorithm, body);
            forwarder.send("POST", tasksUrl(leaderUrl, connName), null, body, headers, null);
        }, callback);
        try {
            executor.execute(send);
        } catch (RejectedExecutionException e) {
            callback.onCompletion(new IllegalStateException("The herder is stopping"), null);
        }
    }

    private static URI tasksUrl(String leaderUrl, String connName) {
        String base = leaderUrl.endsWith("/") ? leaderUrl : leaderUrl + "/";
        String segment = URLEncoder.encode(connName, StandardCharsets.UTF_8).replace("+", "%20");
        return URI.create(base + "connectors/" + segment + "/tasks");
    }

    /** Stops sending; publishes not sent yet complete their callbacks with a failure. */
    @Override
    public void close() throws InterruptedException {
        for (Runnable unsent : executor.shutdownNow()) {
            ((Publish) unsent).callback.onCompletion(new IllegalStateException("The herder is stopping"), null);
        }
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** One send, whose callback is completed exactly once: by the send, or by {@link #close()} if never run. */
    private record Publish(SendAction action, Callback<Void> callback) implements Runnable {
        @Override
        public void run() {
            try {
                action.send();
            } catch (Throwable t) {
                callback.onCompletion(t, null);
                return;
            }
            callback.onCompletion(null, null);
        }
    }

    @FunctionalInterface
    private interface SendAction {
        void send();
    }
}
