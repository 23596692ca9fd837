package org.apache.kafka.connect.integration;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * One distributed worker as a separate JVM, started the way an operator does it: {@code bin/connect-distributed.sh
 * worker.properties}. The test classes directory goes on its {@code CLASSPATH}, so the test connectors are plugins
 * there too. Needs the packaged build ({@code <module>/target/*.jar} and {@code connect-runtime/target/lib}), hence
 * only run by Failsafe after {@code package}.
 *
 * <p>The launch scripts {@code exec} the JVM, so the process started here <em>is</em> the worker JVM: {@link #kill()}
 * is a SIGKILL of the worker itself (checked through its exit status), {@link #stop()} a SIGTERM.
 */
final class ConnectDistributedProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);
    private static final int SIGKILL_EXIT_STATUS = 128 + 9;

    private final Path workDir;
    private final Map<String, String> workerProps;
    private final int port;
    private Process process;

    /**
     * @param workDir     the worker's directory under {@code target/}: its properties file, console output and logs
     * @param workerProps the worker properties, without {@code listeners} (a free loopback port is chosen)
     */
    ConnectDistributedProcess(Path workDir, Map<String, String> workerProps) {
        this.workDir = workDir;
        this.workerProps = workerProps;
        this.port = freePort();
    }

    /** The project checkout: Maven runs the tests in the module directory, whose parent holds {@code bin/}. */
    static Path projectRoot() {
        Path moduleDir = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        for (Path dir = moduleDir; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("bin/connect-distributed.sh"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No bin/connect-distributed.sh in " + moduleDir + " or above");
    }

    /** Starts the worker and returns once its REST API answers; fails with the end of its output if it dies. */
    ConnectDistributedProcess start() {
        if (isAlive()) {
            throw new IllegalStateException("The worker at " + restUrl() + " is already running");
        }
        try {
            Files.createDirectories(workDir.resolve("logs"));
            Path propsFile = workDir.resolve("worker.properties");
            writeProperties(propsFile);
            ProcessBuilder builder = new ProcessBuilder(
                    projectRoot().resolve("bin/connect-distributed.sh").toString(), propsFile.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleFile().toFile()));
            Map<String, String> env = builder.environment();
            env.put("CLASSPATH", testClassesDir().toString());
            env.put("LOG_DIR", workDir.resolve("logs").toString());
            env.put("KAFKA_HEAP_OPTS", "-Xms64m -Xmx512m");
            env.remove("KAFKA_OPTS");
            env.remove("JMX_PORT");
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start a worker in " + workDir, e);
        }
        awaitRestApi();
        String command = process.info().command().orElse("");
        if (!command.endsWith("/java")) {
            throw new IllegalStateException("The started process (" + command + ") is not the worker JVM: the launch "
                    + "scripts must exec java, or kill() would not reach the worker");
        }
        return this;
    }

    /** SIGKILL: the worker gets no chance to leave the group, commit offsets or flush anything. */
    void kill() {
        process.destroyForcibly();
        int status = waitFor(STOP_TIMEOUT);
        if (status != SIGKILL_EXIT_STATUS) {
            throw new IllegalStateException("The worker at " + restUrl() + " ended with " + status
                    + " rather than by SIGKILL (" + SIGKILL_EXIT_STATUS + ")");
        }
    }

    /** SIGTERM, then waits until the worker has shut down (it leaves the group and stops its tasks first). */
    void stop() {
        process.destroy();
        try {
            waitFor(STOP_TIMEOUT);
        } catch (IllegalStateException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    URI restUrl() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    ConnectRestClient rest() {
        return new ConnectRestClient(restUrl());
    }

    /** The id the worker reports in statuses: host and port of its advertised URL. */
    String workerId() {
        return "127.0.0.1:" + port;
    }

    /** The last lines of the worker's console output, for failure messages. */
    String consoleTail() {
        try {
            List<String> lines = Files.exists(consoleFile())
                    ? Files.readAllLines(consoleFile(), StandardCharsets.UTF_8) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "<" + consoleFile() + " unreadable: " + e + ">";
        }
    }

    @Override
    public void close() {
        if (isAlive()) {
            stop();
        }
    }

    private void writeProperties(Path propsFile) throws IOException {
        Properties props = new Properties();
        props.putAll(workerProps);
        props.put("listeners", "http://127.0.0.1:" + port);
        try (OutputStream out = Files.newOutputStream(propsFile)) {
            props.store(out, "distributed worker started by " + ConnectDistributedProcess.class.getSimpleName());
        }
    }

    private void awaitRestApi() {
        ConnectRestClient rest = rest();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The worker in " + workDir + " exited with " + process.exitValue()
                        + " during start-up; its output ends with:\n" + consoleTail());
            }
            try {
                if (rest.get("/connectors").status() == 200) {
                    return;
                }
            } catch (UncheckedIOException e) {
                // Not listening yet.
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The worker in " + workDir + " did not serve its REST API within "
                        + START_TIMEOUT.toSeconds() + " s; its output ends with:\n" + consoleTail());
            }
            sleep(200);
        }
    }

    private int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("The worker at " + restUrl() + " did not end within "
                        + timeout.toSeconds() + " s");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the worker at " + restUrl(), e);
        }
    }

    private Path consoleFile() {
        return workDir.resolve("console.out");
    }

    /** Where this class was loaded from: the test classes directory with every test plugin. */
    private static Path testClassesDir() {
        try {
            return Path.of(ConnectDistributedProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
