package org.apache.kafka.connect.runtime.isolation;

import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.common.config.provider.FileConfigProvider;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.storage.StringConverter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The components on the worker class path (Connect API converters, kafka-clients config providers) are plugins.
 * Scanning the whole test class path is the slow part, so it is done once.
 */
class BuiltInPluginsTest {

    private static Plugins plugins;

    @BeforeAll
    static void discoverWithDefaults() {
        plugins = new Plugins(Map.of());
    }

    @Test
    void classpathComponentsAreDiscoveredWithTheirVersions() {
        PluginDesc<?> stringConverter = find(PluginType.CONVERTER, StringConverter.class.getName());
        assertEquals("classpath", stringConverter.location());
        assertEquals(AppInfoParser.getVersion(), stringConverter.version());
        assertSame(StringConverter.class, stringConverter.pluginClass());
        find(PluginType.HEADER_CONVERTER, StringConverter.class.getName());
        PluginDesc<?> fileProvider = find(PluginType.CONFIG_PROVIDER, FileConfigProvider.class.getName());
        assertEquals("undefined", fileProvider.version(), "config providers are not Versioned");

        assertInstanceOf(FileConfigProvider.class, plugins.newPlugin("File", ConfigProvider.class));
        assertInstanceOf(StringConverter.class, plugins.newPlugin("String", HeaderConverter.class, "latest"));
        assertSame(plugins.delegatingLoader(), plugins.pluginLoader(StringConverter.class.getName()),
                "class path plugins run with the delegating loader as context loader");
    }

    private static PluginDesc<?> find(PluginType type, String className) {
        return plugins.plugins(type).stream()
                .filter(p -> p.className().equals(className))
                .findFirst()
                .orElseThrow(() -> new AssertionError(className + " is not a discovered " + type + " plugin"));
    }

    @Test
    void everyDiscoveredPluginHasTheKindItIsListedUnder() {
        for (PluginType type : PluginType.values()) {
            for (PluginDesc<?> plugin : plugins.plugins(type)) {
                assertTrue(type.superClass().isAssignableFrom(plugin.pluginClass()), plugin.toString());
                assertEquals(type, plugin.type());
            }
        }
    }
}
