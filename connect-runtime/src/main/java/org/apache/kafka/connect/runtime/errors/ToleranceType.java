package org.apache.kafka.connect.runtime.errors;

import org.apache.kafka.common.config.ConfigException;

import java.util.Locale;

/**
 * The values of {@code errors.tolerance}: how many record failures a task accepts before it fails.
 */
public enum ToleranceType {

    /** The first failure of any record fails the task. */
    NONE,

    /** Failed records are skipped; the task never fails because of them. */
    ALL;

    /** The name used in configurations: {@code none} or {@code all}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a configured value, ignoring case.
     *
     * @throws ConfigException if the value is neither {@code none} nor {@code all}
     */
    public static ToleranceType forConfigValue(String value) {
        for (ToleranceType type : values()) {
            if (type.value().equalsIgnoreCase(value)) {
                return type;
            }
        }
        throw new ConfigException("errors.tolerance", value, "Must be one of: none, all");
    }
}
