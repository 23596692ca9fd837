package org.apache.kafka.connect.runtime.isolation;

import org.apache.maven.artifact.versioning.InvalidVersionSpecificationException;
import org.apache.maven.artifact.versioning.VersionRange;

/**
 * Parses the version requirements of KIP-891 ({@code connector.plugin.version}, {@code *.plugin.version}, the REST
 * {@code ?version=} parameter): unset, blank or {@code latest} means "the highest installed version"; a Maven
 * range such as {@code [1.0,2.0)} or {@code (,2.0]} is used as is; a bare version {@code 1.2.3} means exactly
 * {@code [1.2.3]}. Maven's soft requirements are never used.
 */
public final class PluginVersionRequirement {

    /** The value that asks for the highest installed version, like an unset requirement. */
    public static final String LATEST = "latest";

    private PluginVersionRequirement() {
    }

    /**
     * @param spec a version requirement, may be null
     * @return the range, or null if any version will do
     * @throws InvalidVersionSpecificationException if {@code spec} is not a valid Maven version range
     */
    public static VersionRange parse(String spec) throws InvalidVersionSpecificationException {
        if (spec == null || spec.isBlank() || spec.trim().equals(LATEST)) {
            return null;
        }
        String trimmed = spec.trim();
        boolean isRange = trimmed.startsWith("[") || trimmed.startsWith("(");
        return VersionRange.createFromVersionSpec(isRange ? trimmed : "[" + trimmed + "]");
    }
}
