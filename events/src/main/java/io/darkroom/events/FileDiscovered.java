package io.darkroom.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/** A new file, or a file whose content changed, has settled at {@code location}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FileDiscovered(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        FileLocation location,
        /* lower-case hex SHA-256 of the content */
        String contentHash,
        long sizeBytes,
        Instant modifiedAt) implements FileEvent {

    public static FileDiscovered of(FileLocation location, String contentHash, long sizeBytes, Instant modifiedAt) {
        return new FileDiscovered(UUID.randomUUID(), Instant.now(), SCHEMA_VERSION, location, contentHash, sizeBytes,
                modifiedAt);
    }

    @Override
    public String key() {
        return location.key();
    }
}
