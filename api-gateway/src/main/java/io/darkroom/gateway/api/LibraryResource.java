package io.darkroom.gateway.api;

import io.darkroom.events.RescanRequested;
import io.darkroom.gateway.GatewayConfig;
import io.darkroom.gateway.domain.InvalidRequestException;
import io.darkroom.gateway.domain.RescanTarget;
import io.darkroom.gateway.messaging.RescanRequestPublisher;
import io.darkroom.gateway.persistence.MediaItemRepository;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * How far the library got; the launcher polls it for its progress line.
 *
 * <p>Open to anyone who can reach the port for now: authentication comes with a later issue, and the rescan action
 * will be for admins only.
 */
@jakarta.inject.Singleton
@Path("/api/v1/library")
@Produces(MediaType.APPLICATION_JSON)
public class LibraryResource {

    private final Uni<LibraryStatusResponse> status;
    private final RescanRequestPublisher rescans;

    public LibraryResource(MediaItemRepository repository, GatewayConfig config, RescanRequestPublisher rescans) {
        this.rescans = rescans;
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

    @POST
    @Path("/rescan")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask ingest-service to scan a library root, or one folder of it, now",
            description = "A whole-root rescan is a full reconciliation (it may publish removals); a folder rescan"
                    + " finds new, changed and moved files only. Answers 202 once Kafka has the command.")
    public Uni<Response> rescan(RescanRequest request) {
        if (request == null) {
            throw new InvalidRequestException("Send a JSON body such as {\"root\": \"family\", \"folder\": \"2024\"}.");
        }
        RescanTarget target = RescanTarget.of(request.root(), request.folder());
        RescanRequested command = RescanRequested.of(target.root(), target.folder(), "api");
        return rescans.publish(command).replaceWith(() -> Response.accepted(
                new RescanAccepted(command.eventId(), command.root(), command.folder())).build());
    }
}
