package io.darkroom.gateway.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;

/**
 * Reads who is calling: {@code Authorization: Bearer drk_…} (an API token, for scripts) or the session cookie (the
 * browser). Neither means anonymous, which every endpoint but login and share links refuses (deny by default:
 * {@code quarkus.security.jaxrs.deny-unannotated-endpoints}). A presented but unknown or expired secret is a 401.
 */
@ApplicationScoped
public class DarkroomAuthenticationMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "Bearer ";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String authorization = context.request().getHeader("Authorization");
        if (authorization != null && !isBearer(authorization)) {
            return Uni.createFrom().failure(new io.quarkus.security.AuthenticationFailedException(
                    "Only Bearer API tokens are accepted in the Authorization header."));
        }
        return presented(context.request()).map(identityProviderManager::authenticate)
                .orElseGet(() -> Uni.createFrom().optional(java.util.Optional.empty()));
    }

    /**
     * The secret a request presents: its Bearer API token, else its session cookie; empty when it presents neither
     * (or an Authorization header of another scheme, which {@link #authenticate} refuses).
     */
    public static Optional<CredentialRequest> presented(HttpServerRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            return isBearer(authorization) ? Optional.of(new CredentialRequest(Caller.Method.API_TOKEN,
                    authorization.substring(BEARER.length()).strip())) : Optional.empty();
        }
        Cookie session = request.getCookie(SessionCookie.NAME);
        if (session != null && !session.getValue().isEmpty()) {
            return Optional.of(new CredentialRequest(Caller.Method.SESSION, session.getValue()));
        }
        return Optional.empty();
    }

    private static boolean isBearer(String authorization) {
        return authorization.regionMatches(true, 0, BEARER, 0, BEARER.length());
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        // no WWW-Authenticate: a browser must not pop up a Basic dialog; the body says what to do
        return Uni.createFrom().item(new ChallengeData(401, null, null));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(CredentialRequest.class);
    }
}
