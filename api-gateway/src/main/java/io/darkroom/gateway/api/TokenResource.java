package io.darkroom.gateway.api;

import io.darkroom.gateway.domain.Ids;
import io.darkroom.gateway.domain.InvalidRequestException;
import io.darkroom.gateway.domain.RefusedException;
import io.darkroom.gateway.persistence.ApiTokenRepository;
import io.darkroom.gateway.persistence.AuditLog;
import io.darkroom.gateway.security.ApiToken;
import io.darkroom.gateway.security.Caller;
import io.darkroom.gateway.security.ClientAddress;
import io.darkroom.gateway.security.Role;
import io.darkroom.gateway.security.SecretTokens;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * One's own API tokens, for scripts: {@code Authorization: Bearer drk_…}. A token acts with its owner's role, so a
 * viewer's token can only read. The secret is answered once, at creation; we keep only its hash.
 */
@Path("/api/v1/tokens")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
public class TokenResource {

    private static final int MAX_NAME = 100;

    public record NewToken(String name) {
    }

    public record CreatedToken(long id, String name, String token) {
    }

    private final ApiTokenRepository tokens;
    private final AuditLog audit;
    private final ClientAddress clientAddress;
    private final SecurityIdentity identity;
    private final Clock clock;

    public TokenResource(ApiTokenRepository tokens, AuditLog audit, ClientAddress clientAddress,
            SecurityIdentity identity, Clock clock) {
        this.tokens = tokens;
        this.audit = audit;
        this.clientAddress = clientAddress;
        this.identity = identity;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "One's own tokens (never their secrets)")
    public Uni<List<ApiToken>> list() {
        return tokens.listFor(Caller.of(identity).accountId());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A new token; its secret is in this answer only")
    public Uni<Response> create(NewToken request, @Context HttpServerRequest http) {
        if (request == null || request.name() == null || request.name().isBlank()
                || request.name().length() > MAX_NAME) {
            throw new InvalidRequestException("Send {\"name\": \"…\"}: 1 to " + MAX_NAME + " characters, so that"
                    + " you know later what the token is for.");
        }
        Caller caller = Caller.of(identity);
        String secret = SecretTokens.API_TOKEN_PREFIX + SecretTokens.generate();
        String name = request.name().strip();
        return tokens.create(caller.accountId(), name, SecretTokens.digest(secret), clock.instant())
                .call(() -> audit.record(caller.username(), "TOKEN_CREATED", name, clientAddress.of(http)))
                .map(id -> Response.status(Response.Status.CREATED).entity(new CreatedToken(id, name, secret))
                        .header("Cache-Control", "no-store").build());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke one of one's own tokens")
    public Uni<Response> revoke(@PathParam("id") String id, @Context HttpServerRequest http) {
        long tokenId = Ids.parse(id, "A token id");
        Caller caller = Caller.of(identity);
        return tokens.revoke(tokenId, caller.accountId(), clock.instant()).chain(revoked -> {
            if (!revoked) {
                return Uni.createFrom().failure(new RefusedException(404, "You have no live token " + tokenId + "."));
            }
            return audit.record(caller.username(), "TOKEN_REVOKED", Long.toString(tokenId), clientAddress.of(http))
                    .replaceWith(Response.noContent().build());
        });
    }
}
