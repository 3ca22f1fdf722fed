package io.darkroom.gateway.api;

import io.darkroom.gateway.domain.ThumbnailSizes;
import io.darkroom.gateway.persistence.ThumbnailSourceRepository;
import io.darkroom.platform.storage.StorageLayout;
import io.smallrye.mutiny.Uni;
import io.darkroom.gateway.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Thumbnails by content hash, the address the web UI uses: its bytes never change, so it is cached for a year
 * ({@code immutable}). A missing on-demand size is made on the first request ({@link ThumbnailDelivery}).
 *
 * <p>Every signed-in role may fetch them. Content-hash answers are {@code public} so that Cloudflare caches them:
 * the hash is a capability only someone shown the item knows (docs/security.md).
 */
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
@Path("/api/v1/thumbnails")
@Produces({"image/jpeg", Problem.MEDIA_TYPE})
public class ThumbnailResource {

    static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private final ThumbnailSourceRepository repository;
    private final ThumbnailDelivery delivery;

    public ThumbnailResource(ThumbnailSourceRepository repository, ThumbnailDelivery delivery) {
        this.repository = repository;
        this.delivery = delivery;
    }

    @GET
    @Path("/{contentHash}/{size}")
    @Operation(summary = "A thumbnail by content hash: never changes, cached for a year")
    public Uni<Response> byContent(@PathParam("contentHash") String contentHash, @PathParam("size") String size,
            Request request) {
        String sizeName = ThumbnailSizes.parse(size);
        if (!StorageLayout.isContentHash(contentHash)) {
            throw new NotFoundException();
        }
        Optional<Response> made = delivery.serveMade(contentHash, sizeName, request, IMMUTABLE);
        if (made.isPresent()) {
            return Uni.createFrom().item(made.get());
        }
        return repository.findByContentHash(contentHash).chain(found -> delivery.serve(
                found.orElseThrow(NotFoundException::new), sizeName, request, IMMUTABLE));
    }
}
