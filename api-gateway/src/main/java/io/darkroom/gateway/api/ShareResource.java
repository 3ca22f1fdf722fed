package io.darkroom.gateway.api;

import io.darkroom.gateway.domain.Ids;
import io.darkroom.gateway.domain.InvalidRequestException;
import io.darkroom.gateway.domain.RefusedException;
import io.darkroom.gateway.persistence.AlbumRepository;
import io.darkroom.gateway.persistence.AuditLog;
import io.darkroom.gateway.persistence.MediaItemRepository;
import io.darkroom.gateway.persistence.ShareLinkRepository;
import io.darkroom.gateway.security.Caller;
import io.darkroom.gateway.security.ClientAddress;
import io.darkroom.gateway.security.Credentials;
import io.darkroom.gateway.security.PasswordHasher;
import io.darkroom.gateway.security.Role;
import io.darkroom.gateway.security.SecretTokens;
import io.darkroom.gateway.security.ShareLink;
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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Making and revoking share links (users and admins). The token is answered once, at creation; we keep only its
 * hash. Users see and revoke their own links, admins everyone's. Holders open a link at /api/v1/shared/{token}.
 */
@Path("/api/v1/shares")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
public class ShareResource {

    /** {@code scope} is item or album; {@code expiresAt} (ISO-8601, optional) and {@code password} (optional). */
    public record NewShare(String scope, Long targetId, String expiresAt, String password) {
    }

    public record ShareResponse(long id, String scope, long targetId, boolean passwordProtected, Instant expiresAt,
            Instant revokedAt, Instant createdAt) {

        static ShareResponse from(ShareLink link) {
            return new ShareResponse(link.id(), link.scope().name().toLowerCase(java.util.Locale.ROOT),
                    link.targetId(), link.needsPassword(), link.expiresAt(), link.revokedAt(), link.createdAt());
        }
    }

    /** {@code token} opens {@code /api/v1/shared/{token}}; it is in this answer only. */
    public record CreatedShare(ShareResponse share, String token) {
    }

    private final ShareLinkRepository links;
    private final MediaItemRepository items;
    private final AlbumRepository albums;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final ClientAddress clientAddress;
    private final SecurityIdentity identity;
    private final Clock clock;

    public ShareResource(ShareLinkRepository links, MediaItemRepository items, AlbumRepository albums,
            PasswordHasher hasher, AuditLog audit, ClientAddress clientAddress, SecurityIdentity identity, Clock clock) {
        this.links = links;
        this.items = items;
        this.albums = albums;
        this.hasher = hasher;
        this.audit = audit;
        this.clientAddress = clientAddress;
        this.identity = identity;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "One's own share links (an admin's: everyone's)")
    public Uni<List<ShareResponse>> list() {
        Caller caller = Caller.of(identity);
        return links.list(caller.isAdmin() ? null : caller.accountId())
                .map(all -> all.stream().map(ShareResponse::from).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A share link for an item or an album, with an optional expiry and password")
    public Uni<Response> create(NewShare request, @Context HttpServerRequest http) {
        if (request == null || request.scope() == null || request.targetId() == null) {
            throw new InvalidRequestException("Send {\"scope\": \"item\" or \"album\", \"targetId\": …} and optionally"
                    + " \"expiresAt\" (ISO-8601) and \"password\".");
        }
        ShareLink.Scope scope = scope(request.scope());
        long targetId = request.targetId();
        Instant now = clock.instant();
        Instant expiresAt = expiry(request.expiresAt(), now);
        String password = request.password() == null ? null : Credentials.newPassword(request.password());
        Caller caller = Caller.of(identity);
        String token = SecretTokens.generate();
        return targetExists(scope, targetId)
                .chain(() -> password == null ? Uni.createFrom().nullItem() : hasher.hash(password))
                .chain(hash -> links.create(SecretTokens.digest(token), caller.accountId(), scope, targetId, hash,
                        expiresAt, now))
                .chain(links::findById)
                .call(() -> audit.record(caller.username(), "SHARE_CREATED", scope + " " + targetId,
                        clientAddress.of(http)))
                .map(link -> Response.status(Response.Status.CREATED)
                        .entity(new CreatedShare(ShareResponse.from(link.orElseThrow()), token))
                        .header("Cache-Control", "no-store").build());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke a share link: it stops working at once")
    public Uni<Response> revoke(@PathParam("id") String id, @Context HttpServerRequest http) {
        long shareId = Ids.parse(id, "A share id");
        Caller caller = Caller.of(identity);
        return links.findById(shareId).chain(found -> {
            if (found.isEmpty() || !caller.isAdmin() && found.get().createdBy() != caller.accountId()) {
                return Uni.createFrom().failure(new RefusedException(404, "You have no share link " + shareId + "."));
            }
            return links.revoke(shareId, clock.instant())
                    .call(() -> audit.record(caller.username(), "SHARE_REVOKED", Long.toString(shareId),
                            clientAddress.of(http)))
                    .replaceWith(Response.noContent().build());
        });
    }

    private Uni<Void> targetExists(ShareLink.Scope scope, long targetId) {
        if (scope == ShareLink.Scope.ALBUM) {
            return albums.find(targetId).map(found -> {
                if (found.isEmpty()) {
                    throw new RefusedException(404, "There is no album " + targetId + ".");
                }
                return null;
            });
        }
        return items.findById(targetId).map(found -> {
            if (found.isEmpty()) {
                throw new RefusedException(404, "There is no item " + targetId + ".");
            }
            return null;
        });
    }

    private static ShareLink.Scope scope(String value) {
        for (ShareLink.Scope scope : ShareLink.Scope.values()) {
            if (scope.name().equalsIgnoreCase(value)) {
                return scope;
            }
        }
        throw new InvalidRequestException("A share's scope is item or album.");
    }

    private static Instant expiry(String value, Instant now) {
        if (value == null) {
            return null;
        }
        try {
            Instant expiresAt = Instant.parse(value);
            if (!expiresAt.isAfter(now)) {
                throw new InvalidRequestException("expiresAt lies in the past.");
            }
            return expiresAt;
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("expiresAt is an ISO-8601 instant such as 2027-01-31T18:00:00Z.");
        }
    }
}
