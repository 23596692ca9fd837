package org.apache.kafka.connect.runtime.isolation;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Alias derivation works on names and kinds only, so plain nested classes stand in for plugins here. */
class PluginAliasesTest {

    public static class SampleSinkConnector { }
    public static class JsonLikeConverter { }
    public static class FooConverterBar { }
    public static class XConverterConverter { }
    public static class ConverterX { }
    public static class FooHeaderConverter { }
    public static class DualConverter { }
    public static class SampleConnector { }
    public static class SampleConverter { }
    public static class FileConfigProvider { }

    public static class First {
        public static class Key { }
    }

    public static class Second {
        public static class Key { }
    }

    private static PluginDesc<?> desc(Class<?> klass, PluginType type) {
        return new PluginDesc<>(klass, "1.0", type, PluginAliasesTest.class.getClassLoader());
    }

    private static String prunedName(Class<?> klass, PluginType type) {
        return PluginAliases.prunedName(desc(klass, type));
    }

    @Test
    void cutsTheKindSuffixAtItsLastOccurrenceUnlessItStartsTheName() {
        assertEquals("SampleSink", prunedName(SampleSinkConnector.class, PluginType.SINK));
        assertEquals("JsonLike", prunedName(JsonLikeConverter.class, PluginType.CONVERTER));
        assertEquals("Foo", prunedName(FooConverterBar.class, PluginType.CONVERTER));
        assertEquals("XConverter", prunedName(XConverterConverter.class, PluginType.CONVERTER));
        assertEquals("ConverterX", prunedName(ConverterX.class, PluginType.CONVERTER));
        assertEquals("File", prunedName(FileConfigProvider.class, PluginType.CONFIG_PROVIDER));
    }

    @Test
    void theSuffixDependsOnTheKind() {
        assertEquals("Foo", prunedName(FooHeaderConverter.class, PluginType.HEADER_CONVERTER));
        assertEquals("FooHeader", prunedName(FooHeaderConverter.class, PluginType.CONVERTER));
        assertEquals("FooHeaderConverter", prunedName(FooHeaderConverter.class, PluginType.SOURCE));
        assertEquals("JsonLikeConverter", prunedName(JsonLikeConverter.class, PluginType.TRANSFORMATION));
    }

    @Test
    void mapsSimpleAndPrunedNamesToTheFullClassName() {
        Map<String, String> aliases = PluginAliases.compute(List.of(
                desc(SampleSinkConnector.class, PluginType.SINK),
                desc(JsonLikeConverter.class, PluginType.CONVERTER),
                desc(JsonLikeConverter.class, PluginType.HEADER_CONVERTER)));
        assertEquals(Map.of(
                "SampleSinkConnector", SampleSinkConnector.class.getName(),
                "SampleSink", SampleSinkConnector.class.getName(),
                "JsonLikeConverter", JsonLikeConverter.class.getName(),
                "JsonLike", JsonLikeConverter.class.getName()), aliases);
    }

    @Test
    void dropsAliasesThatWouldNameTwoClasses() {
        Map<String, String> aliases = PluginAliases.compute(List.of(
                desc(First.Key.class, PluginType.TRANSFORMATION),
                desc(Second.Key.class, PluginType.TRANSFORMATION),
                desc(SampleConnector.class, PluginType.SOURCE),
                desc(SampleConverter.class, PluginType.CONVERTER),
                desc(DualConverter.class, PluginType.CONVERTER),
                desc(DualConverter.class, PluginType.HEADER_CONVERTER)));
        assertFalse(aliases.containsKey("Key"), "simple names of nested classes collide");
        assertFalse(aliases.containsKey("Sample"), "a connector and a converter share the pruned name");
        assertEquals(SampleConnector.class.getName(), aliases.get("SampleConnector"));
        assertEquals(SampleConverter.class.getName(), aliases.get("SampleConverter"));
        assertEquals(DualConverter.class.getName(), aliases.get("Dual"), "one class under two kinds is no conflict");
    }

    @Test
    void severalVersionsOfOneClassShareItsAliases() {
        PluginDesc<?> v1 = new PluginDesc<>(SampleConnector.class, "1.0", PluginType.SOURCE,
                PluginDescTest.location("file:/plugins/one/"));
        PluginDesc<?> v2 = new PluginDesc<>(SampleConnector.class, "2.0", PluginType.SOURCE,
                PluginDescTest.location("file:/plugins/two/"));
        assertEquals(SampleConnector.class.getName(), PluginAliases.compute(List.of(v1, v2)).get("Sample"));
    }
}
