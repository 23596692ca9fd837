package org.apache.kafka.connect.runtime.isolation;

import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.rest.ConnectRestExtension;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;

import java.util.Locale;

/**
 * The kinds of plugin a worker discovers, each with the Java supertype that makes a class a plugin of that kind.
 * {@link #toString()} gives the lower-case name the REST API shows in its {@code type} field.
 */
public enum PluginType {
    SOURCE(SourceConnector.class, "Connector"),
    SINK(SinkConnector.class, "Connector"),
    CONVERTER(Converter.class, "Converter"),
    HEADER_CONVERTER(HeaderConverter.class, "HeaderConverter"),
    TRANSFORMATION(Transformation.class, "Transformation"),
    PREDICATE(Predicate.class, "Predicate"),
    CONFIG_PROVIDER(ConfigProvider.class, "ConfigProvider"),
    REST_EXTENSION(ConnectRestExtension.class, "ConnectRestExtension"),
    CONNECTOR_CLIENT_CONFIG_OVERRIDE_POLICY(ConnectorClientConfigOverridePolicy.class,
            "ConnectorClientConfigOverridePolicy");

    private final Class<?> superClass;
    private final String aliasSuffix;

    PluginType(Class<?> superClass, String aliasSuffix) {
        this.superClass = superClass;
        this.aliasSuffix = aliasSuffix;
    }

    /** The class or interface every plugin of this kind extends or implements. */
    public Class<?> superClass() {
        return superClass;
    }

    /** The simple name of {@link #superClass()}, e.g. {@code SinkConnector}. */
    public String simpleName() {
        return superClass.getSimpleName();
    }

    /**
     * The suffix cut from a plugin's simple class name to form its short alias ({@code Connector} for both
     * connector kinds, so {@code FileStreamSinkConnector} becomes {@code FileStreamSink}).
     */
    String aliasSuffix() {
        return aliasSuffix;
    }

    /** True for the two connector kinds. */
    public boolean isConnector() {
        return this == SOURCE || this == SINK;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
