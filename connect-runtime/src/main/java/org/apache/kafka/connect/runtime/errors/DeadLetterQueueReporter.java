package org.apache.kafka.connect.runtime.errors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Writes each failed record of a sink task, as the raw bytes it was consumed with, to the dead letter queue topic
 * ({@code errors.deadletterqueue.topic.name}), optionally with {@code __connect.errors.*} headers that say where it
 * came from and why it failed.
 * <p>
 * A failed write is logged and counted in {@code deadletterqueue-produce-failures} but never fails the task.
 * {@link #report} runs on the thread that processed the record; the send callbacks run on the producer's I/O thread.
 * The reporter owns its producer and closes it.
 */
public class DeadLetterQueueReporter implements ErrorReporter<ConsumerRecord<byte[], byte[]>> {

    public static final String HEADER_PREFIX = "__connect.errors.";
    public static final String ERROR_HEADER_ORIG_TOPIC = HEADER_PREFIX + "topic";
    public static final String ERROR_HEADER_ORIG_PARTITION = HEADER_PREFIX + "partition";
    public static final String ERROR_HEADER_ORIG_OFFSET = HEADER_PREFIX + "offset";
    public static final String ERROR_HEADER_CONNECTOR_NAME = HEADER_PREFIX + "connector.name";
    public static final String ERROR_HEADER_TASK_ID = HEADER_PREFIX + "task.id";
    public static final String ERROR_HEADER_STAGE = HEADER_PREFIX + "stage";
    public static final String ERROR_HEADER_EXECUTING_CLASS = HEADER_PREFIX + "class.name";
    public static final String ERROR_HEADER_EXCEPTION = HEADER_PREFIX + "exception.class.name";
    public static final String ERROR_HEADER_EXCEPTION_MESSAGE = HEADER_PREFIX + "exception.message";
    public static final String ERROR_HEADER_EXCEPTION_STACK_TRACE = HEADER_PREFIX + "exception.stacktrace";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterQueueReporter.class);

    private final Producer<byte[], byte[]> producer;
    private final ConnectorTaskId id;
    private final String topic;
    private final boolean contextHeadersEnabled;
    private final ErrorHandlingMetrics metrics;

    DeadLetterQueueReporter(Producer<byte[], byte[]> producer, ConnectorTaskId id, String topic,
                            boolean contextHeadersEnabled, ErrorHandlingMetrics metrics) {
        this.producer = producer;
        this.id = id;
        this.topic = topic;
        this.contextHeadersEnabled = contextHeadersEnabled;
        this.metrics = metrics;
    }

    /**
     * Prepares the dead letter queue of a starting sink task: creates {@code topic} with one partition and
     * {@code replicationFactor} replicas if it does not exist yet, then returns a reporter writing to it.
     *
     * @param admin    used only here; the caller keeps and closes it
     * @param producer the DLQ producer ({@code connector-dlq-producer-<connector>-<n>}); the reporter closes it
     * @throws ConnectException if the topic is missing and cannot be created
     */
    public static DeadLetterQueueReporter create(Admin admin, Producer<byte[], byte[]> producer, ConnectorTaskId id,
                                                 String topic, short replicationFactor,
                                                 boolean contextHeadersEnabled, ErrorHandlingMetrics metrics) {
        createTopicIfAbsent(admin, topic, replicationFactor);
        return new DeadLetterQueueReporter(producer, id, topic, contextHeadersEnabled, metrics);
    }

    private static void createTopicIfAbsent(Admin admin, String topic, short replicationFactor) {
        try {
            if (admin.listTopics().names().get().contains(topic)) {
                return;
            }
            admin.createTopics(List.of(new NewTopic(topic, 1, replicationFactor))).all().get();
            log.info("Created dead letter queue topic '{}' with 1 partition and replication factor {}",
                    topic, replicationFactor);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                // Another task of the same connector created it since we listed the topics.
                log.debug("Dead letter queue topic '{}' was created concurrently", topic);
                return;
            }
            throw new ConnectException("Could not create the dead letter queue topic '" + topic + "'", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while creating the dead letter queue topic '" + topic + "'", e);
        }
    }

    @Override
    public CompletableFuture<Void> report(ProcessingContext<ConsumerRecord<byte[], byte[]>> context) {
        if (!context.failed()) {
            return CompletableFuture.completedFuture(null);
        }
        ProducerRecord<byte[], byte[]> record = deadLetterRecord(context);
        CompletableFuture<Void> result = new CompletableFuture<>();
        metrics.recordDeadLetterQueueProduceRequest();
        try {
            producer.send(record, (metadata, exception) -> {
                if (exception == null) {
                    result.complete(null);
                } else {
                    onSendFailure(exception);
                    result.completeExceptionally(exception);
                }
            });
        } catch (RuntimeException e) {
            // The producer may refuse synchronously (closed, buffer full for max.block.ms, ...).
            onSendFailure(e);
            result.completeExceptionally(e);
        }
        return result;
    }

    ProducerRecord<byte[], byte[]> deadLetterRecord(ProcessingContext<ConsumerRecord<byte[], byte[]>> context) {
        ConsumerRecord<byte[], byte[]> original = context.original();
        // A record without a timestamp (-1) gets none: the producer then stamps it with the send time.
        Long timestamp = original.timestamp() >= 0 ? original.timestamp() : null;
        // Copy, so that the consumed record stays as it was.
        Headers headers = new RecordHeaders(original.headers());
        if (contextHeadersEnabled) {
            addContextHeaders(headers, context);
        }
        return new ProducerRecord<>(topic, null, timestamp, original.key(), original.value(), headers);
    }

    private void addContextHeaders(Headers headers, ProcessingContext<ConsumerRecord<byte[], byte[]>> context) {
        ConsumerRecord<byte[], byte[]> original = context.original();
        Throwable error = context.error();
        Stage stage = context.stage();
        Class<?> executingClass = context.executingClass();
        headers.add(ERROR_HEADER_ORIG_TOPIC, utf8(original.topic()));
        headers.add(ERROR_HEADER_ORIG_PARTITION, utf8(Integer.toString(original.partition())));
        headers.add(ERROR_HEADER_ORIG_OFFSET, utf8(Long.toString(original.offset())));
        headers.add(ERROR_HEADER_CONNECTOR_NAME, utf8(id.connector()));
        headers.add(ERROR_HEADER_TASK_ID, utf8(Integer.toString(id.task())));
        headers.add(ERROR_HEADER_STAGE, utf8(stage == null ? null : stage.name()));
        headers.add(ERROR_HEADER_EXECUTING_CLASS, utf8(executingClass == null ? null : executingClass.getName()));
        headers.add(ERROR_HEADER_EXCEPTION, utf8(error.getClass().getName()));
        headers.add(ERROR_HEADER_EXCEPTION_MESSAGE, utf8(error.getMessage()));
        headers.add(ERROR_HEADER_EXCEPTION_STACK_TRACE, utf8(stackTrace(error)));
    }

    private void onSendFailure(Exception exception) {
        // The record itself stays out of the log: it may hold data that must not reach log files.
        log.error("Task {} could not write a failed record to the dead letter queue topic '{}'", id, topic,
                exception);
        metrics.recordDeadLetterQueueProduceFailed();
    }

    /**
     * Closes the producer, which first completes the sends in flight (each bounded by its
     * {@code delivery.timeout.ms}).
     */
    @Override
    public void close() {
        producer.close();
    }

    private static byte[] utf8(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    private static String stackTrace(Throwable error) {
        StringWriter text = new StringWriter();
        try (PrintWriter writer = new PrintWriter(text)) {
            error.printStackTrace(writer);
        }
        return text.toString();
    }
}
