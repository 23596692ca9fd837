package org.apache.kafka.connect.runtime.rest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

import jakarta.ws.rs.core.Configurable;
import jakarta.ws.rs.core.Configuration;

/**
 * The JAX-RS {@link Configurable} handed to REST extensions: it passes registrations on to the REST server's
 * resource config, but refuses (with a warning) a class or instance that is already registered there, so an
 * extension cannot replace or double a component of the worker or of another extension.
 */
final class DuplicateRefusingConfigurable implements Configurable<DuplicateRefusingConfigurable> {

    private static final Logger log = LoggerFactory.getLogger(DuplicateRefusingConfigurable.class);

    private final Configurable<?> delegate;

    DuplicateRefusingConfigurable(Configurable<?> delegate) {
        this.delegate = delegate;
    }

    @Override
    public Configuration getConfiguration() {
        return delegate.getConfiguration();
    }

    @Override
    public DuplicateRefusingConfigurable property(String name, Object value) {
        delegate.property(name, value);
        return this;
    }

    @Override
    public DuplicateRefusingConfigurable register(Class<?> componentClass) {
        if (allowed(componentClass)) {
            delegate.register(componentClass);
        }
        return this;
    }

    @Override
    public DuplicateRefusingConfigurable register(Class<?> componentClass, int priority) {
        if (allowed(componentClass)) {
            delegate.register(componentClass, priority);
        }
        return this;
    }

    @Override
    public DuplicateRefusingConfigurable register(Class<?> componentClass, Class<?>... contracts) {
        if (allowed(componentClass)) {
            delegate.register(componentClass, contracts);
        }
        return this;
    }

    @Override
    public DuplicateRefusingConfigurable register(Class<?> componentClass, Map<Class<?>, Integer> contracts) {
        if (allowed(componentClass)) {
            delegate.register(componentClass, contracts);
        }
        return this;
    }

    @Override
    public DuplicateRefusingConfigurable register(Object component) {
        if (allowed(component)) {
            delegate.register(component);
        }
        return this;
    }

    @Override
    public DuplicateRefusingConfigurable register(Object component, int priority) {
        if (allowed(component)) {
            delegate.register(component, priority);
        }
        return this;
    }

    @Override
    public DuplicateRefusingConfigurable register(Object component, Class<?>... contracts) {
        if (allowed(component)) {
            delegate.register(component, contracts);
        }
        return this;
    }

    @Override
    public DuplicateRefusingConfigurable register(Object component, Map<Class<?>, Integer> contracts) {
        if (allowed(component)) {
            delegate.register(component, contracts);
        }
        return this;
    }

    private boolean allowed(Class<?> componentClass) {
        if (delegate.getConfiguration().isRegistered(componentClass)) {
            log.warn("The component class {} is already registered", componentClass.getName());
            return false;
        }
        return true;
    }

    private boolean allowed(Object component) {
        Configuration configuration = delegate.getConfiguration();
        // An instance is also refused when its class is registered (as a class or through another instance).
        if (configuration.isRegistered(component) || configuration.isRegistered(component.getClass())) {
            log.warn("The component {} is already registered", component);
            return false;
        }
        return true;
    }
}
