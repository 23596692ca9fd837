package org.apache.kafka.connect.runtime.isolation;

/**
 * Makes a class loader the current thread's context class loader until closed, then restores the previous one:
 * {@code try (LoaderSwap swap = plugins.withClassLoader(loader)) { ... }}. Plugins rely on the context loader
 * being their own (e.g. for {@link java.util.ServiceLoader} lookups), so the worker swaps it around every call
 * into a plugin.
 */
public final class LoaderSwap implements AutoCloseable {

    private final Thread thread;
    private final ClassLoader previous;

    private LoaderSwap(Thread thread, ClassLoader previous) {
        this.thread = thread;
        this.previous = previous;
    }

    /** Sets {@code loader} as the calling thread's context class loader. */
    public static LoaderSwap swap(ClassLoader loader) {
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        if (previous != loader) {
            current.setContextClassLoader(loader);
        }
        return new LoaderSwap(current, previous);
    }

    /** The context class loader that {@link #close()} restores. */
    public ClassLoader previousLoader() {
        return previous;
    }

    /** Restores the previous context class loader; must be called on the thread that swapped. */
    @Override
    public void close() {
        if (thread.getContextClassLoader() != previous) {
            thread.setContextClassLoader(previous);
        }
    }
}
