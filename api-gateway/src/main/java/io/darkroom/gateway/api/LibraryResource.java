package io.darkroom.gateway.api;

import io.darkroom.gateway.GatewayConfig;
import io.darkroom.gateway.persistence.MediaItemRepository;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * How far the library got; the launcher polls it for its progress line.
 *
 * <p>Open to anyone who can reach the port for now: authentication comes with a later issue.
 */
@jakarta.inject.Singleton
@Path("/api/v1/library")
@Produces(MediaType.APPLICATION_JSON)
public class LibraryResource {

    private final Uni<LibraryStatusResponse> status;

    public LibraryResource(MediaItemRepository repository, GatewayConfig config) {
        Uni<LibraryStatusResponse> counted = Uni.createFrom().deferred(repository::counts)
                .map(LibraryStatusResponse::from);
        // Polled often and a full count of the catalog: answer from a short-lived memo.
        this.status = config.statusCacheTtl().isZero() ? counted
                : counted.memoize().atLeast(config.statusCacheTtl());
    }

    @GET
    @Path("/status")
    @Operation(summary = "Item counts by status and by thumbnail and transcode stage")
    public Uni<LibraryStatusResponse> status() {
        return status;
    }
}
