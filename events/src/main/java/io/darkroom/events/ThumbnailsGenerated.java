package io.darkroom.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** thumbnail-service wrote these sizes for the content. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ThumbnailsGenerated(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String contentHash,
        List<Thumbnail> thumbnails) implements DarkroomEvent {

    public ThumbnailsGenerated {
        thumbnails = List.copyOf(thumbnails);
    }

    public static ThumbnailsGenerated of(String contentHash, List<Thumbnail> thumbnails) {
        return new ThumbnailsGenerated(UUID.randomUUID(), Instant.now(), SCHEMA_VERSION, contentHash, thumbnails);
    }

    @Override
    public String key() {
        return contentHash;
    }
}
