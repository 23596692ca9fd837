package org.apache.kafka.connect.runtime.isolation;

import org.apache.maven.artifact.versioning.DefaultArtifactVersion;
import org.apache.maven.artifact.versioning.InvalidVersionSpecificationException;
import org.apache.maven.artifact.versioning.VersionRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PluginVersionRequirementTest {

    @Test
    void unsetBlankOrLatestMeansAnyVersion() throws Exception {
        assertNull(PluginVersionRequirement.parse(null));
        assertNull(PluginVersionRequirement.parse(""));
        assertNull(PluginVersionRequirement.parse("  "));
        assertNull(PluginVersionRequirement.parse("latest"));
    }

    @Test
    void aBareVersionMeansExactlyThatVersion() throws Exception {
        VersionRange range = PluginVersionRequirement.parse("1.2.3");
        assertEquals("[1.2.3,1.2.3]", range.toString());
        assertTrue(range.containsVersion(new DefaultArtifactVersion("1.2.3")));
        assertFalse(range.containsVersion(new DefaultArtifactVersion("1.2.4")));
        assertEquals("[LATEST,LATEST]", PluginVersionRequirement.parse("LATEST").toString(), "case matters");
    }

    @Test
    void rangesAreUsedAsGiven() throws Exception {
        VersionRange range = PluginVersionRequirement.parse("[1.0,2.0)");
        assertTrue(range.containsVersion(new DefaultArtifactVersion("1.9.9")));
        assertFalse(range.containsVersion(new DefaultArtifactVersion("2.0")));
        assertEquals("(,2.0]", PluginVersionRequirement.parse(" (,2.0] ").toString());
        assertEquals("[1.0,2.0),[3.0,)", PluginVersionRequirement.parse("[1.0,2.0),[3.0,)").toString());
    }

    @Test
    void malformedRangesAreRejected() {
        InvalidVersionSpecificationException e = assertThrows(InvalidVersionSpecificationException.class,
                () -> PluginVersionRequirement.parse("[1.0"));
        assertEquals("Unbounded range: [1.0", e.getMessage());
        assertThrows(InvalidVersionSpecificationException.class, () -> PluginVersionRequirement.parse("[2.0,1.0]"));
    }
}
