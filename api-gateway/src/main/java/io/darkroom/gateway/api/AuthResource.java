package io.darkroom.gateway.api;

import io.darkroom.gateway.domain.InvalidRequestException;
import io.darkroom.gateway.domain.RefusedException;
import io.darkroom.gateway.persistence.AccountRepository;
import io.darkroom.gateway.persistence.AuditLog;
import io.darkroom.gateway.persistence.SessionRepository;
import io.darkroom.gateway.security.Caller;
import io.darkroom.gateway.security.ClientAddress;
import io.darkroom.gateway.security.Credentials;
import io.darkroom.gateway.security.PasswordHasher;
import io.darkroom.gateway.security.SessionCookie;
import io.darkroom.gateway.security.SignIn;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Signing in and out, who am I, and changing one's own password. */
@Path("/api/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    public record LoginRequest(String username, String password) {
    }

    /** {@code csrfToken} goes into X-CSRF-Token on unsafe requests; null when signed in with an API token. */
    public record SessionResponse(String username, String role, String csrfToken) {
    }

    public record PasswordChange(String currentPassword, String newPassword) {
    }

    private final SignIn signIn;
    private final SessionCookie cookie;
    private final SessionRepository sessions;
    private final AccountRepository accounts;
    private final PasswordHasher hasher;
    private final ClientAddress clientAddress;
    private final AuditLog audit;
    private final SecurityIdentity identity;

    public AuthResource(SignIn signIn, SessionCookie cookie, SessionRepository sessions, AccountRepository accounts,
            PasswordHasher hasher, ClientAddress clientAddress, AuditLog audit, SecurityIdentity identity) {
        this.signIn = signIn;
        this.cookie = cookie;
        this.sessions = sessions;
        this.accounts = accounts;
        this.hasher = hasher;
        this.clientAddress = clientAddress;
        this.audit = audit;
        this.identity = identity;
    }

    @POST
    @Path("/login")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign in: sets the session cookie and answers the CSRF token for unsafe requests")
    public Uni<Response> login(LoginRequest request, @Context HttpServerRequest http) {
        if (request == null) {
            throw new InvalidRequestException("Send {\"username\": \"…\", \"password\": \"…\"}.");
        }
        return signIn.signIn(request.username(), request.password(), clientAddress.of(http))
                .map(session -> Response.ok(new SessionResponse(session.account().username(),
                                session.account().role().roleName(), session.csrfToken()))
                        .cookie(cookie.issue(session.sessionId(), session.maxAge()))
                        .header("Cache-Control", "no-store").build());
    }

    @POST
    @Path("/logout")
    @Authenticated
    @Operation(summary = "Sign out: ends this session")
    public Uni<Response> logout(@Context HttpServerRequest http) {
        Caller caller = Caller.of(identity);
        Uni<Void> ended = caller.method() == Caller.Method.SESSION ? sessions.delete(caller.secretHash())
                : Uni.createFrom().voidItem();
        return ended.chain(() -> audit.record(caller.username(), "LOGOUT", null, clientAddress.of(http)))
                .replaceWith(() -> Response.noContent().cookie(cookie.clear()).build());
    }

    @GET
    @Path("/me")
    @Authenticated
    @Operation(summary = "Who is signed in, with which role, and the session's CSRF token")
    public Response me() {
        Caller caller = Caller.of(identity);
        return Response.ok(new SessionResponse(caller.username(), caller.role().roleName(), caller.csrfToken()))
                .header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("/password")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change one's own password; signs out every session of the account, this one too")
    public Uni<Response> changePassword(PasswordChange change, @Context HttpServerRequest http) {
        if (change == null) {
            throw new InvalidRequestException("Send {\"currentPassword\": \"…\", \"newPassword\": \"…\"}.");
        }
        Credentials.offeredPassword(change.currentPassword());
        String newPassword = Credentials.newPassword(change.newPassword());
        Caller caller = Caller.of(identity);
        return accounts.findById(caller.accountId())
                .chain(account -> hasher.verify(change.currentPassword(),
                        account.map(a -> a.passwordHash()).orElse(null)))
                .chain(matches -> {
                    if (!matches) {
                        return Uni.createFrom().failure(new RefusedException(403, "The current password is wrong."));
                    }
                    return hasher.hash(newPassword)
                            .chain(hash -> accounts.setPassword(caller.accountId(), hash))
                            .chain(() -> sessions.deleteForAccount(caller.accountId()))
                            .chain(() -> audit.record(caller.username(), "PASSWORD_CHANGED", caller.username(),
                                    clientAddress.of(http)))
                            .replaceWith(() -> Response.noContent().cookie(cookie.clear()).build());
                });
    }
}
