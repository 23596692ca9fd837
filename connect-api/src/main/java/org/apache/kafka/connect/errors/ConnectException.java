package org.apache.kafka.connect.errors;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.annotation.InterfaceAudience;

/**
 * Base class for all Kafka Connect exceptions: something went wrong in a connector, task, converter,
 * transformation or the framework itself.
 */
@InterfaceAudience.Public
public class ConnectException extends KafkaException {

    private static final long serialVersionUID = 1L;

    public ConnectException(String message) {
        super(message);
    }

    public ConnectException(String message, Throwable cause) {
        super(message, cause);
    }

    public ConnectException(Throwable cause) {
        super(cause);
    }
}
