package io.darkroom.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * A stage gave up on a file, with a reason a person can read. index-service records it as the item's
 * visible status; nothing is dropped silently.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProcessingFailed(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        /* null when the failure happened before the content was hashed */
        String contentHash,
        FileLocation location,
        ProcessingStage stage,
        FailureKind kind,
        String reason) implements DarkroomEvent {

    public static ProcessingFailed of(String contentHash, FileLocation location, ProcessingStage stage,
            FailureKind kind, String reason) {
        return new ProcessingFailed(UUID.randomUUID(), Instant.now(), SCHEMA_VERSION, contentHash, location, stage,
                kind, reason);
    }

    /** Keyed like the record that failed: by content when known, else by location. */
    @Override
    public String key() {
        return contentHash != null ? contentHash : location.key();
    }
}
