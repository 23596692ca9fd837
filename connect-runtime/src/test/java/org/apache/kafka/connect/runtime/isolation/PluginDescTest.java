package org.apache.kafka.connect.runtime.isolation;

import org.junit.jupiter.api.Test;

import java.net.MalformedURLException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PluginDescTest {

    private static final ClassLoader CLASSPATH = PluginDescTest.class.getClassLoader();

    static PluginClassLoader location(String url) {
        try {
            return new PluginClassLoader(new URL(url), new URL[0], CLASSPATH, new PluginIsolationRule());
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static PluginDesc<Object> desc(Class<?> klass, String version, ClassLoader loader) {
        return new PluginDesc<>(klass, version, PluginType.CONVERTER, loader);
    }

    @Test
    void versionsSortTheMavenWay() {
        List<String> expected = List.of("undefined", "1.0-alpha", "1.0-rc1", "1.0-SNAPSHOT", "1.0", "1.0.1", "1.9",
                "1.10", "2", "4.3.1", "4.4.0-SNAPSHOT", "4.4.0", "10.0");
        List<PluginDesc<Object>> descs = new ArrayList<>();
        for (String version : expected) {
            descs.add(desc(String.class, version, location("file:/plugins/" + version + "/")));
        }
        Collections.shuffle(descs, new Random(42));
        Collections.sort(descs);
        assertEquals(expected, descs.stream().map(PluginDesc::version).toList());
    }

    @Test
    void onEqualVersionsTheClasspathCopyWinsThenTheGreatestLocation() {
        PluginDesc<Object> isolatedA = desc(String.class, "1.0", location("file:/plugins/a/"));
        PluginDesc<Object> isolatedB = desc(String.class, "1.0", location("file:/plugins/b.jar"));
        PluginDesc<Object> classpath = desc(String.class, "1.0", CLASSPATH);
        PluginDesc<Object> newerIsolated = desc(String.class, "1.1", location("file:/plugins/0/"));
        TreeSet<PluginDesc<Object>> sorted = new TreeSet<>(List.of(classpath, newerIsolated, isolatedB, isolatedA));
        assertEquals(List.of(isolatedA, isolatedB, classpath, newerIsolated), new ArrayList<>(sorted));
        sorted.remove(newerIsolated);
        assertSame(classpath, sorted.last());
    }

    @Test
    void descriptorsSortByClassNameFirst() {
        PluginDesc<Object> integerOld = desc(Integer.class, "1.0", CLASSPATH);
        PluginDesc<Object> stringNew = desc(String.class, "9.0", CLASSPATH);
        PluginDesc<Object> integerNew = desc(Integer.class, "2.0", CLASSPATH);
        assertEquals(List.of(integerOld, integerNew, stringNew),
                new ArrayList<>(new TreeSet<>(List.of(stringNew, integerNew, integerOld))));
    }

    @Test
    void reportsLocationVersionAndKind() {
        PluginClassLoader loader = location("file:/plugins/my-plugin/");
        PluginDesc<Object> isolated = desc(String.class, null, loader);
        assertEquals("undefined", isolated.version());
        assertEquals("file:/plugins/my-plugin/", isolated.location());
        assertFalse(isolated.isOnClasspath());
        assertSame(loader, isolated.loader());
        assertEquals("converter", isolated.typeName());
        assertEquals("java.lang.String", isolated.className());

        PluginDesc<Object> onClasspath = desc(String.class, "3.1", CLASSPATH);
        assertEquals("classpath", onClasspath.location());
        assertTrue(onClasspath.isOnClasspath());
        assertEquals("PluginDesc{klass=class java.lang.String, name='java.lang.String', version='3.1', "
                + "encodedVersion=3.1, type=converter, typeName='converter', location='classpath'}",
                onClasspath.toString());
    }

    @Test
    void equalityCoversClassVersionKindAndLocation() {
        PluginDesc<Object> one = desc(String.class, "1.0", CLASSPATH);
        assertEquals(one, desc(String.class, "1.0", CLASSPATH));
        assertEquals(one.hashCode(), desc(String.class, "1.0", CLASSPATH).hashCode());
        assertNotEquals(one, desc(String.class, "1.1", CLASSPATH));
        assertNotEquals(one, desc(String.class, "1.0", location("file:/plugins/a/")));
        assertNotEquals(one, new PluginDesc<>(String.class, "1.0", PluginType.HEADER_CONVERTER, CLASSPATH));
    }

    @Test
    void pluginTypesShowLowerCaseNamesAndTheirSupertypes() {
        assertEquals("header_converter", PluginType.HEADER_CONVERTER.toString());
        assertEquals("connector_client_config_override_policy",
                PluginType.CONNECTOR_CLIENT_CONFIG_OVERRIDE_POLICY.toString());
        assertEquals("org.apache.kafka.common.config.provider.ConfigProvider",
                PluginType.CONFIG_PROVIDER.superClass().getName());
        assertEquals("SinkConnector", PluginType.SINK.simpleName());
    }
}
