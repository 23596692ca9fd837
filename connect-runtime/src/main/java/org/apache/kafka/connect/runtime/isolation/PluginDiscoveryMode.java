package org.apache.kafka.connect.runtime.isolation;

import org.apache.kafka.common.config.ConfigException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the worker finds plugins ({@code plugin.discovery}, KIP-898): by scanning class files, by reading
 * {@code META-INF/services} manifests, or by scanning and checking the manifests against the scan.
 */
public enum PluginDiscoveryMode {
    /** Scan class files only; manifests are ignored. */
    ONLY_SCAN,
    /** Scan class files and log a warning listing the plugins that have no manifest (the default). */
    HYBRID_WARN,
    /** Scan class files and refuse to start if any plugin has no manifest. */
    HYBRID_FAIL,
    /** Read manifests only; plugins without one are not found. The fastest mode. */
    SERVICE_LOAD;

    public static final String CONFIG = "plugin.discovery";
    public static final PluginDiscoveryMode DEFAULT = HYBRID_WARN;

    /** True if this mode scans class files (every mode except {@link #SERVICE_LOAD}). */
    public boolean scansClassFiles() {
        return this != SERVICE_LOAD;
    }

    /** True if this mode reads {@code META-INF/services} manifests. */
    public boolean readsManifests() {
        return this != ONLY_SCAN;
    }

    /**
     * Parses a {@code plugin.discovery} value, ignoring case and surrounding blanks; null or blank gives the default.
     *
     * @throws ConfigException for any other value
     */
    public static PluginDiscoveryMode parse(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String valid = Arrays.stream(values()).map(PluginDiscoveryMode::toString).collect(Collectors.joining(", "));
            throw new ConfigException(CONFIG, value, "Must be one of: " + valid);
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
