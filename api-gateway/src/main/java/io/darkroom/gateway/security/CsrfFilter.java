package io.darkroom.gateway.security;

import io.darkroom.gateway.api.ProblemExceptionMapper;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Cross-site request forgery: a browser sends the session cookie with any request, even one another site makes it
 * send. So an unsafe request (POST, PUT, PATCH, DELETE) signed in by cookie must also carry the session's CSRF
 * token in {@code X-CSRF-Token}, which only our own pages can read (from the login answer or
 * {@code GET /api/v1/auth/me}). API tokens are not sent by browsers on their own and need no such check; open
 * endpoints ({@code @PermitAll}: login, share links) act on nobody's behalf.
 */
public class CsrfFilter {

    public static final String HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final CurrentIdentityAssociation identities;

    public CsrfFilter(CurrentIdentityAssociation identities) {
        this.identities = identities;
    }

    @ServerRequestFilter
    public Uni<Response> check(ContainerRequestContext request, SimpleResourceInfo resource) {
        if (SAFE.contains(request.getMethod()) || resource.getResourceClass() == null
                || resource.getResourceClass().isAnnotationPresent(PermitAll.class)
                || isPermitAll(resource)) {
            return Uni.createFrom().nullItem();
        }
        String presented = request.getHeaderString(HEADER);
        return identities.getDeferredIdentity()
                .map(identity -> {
                    Caller caller = identity.isAnonymous() ? null : identity.getAttribute(Caller.ATTRIBUTE);
                    if (caller == null || caller.method() != Caller.Method.SESSION || matches(presented, caller.csrfToken())) {
                        return null;
                    }
                    return ProblemExceptionMapper.problem(Response.Status.FORBIDDEN, "This request lacks the "
                            + HEADER + " header of your session (from the sign-in answer or GET /api/v1/auth/me).");
                })
                // an unknown session is answered 401 by the security check that follows
                .onFailure().recoverWithNull();
    }

    private static boolean isPermitAll(SimpleResourceInfo resource) {
        try {
            return resource.getResourceClass().getMethod(resource.getMethodName(), resource.parameterTypes())
                    .isAnnotationPresent(PermitAll.class);
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static boolean matches(String presented, String expected) {
        return presented != null && expected != null && MessageDigest.isEqual(
                presented.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
