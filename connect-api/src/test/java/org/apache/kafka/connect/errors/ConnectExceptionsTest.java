package org.apache.kafka.connect.errors;

import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class ConnectExceptionsTest {

    /** The three constructors of one exception class. */
    private static final class Constructors {
        final Function<String, ConnectException> message;
        final BiFunction<String, Throwable, ConnectException> messageAndCause;
        final Function<Throwable, ConnectException> cause;

        Constructors(Function<String, ConnectException> message,
                     BiFunction<String, Throwable, ConnectException> messageAndCause,
                     Function<Throwable, ConnectException> cause) {
            this.message = message;
            this.messageAndCause = messageAndCause;
            this.cause = cause;
        }
    }

    private static final List<Constructors> ALL = List.of(
        new Constructors(ConnectException::new, ConnectException::new, ConnectException::new),
        new Constructors(AlreadyExistsException::new, AlreadyExistsException::new, AlreadyExistsException::new),
        new Constructors(NotFoundException::new, NotFoundException::new, NotFoundException::new),
        new Constructors(DataException::new, DataException::new, DataException::new),
        new Constructors(IllegalWorkerStateException::new, IllegalWorkerStateException::new,
            IllegalWorkerStateException::new),
        new Constructors(RetriableException::new, RetriableException::new, RetriableException::new),
        new Constructors(SchemaBuilderException::new, SchemaBuilderException::new, SchemaBuilderException::new),
        new Constructors(SchemaProjectorException::new, SchemaProjectorException::new,
            SchemaProjectorException::new));

    @Test
    void everyConstructorKeepsMessageAndCause() {
        IllegalStateException cause = new IllegalStateException("root");
        for (Constructors constructors : ALL) {
            ConnectException withMessage = constructors.message.apply("msg");
            assertEquals("msg", withMessage.getMessage());
            assertNull(withMessage.getCause());

            ConnectException withBoth = constructors.messageAndCause.apply("msg", cause);
            assertEquals("msg", withBoth.getMessage());
            assertSame(cause, withBoth.getCause());

            ConnectException withCause = constructors.cause.apply(cause);
            assertSame(cause, withCause.getCause());
            assertEquals(cause.toString(), withCause.getMessage());
        }
    }

    @Test
    void connectExceptionIsAKafkaException() {
        assertInstanceOf(KafkaException.class, new ConnectException("x"));
    }

    @Test
    void schemaErrorsAreDataExceptions() {
        assertInstanceOf(DataException.class, new SchemaBuilderException("x"));
        assertInstanceOf(DataException.class, new SchemaProjectorException("x"));
    }

    @Test
    void otherExceptionsExtendConnectExceptionDirectly() {
        assertEquals(ConnectException.class, AlreadyExistsException.class.getSuperclass());
        assertEquals(ConnectException.class, NotFoundException.class.getSuperclass());
        assertEquals(ConnectException.class, DataException.class.getSuperclass());
        assertEquals(ConnectException.class, IllegalWorkerStateException.class.getSuperclass());
        assertEquals(ConnectException.class, RetriableException.class.getSuperclass());
    }
}
