package io.darkroom.gateway.api;

import io.darkroom.gateway.messaging.LiveUpdates;
import io.darkroom.gateway.security.Role;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Server-sent events for open galleries: new items, thumbnails made, transcode progress, failures. */
@Path("/api/v1/events")
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
public class LiveResource {

    private final LiveUpdates updates;

    public LiveResource(LiveUpdates updates) {
        this.updates = updates;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "A stream of what the pipeline does: {type: indexed|thumbnails|progress|transcoded|failed|ping,"
            + " contentHash, percent, fps}")
    public Multi<LiveUpdates.LiveUpdate> events() {
        return updates.stream();
    }
}
