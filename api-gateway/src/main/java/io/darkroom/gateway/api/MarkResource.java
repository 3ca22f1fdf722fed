package io.darkroom.gateway.api;

import io.darkroom.events.ItemMarkRequested;
import io.darkroom.gateway.domain.InvalidRequestException;
import io.darkroom.gateway.domain.MediaId;
import io.darkroom.gateway.domain.MediaItem;
import io.darkroom.gateway.domain.MediaNotFoundException;
import io.darkroom.gateway.messaging.ItemMarkPublisher;
import io.darkroom.gateway.persistence.MediaItemRepository;
import io.darkroom.gateway.security.Role;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Favourites and the archive. index-service owns the catalog, so a mark travels to it as a command on Kafka; the
 * answer is 202 once Kafka has it, and the timeline shows it a moment later (the gallery updates at once).
 */
@Path("/api/v1/media")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
public class MarkResource {

    static final int MAX_ITEMS = 1000;

    /** Marks to set; one left out (null) stays as it is. */
    public record Marks(Boolean favourite, Boolean archived) {
    }

    public record BulkMarks(List<Long> itemIds, Boolean favourite, Boolean archived) {
    }

    public record MarksAccepted(int items, Boolean favourite, Boolean archived) {
    }

    private final MediaItemRepository items;
    private final ItemMarkPublisher publisher;
    private final SecurityIdentity identity;

    public MarkResource(MediaItemRepository items, ItemMarkPublisher publisher, SecurityIdentity identity) {
        this.items = items;
        this.publisher = publisher;
        this.identity = identity;
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Mark one item as a favourite (or not), archive it (or bring it back)")
    public Uni<Response> mark(@PathParam("id") String id, Marks marks) {
        long mediaId = MediaId.parse(id);
        check(marks == null ? null : marks.favourite(), marks == null ? null : marks.archived());
        return items.findById(mediaId)
                .invoke(found -> found.orElseThrow(() -> new MediaNotFoundException(mediaId)))
                .chain(() -> send(List.of(mediaId), marks.favourite(), marks.archived()));
    }

    @POST
    @Path("/marks")
    @Operation(summary = "Mark many items at once (a multi-selection)")
    public Uni<Response> markMany(BulkMarks marks) {
        if (marks == null || marks.itemIds() == null || marks.itemIds().isEmpty()
                || marks.itemIds().size() > MAX_ITEMS || marks.itemIds().stream().anyMatch(i -> i == null || i <= 0)) {
            throw new InvalidRequestException("Send {\"itemIds\": [...]} with 1 to " + MAX_ITEMS
                    + " positive ids, and favourite and/or archived.");
        }
        check(marks.favourite(), marks.archived());
        List<Long> ids = List.copyOf(new LinkedHashSet<>(marks.itemIds()));
        return items.findByIds(ids).chain(found -> {
            Set<Long> known = new HashSet<>(found.stream().map(MediaItem::id).toList());
            List<Long> unknown = ids.stream().filter(i -> !known.contains(i)).limit(10).toList();
            if (!unknown.isEmpty()) {
                throw new InvalidRequestException("No such items: " + unknown + ".");
            }
            return send(ids, marks.favourite(), marks.archived());
        });
    }

    private Uni<Response> send(List<Long> ids, Boolean favourite, Boolean archived) {
        String by = identity.getPrincipal().getName();
        return publisher.publish(ids.stream().map(id -> ItemMarkRequested.of(id, favourite, archived, by)).toList())
                .replaceWith(() -> Response.accepted(new MarksAccepted(ids.size(), favourite, archived)).build());
    }

    private static void check(Boolean favourite, Boolean archived) {
        if (favourite == null && archived == null) {
            throw new InvalidRequestException("Send favourite (true/false) and/or archived (true/false).");
        }
    }
}
