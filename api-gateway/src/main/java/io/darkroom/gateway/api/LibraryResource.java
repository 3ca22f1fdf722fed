package io.darkroom.gateway.api;

import io.darkroom.events.RescanRequested;
import io.darkroom.gateway.GatewayConfig;
import io.darkroom.gateway.domain.InvalidRequestException;
import io.darkroom.gateway.domain.RescanTarget;
import io.darkroom.gateway.messaging.QueueDepthProbe;
import io.darkroom.gateway.messaging.RescanRequestPublisher;
import io.darkroom.gateway.persistence.MediaItemRepository;
import io.darkroom.gateway.persistence.AuditLog;
import io.darkroom.gateway.persistence.LibraryBrowseRepository;
import io.darkroom.gateway.domain.Ids;
import io.darkroom.gateway.domain.PageLimit;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import io.darkroom.gateway.security.ClientAddress;
import io.darkroom.gateway.security.Role;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * How far the library got; the launcher polls it for its progress line.
 *
 * <p>Every signed-in role may read the status; only admins may order a rescan (audited).
 */
@jakarta.inject.Singleton
@Path("/api/v1/library")
@Produces(MediaType.APPLICATION_JSON)
public class LibraryResource {

    private final Uni<LibraryStatusResponse> status;
    private final RescanRequestPublisher rescans;
    private final LibraryBrowseRepository browse;
    private final AuditLog audit;
    private final ClientAddress clientAddress;
    private final SecurityIdentity identity;

    public LibraryResource(MediaItemRepository repository, GatewayConfig config, RescanRequestPublisher rescans,
            AuditLog audit, ClientAddress clientAddress, SecurityIdentity identity, QueueDepthProbe queues,
            LibraryBrowseRepository browse) {
        this.browse = browse;
        this.rescans = rescans;
        this.audit = audit;
        this.clientAddress = clientAddress;
        this.identity = identity;
        Uni<LibraryStatusResponse> counted = Uni.createFrom().deferred(() -> Uni.combine().all()
                .unis(repository.counts(), queues.read()).with(LibraryStatusResponse::from));
        // Polled often and a full count of the catalog: answer from a short-lived memo.
        this.status = config.statusCacheTtl().isZero() ? counted
                : counted.memoize().atLeast(config.statusCacheTtl());
    }

    @GET
    @Path("/status")
    @Operation(summary = "Item counts by status and by thumbnail and transcode stage")
    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
    public Uni<LibraryStatusResponse> status() {
        return status;
    }

    @POST
    @Path("/rescan")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask ingest-service to scan a library root, or one folder of it, now",
            description = "A whole-root rescan is a full reconciliation (it may publish removals); a folder rescan"
                    + " finds new, changed and moved files only. Answers 202 once Kafka has the command.")
    @RolesAllowed(Role.ADMIN_NAME)
    public Uni<Response> rescan(RescanRequest request, @Context HttpServerRequest http) {
        if (request == null) {
            throw new InvalidRequestException("Send a JSON body such as {\"root\": \"family\", \"folder\": \"2024\"}.");
        }
        RescanTarget target = RescanTarget.of(request.root(), request.folder());
        RescanRequested command = RescanRequested.of(target.root(), target.folder(), "api");
        return rescans.publish(command)
                .chain(() -> audit.record(identity.getPrincipal().getName(), "RESCAN",
                        target.root() + (target.folder() == null ? "" : "/" + target.folder()), clientAddress.of(http)))
                .replaceWith(() -> Response.accepted(
                new RescanAccepted(command.eventId(), command.root(), command.folder())).build());
    }

    /** {@code nextCursor}: pass as {@code before} for the next page. */
    public record FailuresPage(List<MediaItemResponse> items, Long nextCursor) {
    }

    @GET
    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
    @Path("/failures")
    @Operation(summary = "Items that failed to index, thumbnail or transcode, with the reasons; newest first")
    public Uni<FailuresPage> failures(@QueryParam("limit") String limit, @QueryParam("before") String before) {
        int size = PageLimit.parse(limit, LibraryBrowseResource.PAGE, LibraryBrowseResource.MAX_PAGE);
        return browse.failures(before == null ? null : Ids.parse(before, "before"), size)
                .map(found -> new FailuresPage(found.stream().map(MediaItemResponse::from).toList(),
                        found.size() == size ? found.get(found.size() - 1).id() : null));
    }
}
