package org.apache.kafka.connect.runtime;

import org.apache.kafka.connect.runtime.isolation.PluginClassLoader;
import org.apache.kafka.connect.runtime.isolation.Plugins;

/**
 * Which class loader to make current while calling into a plugin instance: the loader of its plugin location, or,
 * for a class on the worker class path, the delegating loader (so that it can find plugins by name).
 */
final class PluginLoaders {

    private PluginLoaders() {
    }

    static ClassLoader loaderOf(Plugins plugins, Class<?> pluginClass) {
        ClassLoader loader = pluginClass.getClassLoader();
        return loader instanceof PluginClassLoader ? loader : plugins.delegatingLoader();
    }
}
