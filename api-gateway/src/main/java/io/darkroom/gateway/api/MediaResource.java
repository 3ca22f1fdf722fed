package io.darkroom.gateway.api;

import io.darkroom.gateway.GatewayConfig;
import io.darkroom.gateway.domain.MediaId;
import io.darkroom.gateway.domain.MediaNotFoundException;
import io.darkroom.gateway.domain.TimelinePageRequest;
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
public class MediaResource {

    private final MediaItemRepository repository;
    private final GatewayConfig config;

    public MediaResource(MediaItemRepository repository, GatewayConfig config) {
        this.repository = repository;
        this.config = config;
    }

    @GET
    @Operation(summary = "The timeline: indexed and failed items, newest first, undated items last")
    public Uni<MediaPageResponse> timeline(
            @Parameter(description = "Items per page, 1 to 500 (default 100)") @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page; omit for the first page") @QueryParam("cursor") String cursor) {
        TimelinePageRequest request = TimelinePageRequest.of(limit, cursor, config.timelineDefaultLimit(),
                config.timelineMaxLimit());
        return repository.timeline(request).map(MediaPageResponse::from);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One item, whatever its status")
    public Uni<MediaItemResponse> item(@PathParam("id") String id) {
        long mediaId = MediaId.parse(id);
        return repository.findById(mediaId)
                .map(item -> item.map(MediaItemResponse::from).orElseThrow(() -> new MediaNotFoundException(mediaId)));
    }
}
