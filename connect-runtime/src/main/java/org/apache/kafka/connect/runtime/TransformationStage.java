package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.runtime.isolation.LoaderSwap;
import org.apache.kafka.connect.runtime.isolation.PluginDesc;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/**
 * One configured transformation of a task's chain, optionally guarded by a predicate: the transformation applies to
 * a record iff there is no predicate, or {@code predicate.test(record) != negate}; other records pass unchanged.
 * Every call into the transformation or predicate runs with that plugin's class loader as context loader.
 * <p>
 * Used by one task thread; {@link #close()} when the task ends. Plugin metrics are attached before the task thread
 * starts, which publishes them to it.
 */
public class TransformationStage<R extends ConnectRecord<R>> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TransformationStage.class);

    private final String alias;
    private final Transformation<R> transformation;
    private final ClassLoader transformationLoader;
    private final String predicateAlias;
    private final Predicate<R> predicate;
    private final ClassLoader predicateLoader;
    private final boolean negate;
    /** The plugins' metrics (KIP-877) if they are {@code Monitorable} and the task attached them. */
    private PluginMetricsImpl transformationMetrics;
    private PluginMetricsImpl predicateMetrics;

    /** A stage without predicate, named after the transformation's class. */
    public TransformationStage(Transformation<R> transformation, ClassLoader transformationLoader) {
        this(transformation.getClass().getSimpleName(), transformation, transformationLoader, null, null, null, false);
    }

    /**
     * @param alias                the alias the connector config gives the transformation
     * @param transformation       a configured transformation
     * @param transformationLoader the context class loader for calls into the transformation
     * @param predicateAlias       the alias of the predicate; null if there is none
     * @param predicate            a configured predicate, or null to apply the transformation to every record
     * @param predicateLoader      the context class loader for calls into the predicate; ignored without predicate
     * @param negate               apply the transformation to the records the predicate does not match
     */
    public TransformationStage(String alias, Transformation<R> transformation, ClassLoader transformationLoader,
                               String predicateAlias, Predicate<R> predicate, ClassLoader predicateLoader,
                               boolean negate) {
        this.alias = Objects.requireNonNull(alias, "alias");
        this.transformation = Objects.requireNonNull(transformation, "transformation");
        this.transformationLoader = Objects.requireNonNull(transformationLoader, "transformationLoader");
        this.predicateAlias = predicateAlias;
        this.predicate = predicate;
        this.predicateLoader = predicate == null ? null : Objects.requireNonNull(predicateLoader, "predicateLoader");
        this.negate = predicate != null && negate;
    }

    /**
     * @return the transformed record, null if the transformation drops it, or the record itself if the predicate
     *         excludes it
     */
    public R apply(R record) {
        if (predicate != null && !matches(record)) {
            return record;
        }
        try (LoaderSwap swap = LoaderSwap.swap(transformationLoader)) {
            return transformation.apply(record);
        }
    }

    private boolean matches(R record) {
        try (LoaderSwap swap = LoaderSwap.swap(predicateLoader)) {
            return predicate.test(record) != negate;
        }
    }

    public String transformAlias() {
        return alias;
    }

    public Class<?> transformClass() {
        return transformation.getClass();
    }

    /** The version the transformation reports, or {@code undefined}. */
    public String transformVersion() {
        return versionOf(transformation, transformationLoader);
    }

    /** The predicate's alias, or null for a stage without predicate. */
    public String predicateAlias() {
        return predicateAlias;
    }

    /** The predicate's class, or null for a stage without predicate. */
    public Class<?> predicateClass() {
        return predicate == null ? null : predicate.getClass();
    }

    /** The version the predicate reports, {@code undefined}, or null for a stage without predicate. */
    public String predicateVersion() {
        return predicate == null ? null : versionOf(predicate, predicateLoader);
    }

    public boolean negate() {
        return negate;
    }

    private static String versionOf(Object plugin, ClassLoader loader) {
        if (!(plugin instanceof Versioned)) {
            return PluginDesc.UNDEFINED_VERSION;
        }
        try (LoaderSwap swap = LoaderSwap.swap(loader)) {
            return ((Versioned) plugin).version();
        }
    }

    /**
     * Gives the transformation and the predicate, if they are {@code Monitorable}, their plugin metrics, tagged
     * {@code connector}, {@code task} and {@code transformation=<alias>} / {@code predicate=<alias>}; they are
     * removed by {@link #close()}.
     */
    void attachPluginMetrics(Metrics metrics, ConnectorTaskId id) {
        transformationMetrics = MonitorablePlugins.attach(transformation, transformationLoader, metrics,
                MonitorablePlugins.taskPluginTags(id.connector(), id.task(), "transformation", alias));
        if (predicate != null) {
            predicateMetrics = MonitorablePlugins.attach(predicate, predicateLoader, metrics,
                    MonitorablePlugins.taskPluginTags(id.connector(), id.task(), "predicate", predicateAlias));
        }
    }

    /** Closes the transformation and the predicate and removes their plugin metrics; failures are logged. */
    @Override
    public void close() {
        closeQuietly(transformation, transformationLoader);
        MonitorablePlugins.close(transformationMetrics);
        if (predicate != null) {
            closeQuietly(predicate, predicateLoader);
            MonitorablePlugins.close(predicateMetrics);
        }
    }

    private void closeQuietly(AutoCloseable plugin, ClassLoader loader) {
        try (LoaderSwap swap = LoaderSwap.swap(loader)) {
            plugin.close();
        } catch (Exception | LinkageError e) {
            log.warn("Failed to close {} of transformation stage '{}'", plugin.getClass().getName(), alias, e);
        }
    }

    @Override
    public String toString() {
        return "TransformationStage{alias=" + alias
                + ", transformation=" + transformation.getClass().getName()
                + (predicate == null ? "" : ", predicate=" + predicateAlias + ", negate=" + negate)
                + '}';
    }
}
