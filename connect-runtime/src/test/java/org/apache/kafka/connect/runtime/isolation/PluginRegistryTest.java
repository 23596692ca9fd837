package org.apache.kafka.connect.runtime.isolation;

import org.apache.maven.artifact.versioning.InvalidVersionSpecificationException;
import org.apache.maven.artifact.versioning.VersionRange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Choosing among installed copies of one class (KIP-891 version ranges, preferred locations). */
class PluginRegistryTest {

    public static class ThingConverter { }

    private final PluginClassLoader locationA = PluginDescTest.location("file:/plugins/a/");
    private final PluginClassLoader locationB = PluginDescTest.location("file:/plugins/b/");
    private final PluginClassLoader locationC = PluginDescTest.location("file:/plugins/c/");
    private final PluginDesc<?> v1 = copy("1.0", locationA);
    private final PluginDesc<?> v2 = copy("2.0", locationB);
    private final PluginDesc<?> v15 = copy("1.5", locationC);
    private final PluginRegistry registry = new PluginRegistry(new PluginScanResult(List.of(v2, v1, v15,
            new PluginDesc<>(ThingConverter.class, "2.0", PluginType.HEADER_CONVERTER, locationB))));
    private final String name = ThingConverter.class.getName();

    private static PluginDesc<?> copy(String version, ClassLoader loader) {
        return new PluginDesc<>(ThingConverter.class, version, PluginType.CONVERTER, loader);
    }

    private static VersionRange range(String spec) throws InvalidVersionSpecificationException {
        return PluginVersionRequirement.parse(spec);
    }

    @Test
    void withoutRequirementsTheHighestVersionIsUsed() {
        assertSame(v2, registry.latest(name));
        assertSame(v2, registry.select(name, null, null));
        assertEquals(List.of(v1, v15, v2), List.copyOf(registry.copies(name)), "one copy per location");
    }

    @Test
    void aRangeSelectsTheHighestCopyInIt() throws Exception {
        assertSame(v15, registry.select(name, range("[1.0,2.0)"), null));
        assertSame(v1, registry.select(name, range("1.0"), null));
        assertSame(v2, registry.select(name, range("latest"), null));
        assertSame(v15, registry.select(name, range("(,1.5]"), null));
    }

    @Test
    void aPreferredLoaderWinsWhenItsCopyIsInRange() throws Exception {
        assertSame(v1, registry.select(name, null, locationA));
        assertSame(v1, registry.select(name, range("[1.0,2.0)"), locationA));
        assertSame(v2, registry.select(name, range("[1.5,)"), locationA), "its copy is out of range");
    }

    @Test
    void noCopyInRangeIsAnError() throws Exception {
        VersionedPluginLoadingException e = assertThrows(VersionedPluginLoadingException.class,
                () -> registry.select(name, range("[3.0,)"), null));
        assertEquals("Plugin " + name + " not found that matches the version range [3.0,), "
                + "available versions: [1.0, 1.5, 2.0]", e.getMessage());
    }

    @Test
    void unknownClassesAreNotSelected() throws Exception {
        assertNull(registry.select("com.example.Unknown", range("[1.0]"), null));
        assertNull(registry.latest("com.example.Unknown"));
        assertEquals("com.example.Unknown", registry.resolve("com.example.Unknown"));
        assertEquals(name, registry.resolve("Thing"));
    }
}
