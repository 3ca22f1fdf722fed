package io.darkroom.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
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
        Double fps,
        /* added later, written only when true: an admin asked for the item again (ReindexRequested), so workers make
           its derived files anew, replacing those on disk, instead of reusing them */
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean redo) implements DarkroomEvent {

    /** The fields before {@code redo} (every announcement but a requested re-index). */
    public MediaIndexed(UUID eventId, Instant occurredAt, int schemaVersion, String contentHash, FileLocation location,
            MediaKind kind, String mimeType, Integer width, Integer height, Integer orientation, Instant takenAt,
            Long durationMillis, String videoCodec, String audioCodec, Integer rotation, Double fps) {
        this(eventId, occurredAt, schemaVersion, contentHash, location, kind, mimeType, width, height, orientation,
                takenAt, durationMillis, videoCodec, audioCodec, rotation, fps, null);
    }

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

    /** Whether the workers are to make the derived files again even where they exist. */
    public boolean redoRequested() {
        return Boolean.TRUE.equals(redo);
    }

    /** The same announcement, asking the workers to redo their part. */
    public MediaIndexed asRedo() {
        return new MediaIndexed(eventId, occurredAt, schemaVersion, contentHash, location, kind, mimeType, width, height,
                orientation, takenAt, durationMillis, videoCodec, audioCodec, rotation, fps, Boolean.TRUE);
    }

    @Override
    public String key() {
        return contentHash;
    }
}
