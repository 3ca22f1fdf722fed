package io.darkroom.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/** The same content left {@code from} and appeared at {@code to}: the item keeps its identity. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FileMoved(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        FileLocation from,
        FileLocation to,
        String contentHash,
        long sizeBytes,
        Instant modifiedAt) implements FileEvent {

    public static FileMoved of(FileLocation from, FileLocation to, String contentHash, long sizeBytes,
            Instant modifiedAt) {
        return new FileMoved(UUID.randomUUID(), Instant.now(), SCHEMA_VERSION, from, to, contentHash, sizeBytes,
                modifiedAt);
    }

    /** Keyed by the destination: later events about the file are about its new path. */
    @Override
    public String key() {
        return to.key();
    }
}
