package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;

/**
 * Checks that a CLASS config names a plugin the worker can create: a concrete class implementing the plugin's
 * interface, with a public no-argument constructor. Messages as in Apache Connect, e.g.
 * {@code Class class java.lang.String does not implement the Converter interface}.
 */
final class PluginClassValidator implements ConfigDef.Validator {

    private final Class<?> pluginInterface;

    PluginClassValidator(Class<?> pluginInterface) {
        this.pluginInterface = pluginInterface;
    }

    @Override
    public void ensureValid(String name, Object value) {
        if (value != null) {
            check((Class<?>) value, pluginInterface, "");
        }
    }

    /**
     * @param abstractHint appended to the message for an abstract class, e.g. a list of its concrete subclasses
     * @throws ConfigException if {@code klass} cannot be used as a plugin of that interface
     */
    static void check(Class<?> klass, Class<?> pluginInterface, String abstractHint) {
        if (!pluginInterface.isAssignableFrom(klass)) {
            throw new ConfigException("Class " + klass + " does not implement the " + pluginInterface.getSimpleName()
                    + " interface");
        }
        if (klass.isInterface() || Modifier.isAbstract(klass.getModifiers())) {
            throw new ConfigException("This class is abstract and cannot be created." + abstractHint);
        }
        try {
            Constructor<?> constructor = klass.getConstructor();
            if (!Modifier.isPublic(klass.getModifiers()) || !Modifier.isPublic(constructor.getModifiers())) {
                throw new NoSuchMethodException();
            }
        } catch (NoSuchMethodException e) {
            throw new ConfigException("Could not find a public no-argument constructor for " + klass.getName());
        }
    }

    @Override
    public String toString() {
        return "A concrete subclass of " + pluginInterface.getName() + ", A class with a public, no-argument "
                + "constructor";
    }
}
