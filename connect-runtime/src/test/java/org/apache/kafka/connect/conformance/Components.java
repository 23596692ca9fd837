package org.apache.kafka.connect.conformance;

import java.lang.reflect.InvocationTargetException;

/**
 * Finds and instantiates components by the Apache class name a case gives. Our classes have the very same
 * names, so the name is looked up as is on the test class path.
 */
final class Components {

    private Components() {
    }

    /**
     * Loads a component class. A missing or unexpected class is a problem of the build or of the harness, not
     * an outcome of the case, so it is reported as an {@link IllegalStateException} outside any phase.
     */
    static <T> Class<? extends T> load(String className, Class<T> expectedType) {
        if (className == null) {
            throw new IllegalStateException("The case names no component class");
        }
        Class<?> type;
        try {
            type = Class.forName(className, false, Components.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Component class not found on the class path: " + className, e);
        }
        if (!expectedType.isAssignableFrom(type)) {
            throw new IllegalStateException(className + " is not a " + expectedType.getName());
        }
        return type.asSubclass(expectedType);
    }

    /** Calls the public no-argument constructor; an exception it throws is rethrown unwrapped. */
    static <T> T instantiate(Class<T> type) throws Exception {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            throw e;
        }
    }
}
