package io.darkroom.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * A command to thumbnail-service: make one on-demand size (e.g. {@code fit-3840}) of a content that is not in the
 * standard set. Published by api-gateway on {@link Topics#THUMBNAIL_REQUESTED}, keyed by content hash. It carries
 * what the worker needs from the catalog (where the original is, its kind and orientation), so the worker reads no
 * database; thumbnail-service answers with {@link ThumbnailsGenerated} listing the size.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ThumbnailRequested(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String contentHash,
        /* the size name, e.g. "fit-2560" */
        String size,
        /* one place the original of this content lives */
        FileLocation location,
        MediaKind kind,
        /* EXIF orientation 1..8, nullable */
        Integer orientation,
        /* pixel dimensions from the index, nullable */
        Integer width,
        Integer height) implements DarkroomEvent {

    public static ThumbnailRequested of(String contentHash, String size, FileLocation location, MediaKind kind,
            Integer orientation, Integer width, Integer height) {
        return new ThumbnailRequested(UUID.randomUUID(), Instant.now(), SCHEMA_VERSION, contentHash, size, location,
                kind, orientation, width, height);
    }

    @Override
    public String key() {
        return contentHash;
    }
}
