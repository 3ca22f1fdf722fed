package io.darkroom.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * A command to index-service, the only writer of the catalog: read this item's file again at its current location
 * (the admin's "re-index" or "retry" of a failed item), record the outcome (clearing an old failure, or the new
 * reason), and announce {@link MediaIndexed} again with {@code redo} set, so the workers make its thumbnails and
 * transcode again. Published by api-gateway on {@link Topics#REINDEX_REQUESTED}, one command per item, keyed by
 * item id. Applied at most once per {@code eventId}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReindexRequested(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        long itemId,
        /* the username, for the log */
        String requestedBy) implements DarkroomEvent {

    public static ReindexRequested of(long itemId, String requestedBy) {
        return new ReindexRequested(UUID.randomUUID(), Instant.now(), SCHEMA_VERSION, itemId, requestedBy);
    }

    @Override
    public String key() {
        return Long.toString(itemId);
    }
}
