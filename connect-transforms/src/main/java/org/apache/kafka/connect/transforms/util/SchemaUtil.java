package org.apache.kafka.connect.transforms.util;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * Helpers for deriving a new schema from an existing one.
 */
public class SchemaUtil {

    /**
     * Starts a builder of the same type as {@code source} carrying its name, version, doc and parameters
     * (but neither its optionality, default value nor fields, which the caller decides).
     */
    public static SchemaBuilder copySchemaBasics(Schema source) {
        return copySchemaBasics(source, new SchemaBuilder(source.type()));
    }

    /**
     * Copies the name, version, doc and parameters of {@code source} onto {@code builder} and returns it.
     */
    public static SchemaBuilder copySchemaBasics(Schema source, SchemaBuilder builder) {
        builder.name(source.name());
        builder.version(source.version());
        builder.doc(source.doc());
        if (source.parameters() != null) {
            builder.parameters(source.parameters());
        }
        return builder;
    }
}
