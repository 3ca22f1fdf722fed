package io.darkroom.gateway.api;

import io.darkroom.gateway.domain.InvalidRequestException;
import io.darkroom.gateway.domain.MediaNotFoundException;
import io.darkroom.gateway.domain.RefusedException;
import io.vertx.core.VertxException;
import jakarta.ws.rs.core.HttpHeaders;
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
    /** ER_CON_COUNT_ERROR, ER_LOCK_WAIT_TIMEOUT, ER_LOCK_DEADLOCK. */
    private static final java.util.Set<Integer> TRANSIENT_SQL_ERRORS = java.util.Set.of(1040, 1205, 1213);

    @Override
    public Response toResponse(Exception exception) {
        if (exception instanceof InvalidRequestException) {
            return problem(Response.Status.BAD_REQUEST, exception.getMessage());
        }
        if (exception instanceof RefusedException refused) {
            Response response = problem(statusOf(refused.status()), refused.getMessage());
            return refused.retryAfter() == null ? response : Response.fromResponse(response)
                    .header(HttpHeaders.RETRY_AFTER, Math.max(1, refused.retryAfter().toSeconds())).build();
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
        if (isCatalogUnavailable(exception)) {
            // the connection pool is exhausted (overload) or the database is unreachable: the client may retry
            LOG.warnf("Catalog unavailable: %s", exception.toString());
            return Response.fromResponse(problem(Response.Status.SERVICE_UNAVAILABLE,
                    "The library is busy or its database is unreachable; try again in a few seconds."))
                    .header(HttpHeaders.RETRY_AFTER, 5).build();
        }
        LOG.error("Request failed", exception);
        return problem(Response.Status.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side; try again, and see the api-gateway log if it persists.");
    }

    /** Vert.x's failures (pool wait timeouts, closed or refused connections) come from the infrastructure, not the request. */
    private static boolean isCatalogUnavailable(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof io.vertx.mysqlclient.MySQLException sql) {
                // the server answered: overload only for too many connections, lock waits and deadlocks; any other
                // SQL error is our bug and must not hide as a retryable 503
                return TRANSIENT_SQL_ERRORS.contains(sql.getErrorCode());
            }
            if (t instanceof VertxException || t instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
    }

    /** The JAX-RS enum lacks some codes we use (422). */
    static Response.StatusType statusOf(int code) {
        Response.Status known = Response.Status.fromStatusCode(code);
        if (known != null) {
            return known;
        }
        return new Response.StatusType() {
            @Override
            public int getStatusCode() {
                return code;
            }

            @Override
            public Response.Status.Family getFamily() {
                return Response.Status.Family.familyOf(code);
            }

            @Override
            public String getReasonPhrase() {
                return code == 422 ? "Unprocessable Content" : "Error";
            }
        };
    }

    public static Response problem(Response.StatusType status, String detail) {
        if (status == null) {
            status = Response.Status.BAD_REQUEST;
        }
        return Response.status(status.getStatusCode())
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(status.getReasonPhrase(), status.getStatusCode(), detail))
                .build();
    }
}
