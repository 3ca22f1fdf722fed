package io.darkroom.gateway.security;

import io.darkroom.gateway.SecurityConfig;
import io.darkroom.gateway.persistence.ApiTokenRepository;
import io.darkroom.gateway.persistence.SessionRepository;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;

/** Turns a presented session id or API token into the account behind it, with its role. */
@ApplicationScoped
public class DarkroomIdentityProvider implements IdentityProvider<CredentialRequest> {

    private final SessionRepository sessions;
    private final ApiTokenRepository tokens;
    private final SecurityConfig config;
    private final CallerCache callers;
    private final Clock clock;

    public DarkroomIdentityProvider(SessionRepository sessions, ApiTokenRepository tokens, SecurityConfig config,
            CallerCache callers, Clock clock) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.config = config;
        this.callers = callers;
        this.clock = clock;
    }

    @Override
    public Class<CredentialRequest> getRequestType() {
        return CredentialRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(CredentialRequest request, AuthenticationRequestContext context) {
        if (!plausible(request)) {
            return Uni.createFrom().failure(failure(request.method()));
        }
        byte[] hash = SecretTokens.digest(request.secret());
        Optional<Caller> remembered = callers.find(hash, request.method());
        if (remembered.isPresent()) {
            return Uni.createFrom().item(identity(remembered.get()));
        }
        long generation = callers.generation();
        Uni<Optional<Caller>> caller = request.method() == Caller.Method.API_TOKEN
                ? tokens.findLive(hash, clock.instant())
                : sessions.findLive(hash, clock.instant(), config.sessionIdleTimeout(), config.sessionMaxAge());
        return caller.map(found -> found.map(live -> {
            callers.remember(live, generation);
            return identity(live);
        }).orElseThrow(() -> failure(request.method())));
    }

    /**
     * The caller behind a credential when {@link CallerCache} still holds it, without a database lookup; empty
     * means "ask {@link #authenticate}", not "refused". The same answer {@link #authenticate} gives from the cache.
     */
    public Optional<Caller> remembered(CredentialRequest request) {
        return plausible(request) ? callers.find(SecretTokens.digest(request.secret()), request.method())
                : Optional.empty();
    }

    private static boolean plausible(CredentialRequest request) {
        String secret = request.secret();
        return request.method() == Caller.Method.API_TOKEN
                ? secret.startsWith(SecretTokens.API_TOKEN_PREFIX)
                        && SecretTokens.plausible(secret.substring(SecretTokens.API_TOKEN_PREFIX.length()))
                : SecretTokens.plausible(secret);
    }

    private static SecurityIdentity identity(Caller caller) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(caller.username()))
                .addRole(caller.role().roleName())
                .addAttribute(Caller.ATTRIBUTE, caller)
                .build();
    }

    private static AuthenticationFailedException failure(Caller.Method method) {
        return new AuthenticationFailedException(method == Caller.Method.API_TOKEN
                ? "This API token is unknown or revoked."
                : "Your session has ended; sign in again.");
    }
}
