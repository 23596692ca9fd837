package org.apache.kafka.common.utils;

/**
 * Keeps plugins built against kafka-clients 4.3 and earlier working: their {@code version()} typically returns
 * {@code AppInfoParser.getVersion()}, and kafka-clients 4.4 moved that class to
 * {@code org.apache.kafka.common.utils.internals}. Static methods resolve through the superclass, so this empty
 * subclass links every old call site ({@code getVersion}, {@code getCommitId}, {@code registerAppInfo},
 * {@code unregisterAppInfo}) to the moved implementation. It reports the worker's Kafka version, as the old class
 * did when a plugin ran on a worker.
 */
public class AppInfoParser extends org.apache.kafka.common.utils.internals.AppInfoParser {
}
