package org.apache.kafka.common.utils;

/** Bridge for plugins linked against kafka-clients 4.3 and earlier, which had this class here; see {@link AppInfoParser}. */
public abstract class AbstractIterator<T> extends org.apache.kafka.common.utils.internals.AbstractIterator<T> {
}
