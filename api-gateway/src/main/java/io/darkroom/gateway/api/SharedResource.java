package io.darkroom.gateway.api;

import io.darkroom.gateway.SecurityConfig;
import io.darkroom.gateway.domain.Ids;
import io.darkroom.gateway.domain.InvalidRequestException;
import io.darkroom.gateway.domain.MediaItem;
import io.darkroom.gateway.domain.RefusedException;
import io.darkroom.gateway.domain.ThumbnailSizes;
import io.darkroom.gateway.persistence.AlbumRepository;
import io.darkroom.gateway.persistence.MediaFileRepository;
import io.darkroom.gateway.persistence.MediaItemRepository;
import io.darkroom.gateway.persistence.ShareLinkRepository;
import io.darkroom.gateway.persistence.ThumbnailSourceRepository;
import io.darkroom.gateway.security.ClientAddress;
import io.darkroom.gateway.security.Credentials;
import io.darkroom.gateway.security.PasswordHasher;
import io.darkroom.gateway.security.SecretTokens;
import io.darkroom.gateway.security.SessionCookie;
import io.darkroom.gateway.security.ShareAccess;
import io.darkroom.gateway.security.ShareLink;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * What a share link's holder sees, signed in or not: the shared item (or album's items) and their thumbnails,
 * nothing else. Holders see no paths, roots or failures: only what a family member needs to look at the photos.
 */
@Path("/api/v1/shared/{token}")
@PermitAll
public class SharedResource {

    static final String GRANT_COOKIE = "darkroom_share_grant";
    /** The holder's browser may keep a thumbnail for an hour; a revoked link stops serving new ones at once. */
    static final String SHARED_CACHING = "private, max-age=3600";

    public record SharedItem(long id, String kind, String mimeType, Instant takenAt, Integer width, Integer height,
            Integer orientation, String thumbnailStatus) {

        static SharedItem from(MediaItem item) {
            return new SharedItem(item.id(), item.kind(), item.mimeType(), item.takenAt(), item.width(),
                    item.height(), item.orientation(), item.thumbnailStatus());
        }
    }

    /** {@code title} is the album's (null for an item). */
    public record SharedView(String scope, String title, Instant expiresAt, List<SharedItem> items) {
    }

    public record Unlock(String password) {
    }

    private final ShareAccess access;
    private final ShareLinkRepository links;
    private final MediaItemRepository items;
    private final AlbumRepository albums;
    private final ThumbnailSourceRepository thumbnails;
    private final ThumbnailDelivery delivery;
    private final MediaFileRepository files;
    private final MediaFiles mediaFiles;
    private final PasswordHasher hasher;
    private final ClientAddress clientAddress;
    private final SessionCookie cookies;
    private final SecurityConfig config;
    private final Clock clock;

    public SharedResource(ShareAccess access, ShareLinkRepository links, MediaItemRepository items,
            AlbumRepository albums, ThumbnailSourceRepository thumbnails, ThumbnailDelivery delivery,
            MediaFileRepository files, MediaFiles mediaFiles, PasswordHasher hasher,
            ClientAddress clientAddress, SessionCookie cookies, SecurityConfig config, Clock clock) {
        this.access = access;
        this.links = links;
        this.items = items;
        this.albums = albums;
        this.thumbnails = thumbnails;
        this.delivery = delivery;
        this.files = files;
        this.mediaFiles = mediaFiles;
        this.hasher = hasher;
        this.clientAddress = clientAddress;
        this.cookies = cookies;
        this.config = config;
        this.clock = clock;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "What a share link opens")
    public Uni<SharedView> view(@PathParam("token") String token, @CookieParam(GRANT_COOKIE) String grant,
            @Context HttpServerRequest http) {
        return access.openUnlocked(token, grant, clientAddress.of(http))
                .chain(link -> itemIds(link).chain(this::load).chain(shared -> title(link)
                        .map(title -> new SharedView(link.scope().name().toLowerCase(java.util.Locale.ROOT), title,
                                link.expiresAt(), shared))));
    }

