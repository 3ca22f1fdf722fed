package io.darkroom.gateway.api;

import io.darkroom.gateway.domain.MediaId;
import io.darkroom.gateway.domain.MediaNotFoundException;
import io.darkroom.gateway.domain.ThumbnailSizes;
import io.darkroom.gateway.persistence.ThumbnailSourceRepository;
import io.smallrye.mutiny.Uni;
import io.darkroom.gateway.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Thumbnails of an item by its id. The item's content may change (an edited file keeps its id), so the answer is
 * revalidated each time: a 304 while the ETag (content hash and size) still matches. A missing on-demand size is
 * made on the first request ({@link ThumbnailDelivery}).
 *
 * <p>Every signed-in role may fetch them.
 */
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
@Path("/api/v1/media/{id}/thumbnails")
@Produces({"image/jpeg", Problem.MEDIA_TYPE})
public class MediaThumbnailResource {

    static final String REVALIDATE = "private, no-cache";

    private final ThumbnailSourceRepository repository;
    private final ThumbnailDelivery delivery;

    public MediaThumbnailResource(ThumbnailSourceRepository repository, ThumbnailDelivery delivery) {
        this.repository = repository;
        this.delivery = delivery;
    }

    @GET
    @Path("/{size}")
    @Operation(summary = "A thumbnail of an item's current content; on-demand sizes are made on the first request")
    public Uni<Response> byItem(@PathParam("id") String id, @PathParam("size") String size, Request request) {
        long mediaId = MediaId.parse(id);
        String sizeName = ThumbnailSizes.parse(size);
        return repository.findById(mediaId).chain(found -> delivery.serve(
                found.orElseThrow(() -> new MediaNotFoundException(mediaId)), sizeName, request, REVALIDATE));
    }
}
