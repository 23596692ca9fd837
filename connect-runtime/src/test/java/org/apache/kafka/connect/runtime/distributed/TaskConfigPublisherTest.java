package org.apache.kafka.connect.runtime.distributed;

import org.apache.kafka.connect.runtime.rest.HttpRestRequestForwarder;
import org.apache.kafka.connect.runtime.rest.RestRequestTimeouts;
import org.apache.kafka.connect.runtime.rest.RestTestServer;
import org.apache.kafka.connect.runtime.rest.errors.ConnectRestException;
import org.apache.kafka.connect.storage.ConfigRecord.SessionKeyUpdate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A follower's task configs reach the leader's internal endpoint, signed when a session key is given. */
class TaskConfigPublisherTest {

    private static final List<Map<String, String>> TASK_CONFIGS = List.of(
            Map.of("task.class", "org.example.Task", "file", "/tmp/a"),
            Map.of("task.class", "org.example.Task", "file", "/tmp/b"));

    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    /** The status the fake leader answers with, and its body. */
    private final AtomicInteger status = new AtomicInteger(204);
    private final AtomicReference<String> errorBody = new AtomicReference<>("");

    private HttpServer leader;
    private String leaderUrl;
    private HttpRestRequestForwarder forwarder;
    private TaskConfigPublisher publisher;

    /** What the fake leader saw of one request. */
    private record Received(String method, String rawPath, String path, Headers headers, byte[] body) {
    }

    @BeforeEach
    void start() throws IOException {
        leader = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        leader.createContext("/", this::handle);
        leader.start();
        leaderUrl = "http://127.0.0.1:" + leader.getAddress().getPort() + "/";
        forwarder = new HttpRestRequestForwarder(RestTestServer.workerConfig(Map.of()),
                new RestRequestTimeouts(10_000, 10_000), failure -> Optional.empty());
        publisher = new TaskConfigPublisher(forwarder, "HmacSHA256", "connect-worker-1");
    }

