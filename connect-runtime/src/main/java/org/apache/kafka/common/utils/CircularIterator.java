package org.apache.kafka.common.utils;

/** Bridge for plugins linked against kafka-clients 4.3 and earlier, which had this class here; see {@link AppInfoParser}. */
public class CircularIterator<T> extends org.apache.kafka.common.utils.internals.CircularIterator<T> {

    public CircularIterator(java.util.Collection<T> collection) {
        super(collection);
    }
}
