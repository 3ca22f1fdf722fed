package io.darkroom.gateway.api;

import io.darkroom.gateway.domain.InvalidRequestException;
import io.darkroom.gateway.domain.MediaNotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

/**
 * The one place errors become HTTP answers: {@code application/problem+json} with a title, the status and a
 * detail a user understands. Never a stack trace or a class name; unexpected errors are logged here instead.
 */
@Provider
public class ProblemExceptionMapper implements ExceptionMapper<Exception> {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMapper.class);

    @Override
    public Response toResponse(Exception exception) {
        if (exception instanceof InvalidRequestException) {
            return problem(Response.Status.BAD_REQUEST, exception.getMessage());
        }
        if (exception instanceof MediaNotFoundException) {
            return problem(Response.Status.NOT_FOUND, exception.getMessage());
        }
        if (exception instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            Response.StatusType status = web.getResponse().getStatusInfo();
            return problem(status, switch (status.getStatusCode()) {
                case 404 -> "There is nothing at this address.";
                case 405 -> "This address does not support that method.";
                case 406, 415 -> "This address only speaks JSON.";
                default -> "The request could not be handled as sent.";
            });
        }
        LOG.error("Request failed", exception);
        return problem(Response.Status.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side; try again, and see the api-gateway log if it persists.");
    }

    static Response problem(Response.StatusType status, String detail) {
        return Response.status(status.getStatusCode())
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(status.getReasonPhrase(), status.getStatusCode(), detail))
                .build();
    }
}
