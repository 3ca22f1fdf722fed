package io.darkroom.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/** A scan confirmed that the file at {@code location} is gone. The catalog marks it missing, never deletes. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FileRemoved(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        FileLocation location,
        /* the hash last published for this path, or null when it was never hashed */
        String contentHash) implements FileEvent {

    public static FileRemoved of(FileLocation location, String contentHash) {
        return new FileRemoved(UUID.randomUUID(), Instant.now(), SCHEMA_VERSION, location, contentHash);
    }

    @Override
    public String key() {
        return location.key();
    }
}
