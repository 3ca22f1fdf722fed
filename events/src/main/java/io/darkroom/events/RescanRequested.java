package io.darkroom.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * A command to ingest-service: scan a library root, or one folder of it, now instead of at the next scheduled scan
 * (an upload just landed, the admin pressed "rescan"). Published by api-gateway on {@link Topics#RESCAN_REQUESTED},
 * keyed by root name. A whole-root rescan is a full reconciliation (it may publish removals); a folder rescan
 * publishes new, changed and moved files only.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RescanRequested(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        /* the name of a configured library root */
        String root,
        /* a folder relative to the root, forward slashes; null or empty for the whole root */
        String folder,
        /* who asked, for the log: e.g. "admin", "upload" */
        String requestedBy) implements DarkroomEvent {

    public static RescanRequested of(String root, String folder, String requestedBy) {
        return new RescanRequested(UUID.randomUUID(), Instant.now(), SCHEMA_VERSION, root, folder, requestedBy);
    }

    /** Whether the whole root is to be scanned. */
    public boolean wholeRoot() {
        return folder == null || folder.isEmpty();
    }

    @Override
    public String key() {
        return root;
    }
}
