package io.darkroom.gateway.api;

import io.darkroom.events.ReindexRequested;
import io.darkroom.gateway.domain.Ids;
import io.darkroom.gateway.domain.InvalidRequestException;
import io.darkroom.gateway.domain.RefusedException;
import io.darkroom.gateway.messaging.ReindexRequestPublisher;
import io.darkroom.gateway.persistence.AuditLog;
import io.darkroom.gateway.persistence.ReindexTargets;
import io.darkroom.gateway.security.ClientAddress;
import io.darkroom.gateway.security.Role;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The admin's re-index and retry: one {@link ReindexRequested} per item to index-service, which reads the file again
 * where it is now, records what it finds and announces the item again, so the workers redo their part. Admins only,
 * audited; 202 once Kafka has every command.
 */
@jakarta.inject.Singleton
@Path("/api/v1/library/reindex")
@Produces(MediaType.APPLICATION_JSON)
public class ReindexResource {

    static final int MAX_ITEMS = 500;
    private static final int NAMED = 20;
    private static final String SHAPE = "Send {\"items\": [\"<item id>\", ...]} with 1 to " + MAX_ITEMS
            + " item ids, or {\"failed\": true} for every failed item.";

    /** The answer: how many items were sent to be read again. */
    public record ReindexAccepted(int requested) {
    }

    private final ReindexTargets targets;
    private final ReindexRequestPublisher publisher;
    private final AuditLog audit;
    private final ClientAddress clientAddress;
    private final SecurityIdentity identity;

    public ReindexResource(ReindexTargets targets, ReindexRequestPublisher publisher, AuditLog audit,
            ClientAddress clientAddress, SecurityIdentity identity) {
        this.targets = targets;
        this.publisher = publisher;
        this.audit = audit;
        this.clientAddress = clientAddress;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Read items again: the ones named, or every failed one (retry)",
            description = "Body: {\"items\": [\"<item id>\", ...]} (1 to 500 ids of existing items; unknown ids: 404)"
                    + " or {\"failed\": true} (every item whose indexing, thumbnails or transcode failed). index-service"
                    + " reads each file again at its current location, clears an old failure or records the new reason,"
                    + " and announces the item again so thumbnails and transcodes are made again. Answers 202"
                    + " {\"requested\": n} once Kafka has every command.")
    @RolesAllowed(Role.ADMIN_NAME)
    public Uni<Response> reindex(ReindexRequest request, @Context HttpServerRequest http) {
        if (request == null || (request.items() == null) == (request.failed() == null)) {
            throw new InvalidRequestException(SHAPE);
        }
        if (request.failed() != null) {
            if (!request.failed()) {
                throw new InvalidRequestException("\"failed\" can only be true. " + SHAPE);
            }
            return targets.failed().chain(ids -> send(ids, "failed items (" + ids.size() + ")", http));
        }
        List<Long> ids = parse(request.items());
        return targets.known(ids).chain(known -> {
            List<Long> unknown = ids.stream().filter(id -> !known.contains(id)).toList();
            if (!unknown.isEmpty()) {
                throw new RefusedException(404, "No such items: " + named(unknown) + ".");
            }
            return send(ids, "items " + named(ids), http);
        });
    }

    private Uni<Response> send(List<Long> ids, String target, HttpServerRequest http) {
        String by = identity.getPrincipal().getName();
        return publisher.publish(ids.stream().map(id -> ReindexRequested.of(id, by)).toList())
                .chain(() -> audit.record(by, "REINDEX", target, clientAddress.of(http)))
                .replaceWith(() -> Response.accepted(new ReindexAccepted(ids.size())).build());
    }

    private static List<Long> parse(List<String> items) {
        if (items.isEmpty() || items.size() > MAX_ITEMS) {
            throw new InvalidRequestException(SHAPE);
        }
        Set<Long> ids = new LinkedHashSet<>();
        for (String item : items) {
            ids.add(Ids.parse(item, "An item id"));
        }
        return new ArrayList<>(ids);
    }

    /** The ids for a message: the first few, and how many more. */
    private static String named(List<Long> ids) {
        String shown = ids.stream().limit(NAMED).map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("");
        return ids.size() <= NAMED ? shown : shown + " and " + (ids.size() - NAMED) + " more";
    }
}
