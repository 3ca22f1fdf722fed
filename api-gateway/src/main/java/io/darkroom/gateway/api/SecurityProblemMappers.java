package io.darkroom.gateway.api;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Refusals as Problems, like every other error: 401 when we do not know who is asking, 403 when we do and the
 * answer is no. These replace Quarkus's built-in mappers for the same exceptions (which answer with no body).
 */
public class SecurityProblemMappers {

    private final ProblemExceptionMapper problems = new ProblemExceptionMapper();

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException exception) {
        return ProblemExceptionMapper.problem(Response.Status.UNAUTHORIZED,
                "Sign in first (POST /api/v1/auth/login), or send an API token as Authorization: Bearer.");
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException exception) {
        if (exception.getCause() != null) {
            // not a bad credential: the lookup itself failed (the database, most likely)
            return problems.toResponse(exception);
        }
        return ProblemExceptionMapper.problem(Response.Status.UNAUTHORIZED, exception.getMessage() != null
                ? exception.getMessage() : "Your credentials were not accepted; sign in again.");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException exception) {
        return ProblemExceptionMapper.problem(Response.Status.FORBIDDEN,
                "Your account's role does not allow this.");
    }
}
