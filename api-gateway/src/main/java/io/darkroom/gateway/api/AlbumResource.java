package io.darkroom.gateway.api;

import io.darkroom.gateway.domain.Album;
import io.darkroom.gateway.domain.AlbumPosition;
import io.darkroom.gateway.domain.Ids;
import io.darkroom.gateway.domain.InvalidRequestException;
import io.darkroom.gateway.domain.MediaItem;
import io.darkroom.gateway.domain.PageLimit;
import io.darkroom.gateway.domain.RefusedException;
import io.darkroom.gateway.persistence.AlbumRepository;
import io.darkroom.gateway.persistence.MediaItemRepository;
import io.darkroom.gateway.security.Caller;
import io.darkroom.gateway.security.Role;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Albums. The family shares one library, so every signed-in role sees every album; users and admins make albums,
 * and only an album's owner or an admin changes it.
 */
@Path("/api/v1/albums")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
public class AlbumResource {

    static final int MAX_TITLE = 200;
    static final int MAX_ITEMS_PER_REQUEST = 1000;
    static final int DEFAULT_PAGE = 200;
    static final int MAX_PAGE = 500;

    public record AlbumResponse(long id, String title, String owner, int itemCount, Long coverItemId,
            Instant createdAt, Instant updatedAt) {

        static AlbumResponse from(Album album) {
            return new AlbumResponse(album.id(), album.title(), album.ownerName(), album.itemCount(),
                    album.coverItemId(), album.createdAt(), album.updatedAt());
        }
    }

    /** One page of an album's items in album order; {@code nextCursor} is null on the last page. */
    public record AlbumPage(AlbumResponse album, List<MediaItemResponse> items, String nextCursor) {
    }

    public record NewAlbum(String title) {
    }

    /** Fields left out stay as they are; {@code coverItemId} must be one of the album's items. */
    public record AlbumChange(String title, Long coverItemId) {
    }

    public record ItemIds(List<Long> itemIds) {
    }

    public record ItemsChanged(int changed, AlbumResponse album) {
    }

    private final AlbumRepository albums;
    private final MediaItemRepository items;
    private final SecurityIdentity identity;
    private final Clock clock;

