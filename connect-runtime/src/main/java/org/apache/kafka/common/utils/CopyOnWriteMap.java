package org.apache.kafka.common.utils;

/** Bridge for plugins linked against kafka-clients 4.3 and earlier, which had this class here; see {@link AppInfoParser}. */
public class CopyOnWriteMap<K, V> extends org.apache.kafka.common.utils.internals.CopyOnWriteMap<K, V> {

    public CopyOnWriteMap() {
        super();
    }

    public CopyOnWriteMap(java.util.Map<K, V> map) {
        super(map);
    }
}
