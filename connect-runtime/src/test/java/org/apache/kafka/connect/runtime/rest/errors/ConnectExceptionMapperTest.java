package org.apache.kafka.connect.runtime.rest.errors;

import org.apache.kafka.connect.errors.AlreadyExistsException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.NotFoundException;
import org.apache.kafka.connect.runtime.rest.entities.ErrorMessage;

import org.junit.jupiter.api.Test;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConnectExceptionMapperTest {

    private final ConnectExceptionMapper mapper = new ConnectExceptionMapper();

    private void assertMapped(Exception exception, int status, int errorCode, String message) {
        Response response = mapper.toResponse(exception);
        assertEquals(status, response.getStatus());
        assertEquals(new ErrorMessage(errorCode, message), response.getEntity());
        assertEquals(MediaType.APPLICATION_JSON_TYPE, response.getMediaType());
    }

    @Test
    void mapsConnectExceptionsToTheirStatus() {
        assertMapped(new NotFoundException("Connector a not found"), 404, 404, "Connector a not found");
        assertMapped(new AlreadyExistsException("Connector a already exists"), 409, 409, "Connector a already exists");
        assertMapped(new BadRequestException("bad"), 400, 400, "bad");
        assertMapped(new ConnectRestException(409, 4090, "stale"), 409, 4090, "stale");
    }

    @Test
    void mapsJaxRsExceptionsToTheirStatus() {
        assertMapped(new jakarta.ws.rs.NotFoundException(), 404, 404, "HTTP 404 Not Found");
        assertMapped(new NotAllowedException("GET"), 405, 405, "HTTP 405 Method Not Allowed");
        assertMapped(new NotSupportedException(), 415, 415, "HTTP 415 Unsupported Media Type");
    }

    @Test
    void mapsEverythingElseTo500WithItsMessage() {
        assertMapped(new ConnectException("failed"), 500, 500, "failed");
        assertMapped(new IllegalStateException("boom"), 500, 500, "boom");
        assertMapped(new NullPointerException(), 500, 500, null);
    }
}