    public AlbumResource(AlbumRepository albums, MediaItemRepository items, SecurityIdentity identity, Clock clock) {
        this.albums = albums;
        this.items = items;
        this.identity = identity;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "Every album, the most recently changed first")
    public Uni<List<AlbumResponse>> list() {
        return albums.list().map(all -> all.stream().map(AlbumResponse::from).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    @Operation(summary = "A new, empty album")
    public Uni<Response> create(NewAlbum request) {
        String title = title(request == null ? null : request.title());
        return albums.create(Caller.of(identity).accountId(), title, clock.instant())
                .chain(this::existing)
                .map(album -> Response.status(Response.Status.CREATED).entity(AlbumResponse.from(album)).build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "An album and one page of its items, in album order")
    public Uni<AlbumPage> album(@PathParam("id") String id, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        long albumId = Ids.parse(id, "An album id");
        int size = PageLimit.parse(limit, DEFAULT_PAGE, MAX_PAGE);
        AlbumPosition after = AlbumPosition.parse(cursor);
        return existing(albumId).chain(album -> albums.page(albumId, after, size + 1).chain(positions -> {
            List<AlbumPosition> page = positions.size() > size ? positions.subList(0, size) : positions;
            String next = positions.size() > size ? page.get(page.size() - 1).toString() : null;
            return items.findByIds(page.stream().map(AlbumPosition::itemId).toList())
                    .map(found -> new AlbumPage(AlbumResponse.from(album),
                            found.stream().map(MediaItemResponse::from).toList(), next));
        }));
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    @Operation(summary = "Rename an album or choose its cover")
    public Uni<AlbumResponse> change(@PathParam("id") String id, AlbumChange change) {
        long albumId = Ids.parse(id, "An album id");
        if (change == null || change.title() == null && change.coverItemId() == null) {
            throw new InvalidRequestException("Send {\"title\"} and/or {\"coverItemId\"}.");
        }
        String title = change.title() == null ? null : title(change.title());
        return modifiable(albumId)
                .call(album -> change.coverItemId() == null ? Uni.createFrom().voidItem()
                        : albums.itemIds(albumId).invoke(ids -> {
                            if (!ids.contains(change.coverItemId())) {
                                throw new InvalidRequestException("The cover must be one of the album's items.");
                            }
                        }))
                .chain(album -> albums.update(albumId, title == null ? album.title() : title,
                        change.coverItemId() == null ? album.coverItemId() : change.coverItemId(), clock.instant()))
                .chain(() -> existing(albumId)).map(AlbumResponse::from);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    @Operation(summary = "Delete an album (its photos stay in the library)")
    public Uni<Response> delete(@PathParam("id") String id) {
        long albumId = Ids.parse(id, "An album id");
        return modifiable(albumId).chain(() -> albums.delete(albumId)).replaceWith(() -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/items")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    @Operation(summary = "Add items at the end, in the order given; items already in the album stay where they are")
    public Uni<ItemsChanged> addItems(@PathParam("id") String id, ItemIds request) {
        long albumId = Ids.parse(id, "An album id");
        List<Long> ids = itemIds(request);
        return modifiable(albumId)
                .chain(() -> items.findByIds(ids))
                .chain(found -> {
                    Set<Long> known = new HashSet<>(found.stream().map(MediaItem::id).toList());
                    List<Long> unknown = ids.stream().filter(i -> !known.contains(i)).limit(10).toList();
                    if (!unknown.isEmpty()) {
                        throw new InvalidRequestException("No such items: " + unknown + ".");
                    }
                    return albums.addItems(albumId, ids, clock.instant());
                })
                .chain(added -> existing(albumId).map(album -> new ItemsChanged(added, AlbumResponse.from(album))));
    }

    @POST
    @Path("/{id}/items/remove")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    @Operation(summary = "Take items out of the album (they stay in the library)")
    public Uni<ItemsChanged> removeItems(@PathParam("id") String id, ItemIds request) {
        long albumId = Ids.parse(id, "An album id");
        List<Long> ids = itemIds(request);
        return modifiable(albumId).chain(() -> albums.removeItems(albumId, ids, clock.instant()))
                .chain(removed -> existing(albumId).map(album -> new ItemsChanged(removed, AlbumResponse.from(album))));
    }

    @PUT
    @Path("/{id}/order")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    @Operation(summary = "Put the album's items in this order (the list holds each of its items once)")
    public Uni<AlbumResponse> reorder(@PathParam("id") String id, ItemIds request) {
        long albumId = Ids.parse(id, "An album id");
        if (request == null || request.itemIds() == null) {
            throw new InvalidRequestException("Send {\"itemIds\": [...]}, every item of the album once.");
        }
        List<Long> order = request.itemIds();
        return modifiable(albumId).chain(() -> albums.itemIds(albumId)).chain(current -> {
            if (order.size() != current.size() || new HashSet<>(order).size() != order.size()
                    || !new HashSet<>(current).equals(new HashSet<>(order))) {
                throw new InvalidRequestException("The order must list each of the album's " + current.size()
                        + " items exactly once.");
            }
            return albums.reorder(albumId, order, clock.instant());
        }).chain(() -> existing(albumId)).map(AlbumResponse::from);
    }

    private Uni<Album> existing(long albumId) {
        return albums.find(albumId).map(found -> found.orElseThrow(
                () -> new RefusedException(404, "There is no album " + albumId + ".")));
    }

    /** The album, if the caller may change it: its owner or an admin. */
    private Uni<Album> modifiable(long albumId) {
        Caller caller = Caller.of(identity);
        return existing(albumId).invoke(album -> {
            if (!caller.isAdmin() && album.ownerId() != caller.accountId()) {
                throw new RefusedException(403, "Only the album's owner (" + album.ownerName() + ") or an admin may"
                        + " change it.");
            }
        });
    }

    private static String title(String title) {
        String stripped = title == null ? "" : title.strip();
        if (stripped.isEmpty() || stripped.length() > MAX_TITLE || stripped.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException("An album title is 1 to " + MAX_TITLE
                    + " characters, without control characters.");
        }
        return stripped;
    }

    private static List<Long> itemIds(ItemIds request) {
        if (request == null || request.itemIds() == null || request.itemIds().isEmpty()
                || request.itemIds().size() > MAX_ITEMS_PER_REQUEST) {
            throw new InvalidRequestException("Send {\"itemIds\": [...]} with 1 to " + MAX_ITEMS_PER_REQUEST + " ids.");
        }
        if (request.itemIds().stream().anyMatch(i -> i == null || i <= 0)) {
            throw new InvalidRequestException("Item ids are positive whole numbers.");
        }
        return List.copyOf(new LinkedHashSet<>(request.itemIds()));
    }
}
