package org.apache.kafka.connect.errors;

import org.apache.kafka.common.annotation.InterfaceAudience;

/**
 * Thrown when a {@link org.apache.kafka.connect.data.SchemaBuilder} is used incorrectly, for example
 * when an attribute is set twice or a default value does not match the schema.
 */
@InterfaceAudience.Public
public class SchemaBuilderException extends DataException {

    private static final long serialVersionUID = 1L;

    public SchemaBuilderException(String message) {
        super(message);
    }

    public SchemaBuilderException(String message, Throwable cause) {
        super(message, cause);
    }

    public SchemaBuilderException(Throwable cause) {
        super(cause);
    }
}
