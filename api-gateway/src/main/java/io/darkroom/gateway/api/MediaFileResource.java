package io.darkroom.gateway.api;

import io.darkroom.gateway.domain.MediaId;
import io.darkroom.gateway.domain.MediaNotFoundException;
import io.darkroom.gateway.persistence.MediaFileRepository;
import io.darkroom.gateway.security.Role;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Originals and playable videos of an item, with HTTP ranges (seeking, resumed downloads) and ETags. No request
 * path reaches the file system: the id picks a catalog row, and its location is resolved under its library root
 * (no {@code ..}, no symlink out) or under the derived-files folder.
 */
@Path("/api/v1/media/{id}")
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
public class MediaFileResource {

    /** An item's content may change under its id: revalidate with the ETag each time. */
    static final String REVALIDATE = "private, no-cache";

    private final MediaFileRepository files;
    private final MediaFiles locations;

    public MediaFileResource(MediaFileRepository files, MediaFiles locations) {
        this.files = files;
        this.locations = locations;
    }

    @GET
    @Path("/original")
    @Operation(summary = "The original file, as it is in the library; ?download=true to save it")
    public Uni<Response> original(@PathParam("id") String id, @QueryParam("download") boolean download,
            @Context Request request, @Context HttpHeaders headers) {
        long mediaId = MediaId.parse(id);
        return files.findById(mediaId).emitOn(Infrastructure.getDefaultWorkerPool())
                .map(found -> locations.original(found.orElseThrow(() -> new MediaNotFoundException(mediaId)), download,
                        request, headers, REVALIDATE));
    }

    @GET
    @Path("/video")
    @Operation(summary = "The video as browsers play it: the transcode, or the original when it plays as is")
    public Uni<Response> video(@PathParam("id") String id, @Context Request request, @Context HttpHeaders headers) {
        long mediaId = MediaId.parse(id);
        return files.findById(mediaId).emitOn(Infrastructure.getDefaultWorkerPool())
                .map(found -> locations.video(found.orElseThrow(() -> new MediaNotFoundException(mediaId)), request,
                        headers, REVALIDATE));
    }
}
