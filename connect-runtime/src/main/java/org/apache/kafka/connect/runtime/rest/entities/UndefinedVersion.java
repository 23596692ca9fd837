package org.apache.kafka.connect.runtime.rest.entities;

/**
 * Jackson value filter that leaves out a plugin version equal to {@code undefined} (a plugin that reports no version);
 * Jackson calls {@code equals} with the property value and omits the property when it returns true.
 */
public final class UndefinedVersion {

    public static final String UNDEFINED = "undefined";

    @Override
    public boolean equals(Object value) {
        return UNDEFINED.equals(value);
    }

    @Override
    public int hashCode() {
        return UNDEFINED.hashCode();
    }
}
