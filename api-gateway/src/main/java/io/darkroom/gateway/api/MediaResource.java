package io.darkroom.gateway.api;

import io.darkroom.gateway.GatewayConfig;
import io.darkroom.gateway.domain.MediaId;
import io.darkroom.gateway.domain.MediaNotFoundException;
import io.darkroom.gateway.domain.MonthCount;
import io.darkroom.gateway.domain.TimelineFilter;
import io.darkroom.gateway.domain.TimelinePageRequest;
import io.darkroom.gateway.persistence.LivePhotoRepository;
import io.darkroom.gateway.persistence.MediaItemRepository;
import io.smallrye.mutiny.Uni;
import io.darkroom.gateway.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The media timeline and single items. Parameters arrive as strings so that a malformed value is answered with a
 * 400 Problem that names the parameter, not a bare 404.
 *
 * <p>Every signed-in role may read.
 */
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
@Path("/api/v1/media")
@Produces(MediaType.APPLICATION_JSON)
@jakarta.inject.Singleton
public class MediaResource {

    private final MediaItemRepository repository;
    private final GatewayConfig config;
    private final LivePhotoRepository livePhotos;
    private final Uni<List<MonthCount>> months;

    public MediaResource(MediaItemRepository repository, LivePhotoRepository livePhotos, GatewayConfig config) {
        this.repository = repository;
        this.livePhotos = livePhotos;
        this.config = config;
        Uni<List<MonthCount>> counted = Uni.createFrom().deferred(repository::months);
        // a scan of the whole timeline: counted at most once per status-cache period
        this.months = config.statusCacheTtl().isZero() ? counted : counted.memoize().atLeast(config.statusCacheTtl());
    }

    @GET
    @Operation(summary = "The timeline: indexed and failed items, newest first, undated items last; narrowed by any"
            + " of the filters")
    public Uni<MediaPageResponse> timeline(
            @Parameter(description = "Items per page, 1 to 500 (default 100)") @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page; omit for the first page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Taken on or after this date (2024-06-01) or instant") @QueryParam("from") String from,
            @Parameter(description = "Taken before this date or instant") @QueryParam("to") String to,
            @Parameter(description = "Taken in this year (UTC)") @QueryParam("year") String year,
            @Parameter(description = "...and this month, 1 to 12") @QueryParam("month") String month,
            @Parameter(description = "Camera make, as normalised (Nikon, Apple)") @QueryParam("make") String make,
            @Parameter(description = "Camera model (needs make)") @QueryParam("model") String model,
            @Parameter(description = "image, raw, video, animated or live_photo") @QueryParam("kind") String kind,
            @Parameter(description = "true: favourites only") @QueryParam("favourite") String favourite,
            @Parameter(description = "Items of this album, in taken order") @QueryParam("album") String album,
            @Parameter(description = "Library root of the folder filter") @QueryParam("root") String root,
            @Parameter(description = "Folder inside the root ('' or omitted: its top)") @QueryParam("folder") String folder,
            @Parameter(description = "Words in the file name, title, description or keywords") @QueryParam("q") String q,
            @Parameter(description = "true: the archive instead of the timeline") @QueryParam("archived") String archived) {
        TimelinePageRequest request = TimelinePageRequest.of(limit, cursor, config.timelineDefaultLimit(),
                config.timelineMaxLimit());
        TimelineFilter filter = TimelineFilter.of(new TimelineFilter.Params(from, to, year, month, make, model, kind,
                favourite, album, root, folder, q, archived));
        return repository.timeline(request, filter).map(MediaPageResponse::from);
    }

    @GET
    @Path("/months")
    @Operation(summary = "Items per month, newest first: the timeline's scrubber")
    public Uni<List<MonthCount>> months() {
        return months;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One item with all its metadata, whatever its status; a Live Photo's still names its motion"
            + " half (motionItemId)")
    public Uni<MediaItemResponse> item(@PathParam("id") String id) {
        long mediaId = MediaId.parse(id);
        return repository.findWithDetails(mediaId).map(found -> found
                .map(full -> MediaItemResponse.from(full.item(), full.details()))
                .orElseThrow(() -> new MediaNotFoundException(mediaId)))
                .chain(item -> "IMAGE".equals(item.kind())
                        ? livePhotos.motionOf(mediaId).map(motion -> item.withMotion(motion.orElse(null)))
                        : Uni.createFrom().item(item));
    }
}
