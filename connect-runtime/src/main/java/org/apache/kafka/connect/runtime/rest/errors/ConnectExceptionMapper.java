package org.apache.kafka.connect.runtime.rest.errors;

import org.apache.kafka.connect.errors.AlreadyExistsException;
import org.apache.kafka.connect.errors.NotFoundException;
import org.apache.kafka.connect.runtime.rest.entities.ErrorMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Turns every exception escaping a REST resource (or Jersey itself) into the Connect error body
 * {@code {"error_code": N, "message": "..."}} (rest-api.md §1.1): Connect's not-found 404, already-exists 409,
 * {@link ConnectRestException} its own status, JAX-RS exceptions their status (unknown path 404, wrong method 405,
 * wrong media type 415, ...), and anything else, including malformed or mistyped JSON bodies, 500 with the
 * exception's message.
 */
public class ConnectExceptionMapper implements ExceptionMapper<Exception> {

    private static final Logger log = LoggerFactory.getLogger(ConnectExceptionMapper.class);

    @Override
    public Response toResponse(Exception exception) {
        int status;
        int errorCode;
        if (exception instanceof ConnectRestException restException) {
            status = restException.statusCode();
            errorCode = restException.errorCode();
        } else if (exception instanceof NotFoundException) {
            status = errorCode = Response.Status.NOT_FOUND.getStatusCode();
        } else if (exception instanceof AlreadyExistsException) {
            status = errorCode = Response.Status.CONFLICT.getStatusCode();
        } else if (exception instanceof WebApplicationException webException) {
            status = errorCode = webException.getResponse().getStatus();
        } else {
            status = errorCode = Response.Status.INTERNAL_SERVER_ERROR.getStatusCode();
        }

        if (status >= 500) {
            log.error("Uncaught exception in REST call", exception);
        } else {
            log.debug("REST request failed with status {}", status, exception);
        }
        return Response.status(status)
                .entity(new ErrorMessage(errorCode, exception.getMessage()))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .build();
    }
}
