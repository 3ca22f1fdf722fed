package io.darkroom.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.darkroom.gateway.domain.MediaDetails;
import io.darkroom.gateway.domain.MediaItem;
import java.time.Instant;

/**
 * One item in the API: {@code path} is relative to its {@code root}; {@code takenAtZone} is the offset the file
 * states (+02:00), null when it does not say; {@code failure} is null unless it failed; {@code motionItemId} (the
 * detail view only) is a Live Photo still's motion half, whose {@code /video} plays it.
 */
public record MediaItemResponse(
        long id,
        String fileName,
        String root,
        String path,
        String status,
        String kind,
        String mimeType,
        Instant takenAt,
        String takenAtSource,
        String takenAtZone,
        boolean favourite,
        Long durationMs,
        Integer width,
        Integer height,
        Integer orientation,
        String contentHash,
        FailureResponse failure,
        String thumbnailStatus,
        String transcodeStatus,
        @JsonInclude(JsonInclude.Include.NON_NULL) MediaDetails details,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long motionItemId) {

    /** The failed stage (INGEST, INDEX, THUMBNAIL, TRANSCODE), the kind of failure, and a reason a user understands. */
    public record FailureResponse(String stage, String kind, String reason) {
    }

    public static MediaItemResponse from(MediaItem item) {
        return from(item, null);
    }

    /** With {@code details} (the detail view); the timeline leaves them out. */
    public static MediaItemResponse from(MediaItem item, MediaDetails details) {
        MediaItem.Failure failure = item.failure();
        return new MediaItemResponse(item.id(), item.fileName(), item.root(), item.relativePath(), item.status(),
                item.kind(), item.mimeType(), item.takenAt(), item.takenAtSource(), item.takenAtZone(), item.favourite(), item.durationMs(), item.width(), item.height(),
                item.orientation(), item.contentHash(),
                failure == null ? null : new FailureResponse(failure.stage(), failure.kind(), failure.reason()),
                item.thumbnailStatus(), item.transcodeStatus(), details, null);
    }

    /** This item with its Live Photo motion half's id (null: none). */
    public MediaItemResponse withMotion(Long motionId) {
        return new MediaItemResponse(id, fileName, root, path, status, kind, mimeType, takenAt, takenAtSource,
                takenAtZone, favourite, durationMs, width, height, orientation, contentHash, failure, thumbnailStatus,
                transcodeStatus, details, motionId);
    }
}
