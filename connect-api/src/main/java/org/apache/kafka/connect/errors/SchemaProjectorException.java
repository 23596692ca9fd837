package org.apache.kafka.connect.errors;

import org.apache.kafka.common.annotation.InterfaceAudience;

/**
 * Thrown when a value cannot be projected from its source schema onto a target schema, see
 * {@link org.apache.kafka.connect.data.SchemaProjector}.
 */
@InterfaceAudience.Public
public class SchemaProjectorException extends DataException {

    private static final long serialVersionUID = 1L;

    public SchemaProjectorException(String message) {
        super(message);
    }

    public SchemaProjectorException(String message, Throwable cause) {
        super(message, cause);
    }

    public SchemaProjectorException(Throwable cause) {
        super(cause);
    }
}
