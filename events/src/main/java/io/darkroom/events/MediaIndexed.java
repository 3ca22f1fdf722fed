package io.darkroom.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * index-service catalogued an original; workers derive thumbnails and transcodes from it. Nullable
 * fields are unknown for this file.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MediaIndexed(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String contentHash,
        FileLocation location,
        MediaKind kind,
        String mimeType,
        Integer width,
        Integer height,
        /* EXIF orientation 1..8 */
        Integer orientation,
        Instant takenAt,
        Long durationMillis) implements DarkroomEvent {

    public static MediaIndexed of(String contentHash, FileLocation location, MediaKind kind, String mimeType,
            Integer width, Integer height, Integer orientation, Instant takenAt, Long durationMillis) {
        return new MediaIndexed(UUID.randomUUID(), Instant.now(), SCHEMA_VERSION, contentHash, location, kind,
                mimeType, width, height, orientation, takenAt, durationMillis);
    }

    @Override
    public String key() {
        return contentHash;
    }
}