    @AfterEach
    void stop() throws InterruptedException {
        publisher.close();
        forwarder.close();
        leader.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getPath(), exchange.getRequestHeaders(), body));
        int code = status.get();
        byte[] answer = errorBody.get().getBytes(StandardCharsets.UTF_8);
        if (answer.length == 0) {
            exchange.sendResponseHeaders(code, -1);
        } else {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(code, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
        exchange.close();
    }

    /** Publishes and waits for the callback; returns the error it got (null on success) and its thread. */
    private Completion publish(String leaderUrl, String connName, SessionKeyUpdate key) throws Exception {
        CompletableFuture<Completion> done = new CompletableFuture<>();
        publisher.publish(leaderUrl, connName, TASK_CONFIGS, key,
                (error, result) -> done.complete(new Completion(error, Thread.currentThread().getName())));
        return done.get(10, TimeUnit.SECONDS);
    }

    private record Completion(Throwable error, String threadName) {
    }

    private Received takeRequest() throws InterruptedException {
        Received request = received.poll(10, TimeUnit.SECONDS);
        assertNotNull(request, "the leader got no request");
        return request;
    }

    private static SessionKeyUpdate sessionKey() throws Exception {
        KeyGenerator generator = KeyGenerator.getInstance("HmacSHA256");
        return new SessionKeyUpdate(generator.generateKey(), 1);
    }

    @Test
    void postsTheTaskConfigsAsJsonToTheLeadersTasksEndpoint() throws Exception {
        Completion completion = publish(leaderUrl, "my-conn", null);

        assertNull(completion.error());
        Received request = takeRequest();
        assertEquals("POST", request.method());
        assertEquals("/connectors/my-conn/tasks", request.rawPath());
        assertTrue(request.headers().getFirst("Content-Type").startsWith("application/json"));
        List<Map<String, String>> sent = new ObjectMapper().readValue(request.body(), new TypeReference<>() { });
        assertEquals(TASK_CONFIGS, sent);
    }

    @Test
    void callbackRunsOnTheForwardRequestThread() throws Exception {
        Completion completion = publish(leaderUrl, "my-conn", null);
        assertNull(completion.error());
        assertEquals("ForwardRequestExecutor-connect-worker-1-1", completion.threadName());
    }

    @Test
    void leaderUrlWithoutTrailingSlashWorksToo() throws Exception {
        String withoutSlash = leaderUrl.substring(0, leaderUrl.length() - 1);
        assertNull(publish(withoutSlash, "c", null).error());
        assertEquals("/connectors/c/tasks", takeRequest().rawPath());
    }

    @Test
    void connectorNameIsUrlEncodedAsOnePathSegment() throws Exception {
        String name = "my conn/with?odd#chars+%";
        assertNull(publish(leaderUrl, name, null).error());

        Received request = takeRequest();
        assertEquals("/connectors/" + name + "/tasks", request.path(), "decoded path");
        String raw = request.rawPath();
        assertTrue(raw.startsWith("/connectors/") && raw.endsWith("/tasks"), raw);
        String segment = raw.substring("/connectors/".length(), raw.length() - "/tasks".length());
        assertFalse(segment.contains("/"), "the name stays one path segment: " + raw);
        assertFalse(segment.contains("+"), "a space is not encoded as '+' in a path: " + raw);
    }

    @Test
    void signedRequestVerifiesOverTheBytesReceived() throws Exception {
        SessionKeyUpdate key = sessionKey();
        assertNull(publish(leaderUrl, "c", key).error());

        Received request = takeRequest();
        assertEquals("HmacSHA256", request.headers().getFirst(InternalRequestSignature.ALGORITHM_HEADER));
        InternalRequestSignature signature = InternalRequestSignature.fromHeaders(request.body(),
                request.headers()::getFirst);
        assertNotNull(signature, "both signature headers are sent");
        assertTrue(signature.isValid(key.secretKey()));

        SecretKey otherKey = sessionKey().secretKey();
        assertFalse(signature.isValid(otherKey), "signature is bound to the session key");
        byte[] tampered = request.body().clone();
        tampered[tampered.length - 2] ^= 1;
        assertFalse(InternalRequestSignature.fromHeaders(tampered, request.headers()::getFirst)
                .isValid(key.secretKey()), "signature is bound to the body");
    }

    @Test
    void unsignedRequestCarriesNoSignatureHeaders() throws Exception {
        assertNull(publish(leaderUrl, "c", null).error());

        Received request = takeRequest();
        assertNull(request.headers().getFirst(InternalRequestSignature.SIGNATURE_HEADER));
        assertNull(request.headers().getFirst(InternalRequestSignature.ALGORITHM_HEADER));
        assertNull(InternalRequestSignature.fromHeaders(request.body(), request.headers()::getFirst));
    }

    @Test
    void forbiddenAnswerFailsTheCallbackWithTheLeadersStatusAndMessage() throws Exception {
        status.set(403);
        errorBody.set("{\"error_code\":403,\"message\":\"Internal request contained invalid signature.\"}");

        Throwable error = publish(leaderUrl, "c", sessionKey()).error();

        ConnectRestException rest = assertInstanceOf(ConnectRestException.class, error);
        assertEquals(403, rest.statusCode());
        assertEquals("Internal request contained invalid signature.", rest.getMessage());
    }

    @Test
    void conflictAnswerFailsTheCallbackWithStatus409() throws Exception {
        status.set(409);

        Throwable error = publish(leaderUrl, "c", null).error();

        ConnectRestException rest = assertInstanceOf(ConnectRestException.class, error);
        assertEquals(409, rest.statusCode());
    }

    @Test
    void unreachableLeaderFailsTheCallback() throws Exception {
        int port = leader.getAddress().getPort();
        leader.stop(0);

        Throwable error = publish("http://127.0.0.1:" + port + "/", "c", null).error();

        assertInstanceOf(ConnectRestException.class, error);
        assertEquals(500, ((ConnectRestException) error).statusCode());
    }

    @Test
    void publishingAfterCloseFailsTheCallbackAtOnce() throws Exception {
        publisher.close();

        Throwable error = publish(leaderUrl, "c", null).error();

        assertInstanceOf(IllegalStateException.class, error);
        assertTrue(received.isEmpty());
    }

    @Test
    void unusableSignatureAlgorithmFailsTheCallbackInsteadOfThrowing() throws Exception {
        try (TaskConfigPublisher badAlgorithm = new TaskConfigPublisher(forwarder, "NoSuchMac", "w")) {
            CompletableFuture<Throwable> done = new CompletableFuture<>();
            badAlgorithm.publish(leaderUrl, "c", TASK_CONFIGS, sessionKey(), (error, result) -> done.complete(error));
            assertInstanceOf(IllegalArgumentException.class, done.get(10, TimeUnit.SECONDS));
        }
        assertTrue(received.isEmpty(), "nothing is sent unsigned");
    }

    @Test
    void closeCompletesTheCallbacksOfQueuedPublishes() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer leader = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        leader.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        leader.start();
        String url = "http://127.0.0.1:" + leader.getAddress().getPort() + "/";
        HttpRestRequestForwarder forwarder = new HttpRestRequestForwarder(RestTestServer.workerConfig(Map.of()),
                new RestRequestTimeouts(10_000, 10_000), failure -> Optional.empty());
        TaskConfigPublisher publisher = new TaskConfigPublisher(forwarder, "HmacSHA256", "w");
        CompletableFuture<Throwable> first = new CompletableFuture<>();
        CompletableFuture<Throwable> second = new CompletableFuture<>();
        publisher.publish(url, "a", List.of(), null, (error, result) -> first.complete(error));
        publisher.publish(url, "b", List.of(), null, (error, result) -> second.complete(error));
        Thread.sleep(300); // the first is in flight, the second queued behind it
        publisher.close();
        try {
            assertNotNull(first.get(5, TimeUnit.SECONDS), "in-flight publish fails");
            assertNotNull(second.get(2, TimeUnit.SECONDS), "queued publish must fail too, not be dropped");
        } finally {
            release.countDown();
            forwarder.close();
            leader.stop(0);
        }
    }
}
