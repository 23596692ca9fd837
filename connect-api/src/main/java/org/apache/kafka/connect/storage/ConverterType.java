package org.apache.kafka.connect.storage;

import org.apache.kafka.common.annotation.InterfaceAudience;

/**
 * What a converter is used for: record keys, record values or headers.
 */
@InterfaceAudience.Public
public enum ConverterType {
    KEY("key"),
    VALUE("value"),
    HEADER("header");

    private final String name;

    ConverterType(String name) {
        this.name = name;
    }

    /**
     * @return the type whose name equals {@code name} ignoring case, or null if there is none (or it is null)
     */
    public static ConverterType withName(String name) {
        if (name == null) {
            return null;
        }
        for (ConverterType type : values()) {
            if (type.name.equalsIgnoreCase(name)) {
                return type;
            }
        }
        return null;
    }

    /**
     * @return the lower-case name used as the value of {@code converter.type}
     */
    public String getName() {
        return name;
    }
}
