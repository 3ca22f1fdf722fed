package io.darkroom.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * A command to index-service, the only writer of the catalog: mark an item as a favourite (or not) and archive it
 * (or bring it back). Published by api-gateway on {@link Topics#ITEM_MARKS}, keyed by item id, so one item's marks
 * are applied in the order they were made. A null mark is left as it is. Setting a mark is idempotent.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ItemMarkRequested(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        long itemId,
        /* true or false; null: unchanged */
        Boolean favourite,
        /* true or false; null: unchanged */
        Boolean archived,
        /* the username, for the log */
        String requestedBy) implements DarkroomEvent {

    public static ItemMarkRequested of(long itemId, Boolean favourite, Boolean archived, String requestedBy) {
        return new ItemMarkRequested(UUID.randomUUID(), Instant.now(), SCHEMA_VERSION, itemId, favourite, archived,
                requestedBy);
    }

    @Override
    public String key() {
        return Long.toString(itemId);
    }
}