    @POST
    @Path("/unlock")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Give a protected link's password: sets a cookie that opens the link in this browser")
    public Uni<Response> unlock(@PathParam("token") String token, Unlock request, @Context HttpServerRequest http) {
        if (request == null) {
            throw new InvalidRequestException("Send {\"password\": \"…\"}.");
        }
        String password = Credentials.offeredPassword(request.password());
        String clientIp = clientAddress.of(http);
        return access.open(token, clientIp).chain(link -> {
            if (!link.needsPassword()) {
                return Uni.createFrom().item(Response.noContent().build());
            }
            return hasher.verify(password, link.passwordHash()).chain(matches -> {
                if (!matches) {
                    access.wrongPassword(clientIp);
                    return Uni.createFrom().failure(new RefusedException(401, "Wrong password for this share link."));
                }
                String grant = SecretTokens.generate();
                Instant expiresAt = clock.instant().plus(config.shareGrantTtl());
                return links.createGrant(SecretTokens.digest(grant), link.id(), expiresAt)
                        .replaceWith(() -> Response.noContent().cookie(cookies.build(GRANT_COOKIE, grant,
                                "/api/v1/shared/" + token, (int) config.shareGrantTtl().toSeconds())).build());
            });
        });
    }

    @GET
    @Path("/items/{id}/thumbnails/{size}")
    @Produces({"image/jpeg", Problem.MEDIA_TYPE})
    @Operation(summary = "A thumbnail of a shared item")
    public Uni<Response> thumbnail(@PathParam("token") String token, @PathParam("id") String id,
            @PathParam("size") String size, @CookieParam(GRANT_COOKIE) String grant, Request request,
            @Context HttpServerRequest http) {
        long itemId = Ids.parse(id, "A media id");
        String sizeName = ThumbnailSizes.parse(size);
        return access.openUnlocked(token, grant, clientAddress.of(http))
                .chain(this::itemIds)
                .chain(ids -> {
                    if (!ids.contains(itemId)) {
                        return Uni.createFrom().failure(new RefusedException(404,
                                "This share link does not include item " + itemId + "."));
                    }
                    return thumbnails.findById(itemId);
                })
                .chain(found -> delivery.serve(found.orElseThrow(() -> new RefusedException(404,
                        "This share link does not include item " + itemId + ".")), sizeName, request, SHARED_CACHING));
    }

    @GET
    @Path("/items/{id}/video")
    @Operation(summary = "A shared video as browsers play it, with ranges for seeking")
    public Uni<Response> video(@PathParam("token") String token, @PathParam("id") String id,
            @CookieParam(GRANT_COOKIE) String grant, Request request, @Context HttpHeaders headers,
            @Context HttpServerRequest http) {
        long itemId = Ids.parse(id, "A media id");
        return access.openUnlocked(token, grant, clientAddress.of(http))
                .chain(this::itemIds)
                .chain(ids -> {
                    if (!ids.contains(itemId)) {
                        return Uni.createFrom().failure(new RefusedException(404,
                                "This share link does not include item " + itemId + "."));
                    }
                    return files.findById(itemId);
                })
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(found -> mediaFiles.video(found.orElseThrow(() -> new RefusedException(404,
                        "This share link does not include item " + itemId + ".")), request, headers, SHARED_CACHING));
    }

    private Uni<String> title(ShareLink link) {
        return link.scope() == ShareLink.Scope.ALBUM
                ? albums.find(link.targetId()).map(album -> album.map(a -> a.title()).orElse(null))
                : Uni.createFrom().nullItem();
    }

    private Uni<List<Long>> itemIds(ShareLink link) {
        return switch (link.scope()) {
            case ITEM -> Uni.createFrom().item(List.of(link.targetId()));
            case ALBUM -> albums.itemIds(link.targetId());
        };
    }

    private Uni<List<SharedItem>> load(List<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return items.findByIds(ids).map(found -> found.stream().map(SharedItem::from).toList());
    }
}
