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
        Long durationMillis,
        /* added later, nullable: video codec as stored, e.g. "avc1", "hvc1" */
        String videoCodec,
        /* audio codec, e.g. "mp4a" */
        String audioCodec,
        /* video rotation in degrees: 0, 90, 180, 270 */
        Integer rotation,
        /* frames per second */
        Double fps) implements DarkroomEvent {

    /** The fields of the first version of the record (producers and tests that know no video details). */
    public MediaIndexed(UUID eventId, Instant occurredAt, int schemaVersion, String contentHash, FileLocation location,
            MediaKind kind, String mimeType, Integer width, Integer height, Integer orientation, Instant takenAt,
            Long durationMillis) {
        this(eventId, occurredAt, schemaVersion, contentHash, location, kind, mimeType, width, height, orientation,
                takenAt, durationMillis, null, null, null, null);
    }

    public static MediaIndexed of(String contentHash, FileLocation location, MediaKind kind, String mimeType,
            Integer width, Integer height, Integer orientation, Instant takenAt, Long durationMillis) {
        return of(contentHash, location, kind, mimeType, width, height, orientation, takenAt, durationMillis, null,
                null, null, null);
    }

    public static MediaIndexed of(String contentHash, FileLocation location, MediaKind kind, String mimeType,
            Integer width, Integer height, Integer orientation, Instant takenAt, Long durationMillis,
            String videoCodec, String audioCodec, Integer rotation, Double fps) {
        return new MediaIndexed(UUID.randomUUID(), Instant.now(), SCHEMA_VERSION, contentHash, location, kind,
                mimeType, width, height, orientation, takenAt, durationMillis, videoCodec, audioCodec, rotation, fps);
    }

    @Override
    public String key() {
        return contentHash;
    }
}
