package org.apache.kafka.common.utils;

/** Bridge for plugins linked against kafka-clients 4.3 and earlier, which had this class here; see {@link AppInfoParser}. */
public class KafkaThread extends org.apache.kafka.common.utils.internals.KafkaThread {

    public KafkaThread(String name, boolean daemon) {
        super(name, daemon);
    }

    public KafkaThread(String name, Runnable runnable, boolean daemon) {
        super(name, runnable, daemon);
    }
}
